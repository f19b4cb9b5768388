import type { Knex } from 'knex';

const BEFORE = "'DISCLOSED', 'PARTIAL', 'NOTHING_FOUND', 'REFUSED', 'ERROR', 'ABANDONED'";

/**
 * Writes enter the access log (issue 16), in the same hash chain as reads.
 *
 * WRITTEN: the hub wrote a record of its own (a street visit): the record lists who wrote it, under
 * which purpose, about which household and residents, and the fields written (under ALLOW). It is
 * appended while the write's own transaction is still open, and the write is committed only once the
 * record is (src/departments/street/recordVisit.ts).
 * WRITE_FAILED: the write's commit failed after its WRITTEN record had been appended; this second
 * record, with the same request id, says the first one did not take effect. The partial index finds
 * those twins for the residents' view, which shows a write only when it took effect.
 * The canonical text is unchanged (the outcome is already part of it).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE access_log DROP CONSTRAINT access_log_outcome_check;
    ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check CHECK (outcome IN (${BEFORE}, 'WRITTEN', 'WRITE_FAILED'));
    CREATE INDEX access_log_write_failed_idx ON access_log (request_id) WHERE outcome = 'WRITE_FAILED';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX access_log_write_failed_idx;
    ALTER TABLE access_log DROP CONSTRAINT access_log_outcome_check;
    ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check CHECK (outcome IN (${BEFORE}));
  `);
}
