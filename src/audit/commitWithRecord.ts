import type { Knex } from 'knex';
import { logger } from '../logger';

/** The two records a write may leave in the access log. */
export type WriteOutcome = 'WRITTEN' | 'WRITE_FAILED';

/** How one write ends: its records, and what to throw when it cannot end well. */
export interface CommitWithRecord {
  /** The write's request id, for the log lines. */
  requestId: string;
  /** What is written, for the log lines (`visit`, `ticket`, `check run`). */
  what: string;
  /** Appends the write's access record with `outcome` (the one recorder: the hash-chained log). */
  append(outcome: WriteOutcome): Promise<unknown>;
  /** The error thrown when the WRITTEN record cannot be appended; default the append's own error. */
  notLogged?(cause: unknown): Error;
  /** The error thrown when the write did not commit; default the commit's own error. */
  notCommitted?(cause: unknown): Error;
  /**
   * Asked after a failed COMMIT (on another connection), whether the write took effect after all
   * (a COMMIT whose connection broke may have): `true` settles as committed, `false` means absent,
   * `null` unknown. Without it a failed COMMIT counts as absent.
   */
  committedAnyway?(): Promise<boolean | null>;
}

const codeOf = (err: unknown) => (err as { code?: string } | null)?.code;

/**
 * Commits a write together with its access record, failing closed — the one path every write of the
 * hub ends on (a visit, a ticket, a check run's tickets). `trx` holds the write, still open.
 *
 * 1. The WRITTEN record is appended while `trx` is open. If the append fails, `trx` is rolled back
 *    (a rollback error is swallowed: the write is not committed either way) and `notLogged(cause)`
 *    is thrown: no write without its record.
 * 2. `trx` commits (knex resolves `commit()` even when COMMIT fails, so its execution promise is
 *    awaited too). Resolves once the write is committed.
 * 3. If the commit fails, `committedAnyway()` is asked: `true`, it resolves as committed; `false`
 *    (or not given), a WRITE_FAILED record with the same request id is appended — if that append
 *    fails too it is logged and left to reconciliation — and `notCommitted(cause)` is thrown; `null`
 *    (unknown), `notCommitted(cause)` is thrown without a second record. The log over-reports, never
 *    under-reports: a WRITTEN record without its write and without a WRITE_FAILED twin is left for
 *    reconciliation (src/departments/street/reconcileWrites.ts) to complete.
 *
 * `trx` is always finished when this settles.
 */
export async function commitWithRecord(trx: Knex.Transaction, write: CommitWithRecord): Promise<void> {
  const { requestId, what } = write;
  try {
    try {
      await write.append('WRITTEN');
    } catch (err) {
      logger.error({ requestId, code: codeOf(err) }, `${what} write not logged: rolled back`);
      await trx.rollback().catch(() => undefined);
      throw write.notLogged ? write.notLogged(err) : err;
    }
    try {
      await trx.commit();
      await trx.executionPromise;
    } catch (err) {
      logger.error({ requestId, code: codeOf(err) }, `${what} commit failed after its access record`);
      const present = write.committedAnyway ? await write.committedAnyway().catch(() => null) : false;
      if (present === true) return;
      if (present === false) {
        await write.append('WRITE_FAILED').catch((e: unknown) => {
          logger.error({ requestId, code: codeOf(e) }, `${what}: WRITE_FAILED record not written, left to reconciliation`);
        });
      }
      throw write.notCommitted ? write.notCommitted(err) : err;
    }
  } finally {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
  }
}
