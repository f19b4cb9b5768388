import type { Knex } from 'knex';

const BEFORE = "'DISCLOSED', 'PARTIAL', 'NOTHING_FOUND', 'REFUSED', 'ERROR'";
const ANOMALY_COLUMNS = 'seq, subject, role, purpose, outcome, refusal, misses, residents_named';

/**
 * Two changes for issue 13.
 *
 * Records tell the truth about requests that did not end in a response: ABANDONED is the outcome
 * of a request whose client left before its response was sent (nothing reached it, though its
 * fields had been resolved). Fields whose source failed need no schema change: they are listed
 * under FAILED in the record's disclosures (jsonb) and FAILED joins the decisions array. The
 * constraint is replaced on the partitioned parent (every partition inherits it).
 *
 * The anomaly scan reads a window of the log by time; a record's heap row carries its whole
 * disclosure list (~1–2 kB), of which the scan needs a few columns. The time index becomes a
 * covering one (same key, so appends maintain the same number of indexes) that INCLUDEs exactly
 * those columns: a day's scan is then an index-only scan over ~100-byte entries instead of a
 * read of every record's heap row (1,000,000 records: bench:anomalies). The scan needs how many
 * residents a record names, not which: `residents_named` is that count, a stored generated column
 * (the residents array itself cannot be included: a 100-household page names more residents than
 * fit in an index entry). It is not part of the record's canonical text, so the chain is
 * unchanged. Adding it rewrites the log and the index is built in the migration's transaction,
 * which locks the log while it runs: on a large log, run it in a maintenance window.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE access_log DROP CONSTRAINT access_log_outcome_check;
    ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check CHECK (outcome IN (${BEFORE}, 'ABANDONED'));
    ALTER TABLE access_log ADD COLUMN residents_named integer GENERATED ALWAYS AS (cardinality(residents)) STORED;
    DROP INDEX access_log_occurred_at_idx;
    CREATE INDEX access_log_occurred_at_idx ON access_log (occurred_at) INCLUDE (${ANOMALY_COLUMNS});
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX access_log_occurred_at_idx;
    CREATE INDEX access_log_occurred_at_idx ON access_log (occurred_at);
    ALTER TABLE access_log DROP COLUMN residents_named;
    ALTER TABLE access_log DROP CONSTRAINT access_log_outcome_check;
    ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check CHECK (outcome IN (${BEFORE}));
  `);
}
