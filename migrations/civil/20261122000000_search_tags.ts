import type { Knex } from 'knex';

/**
 * Partial indexes for the service tags civil affairs answers (issue 5): who lives alone, and who
 * receives 低保 or 特困 now. A search sends a batch of candidates' ID numbers (`= ANY($1)`); these
 * small indexes answer it with index-only probes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX elderly_care_lives_alone_idx ON elderly_care (id_number) WHERE lives_alone;
    CREATE INDEX assistance_low_income_idx ON assistance (id_number)
      WHERE status = 'ACTIVE' AND kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX assistance_low_income_idx, elderly_care_lives_alone_idx');
}
