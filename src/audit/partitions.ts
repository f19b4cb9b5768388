import type { Knex } from 'knex';

/**
 * Creates the access log's monthly partitions from the month of `from` for `months` months,
 * skipping existing ones. Needs the table owner's rights: called by the migration and at start-up
 * (for the current month and the next ones), never by the serving role.
 */
export async function ensureMonthlyPartitions(knex: Knex, from: Date, months: number): Promise<void> {
  for (let i = 0; i < months; i++) {
    const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const name = `access_log_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
    await knex.raw(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF access_log FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
    );
  }
}
