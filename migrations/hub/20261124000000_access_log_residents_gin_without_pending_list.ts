import type { Knex } from 'knex';

/**
 * The access log's residents index (GIN, what a resident's "who looked at my file" and an
 * auditor's per-resident queries use) is rebuilt WITH (fastupdate = off). With GIN's default
 * pending list, an insert that finds the 4 MB list full merges it into the index itself: one
 * append took up to 385 ms every few thousand records, and since appends hold the chain head's
 * lock, every request waiting to log waited with it (`npm run bench:append`, 32 writers: max wait
 * 385 ms; the hub's p99 at 32 clients rose 1.2–1.7× over the same hub with the log off). Without
 * the pending list each record pays for its own index entries, a steady cost instead of a stall:
 * 20,000 appends, 32 writers: max wait 385 -> 23 ms, p99 18 -> 20 ms, 3,598 -> 3,249 appends/s,
 * PostgreSQL CPU 0.17 -> 0.20 ms per append. (A 256 kB pending list kept the throughput but still
 * stalled 43 ms, p99 31 ms.)
 *
 * Defined on the partitioned parent so every monthly partition (existing and future) gets the same
 * options; it is rebuilt in the migration's transaction, which locks the whole log (appends, audit
 * reads, audit:verify) while it runs. A hub migrates before it serves, but with several instances
 * (a rolling deploy) the ones still running block on their appends until it commits: on a large
 * log, run it in a maintenance window.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX access_log_residents_idx;
    CREATE INDEX access_log_residents_idx ON access_log USING gin (residents) WITH (fastupdate = off);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX access_log_residents_idx;
    CREATE INDEX access_log_residents_idx ON access_log USING gin (residents);
  `);
}
