import type { Knex } from 'knex';

/**
 * Partial index for the NEEDS_HEALTH_FOLLOW_UP service tag (issue 5): persons with a chronic
 * condition under community follow-up management, probed by batches of ID numbers.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX chronic_conditions_managed_idx ON chronic_conditions (id_number) WHERE managed');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX chronic_conditions_managed_idx');
}
