import type { Knex } from 'knex';

/**
 * The two indexes a grid-scoped household search walks — households by building, then persons by
 * household — carry the columns that search reads, so PostgreSQL answers it from the indexes
 * alone (index-only scans, no heap visits): on 1,000,000 residents a grid's ~230 households and
 * ~620 members cost 0.9 ms of execution instead of 1.3 ms, and 1.4 ms of PostgreSQL CPU per
 * search instead of 1.7 (bench/SEARCH.md). They replace the plain indexes on the same keys, so
 * writes maintain no extra index. Both are built before the old ones are dropped: the drops take
 * an exclusive lock on their tables until the migration commits, so they come last. (The builds
 * block writes to the two tables while they run, ~2 s at 1M residents; a department that cannot
 * pause writes would build them CONCURRENTLY outside a transaction instead.)
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX households_building_code_cover_idx ON households (building_code)
      INCLUDE (search_key, household_no, room, kind, registered_on);
    CREATE INDEX persons_household_no_cover_idx ON persons (household_no) INCLUDE (id_number, birth_date);
    DROP INDEX households_building_code_idx;
    DROP INDEX persons_household_no_idx;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX households_building_code_idx ON households (building_code);
    CREATE INDEX persons_household_no_idx ON persons (household_no);
    DROP INDEX households_building_code_cover_idx;
    DROP INDEX persons_household_no_cover_idx;
  `);
}
