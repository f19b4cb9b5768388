import type { Knex } from 'knex';

/**
 * The coverage ledger's read (src/departments/street/coverageSource.ts) counts, per person, the
 * visits of an area's grids at which they were met in a three-month window. With the grid only on
 * `visits`, PostgreSQL joined the area's visits against a sequential scan of every member row of
 * the city (3.5 M rows at 1,000,000 residents: 3.5 s of a whole street's 5 s, bench/RESULTS.md).
 *
 * Each member row now carries its visit's grid (the household's grid at the time of the visit,
 * copied from `visits.grid_id` when written, never changed), and an index on (grid, time) holding
 * the person makes the ledger's read an index-only range scan of the area's members in the window.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE visit_members ADD COLUMN grid_id text;
    UPDATE visit_members m SET grid_id = v.grid_id FROM visits v WHERE v.id = m.visit_id;
    ALTER TABLE visit_members ALTER COLUMN grid_id SET NOT NULL;
    CREATE INDEX visit_members_grid_time_idx ON visit_members (grid_id, visited_at) INCLUDE (person_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX visit_members_grid_time_idx; ALTER TABLE visit_members DROP COLUMN grid_id;');
}
