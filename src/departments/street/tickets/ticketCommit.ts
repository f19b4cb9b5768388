import type { Knex } from 'knex';
import type { WriteAudit } from '../../../audit/requestAudit';
import { logger } from '../../../logger';
import type { Context } from '../../../schema/context';
import { WriteNotLoggedError } from '../recordVisit';
import { TicketNotRecordedError } from './ticketErrors';

/**
 * Ends a ticket write the way visits end (src/departments/street/recordVisit.ts): appends the WRITTEN
 * access record while `trx` is still open — if it cannot be appended, rolls back and throws
 * AUDIT_UNAVAILABLE (no write without its record) — then commits; if the commit fails, appends a
 * WRITE_FAILED record for the same request and throws TICKET_NOT_RECORDED. Resolves only once the
 * write is committed; `trx` is always finished when it settles.
 */
export async function commitWithRecord(ctx: Context, trx: Knex.Transaction, write: Omit<WriteAudit, 'outcome'>): Promise<void> {
  const { audit, requestId } = ctx;
  try {
    if (!audit.appendWrite) throw new WriteNotLoggedError();
    try {
      await audit.appendWrite({ ...write, outcome: 'WRITTEN' });
    } catch (err) {
      logger.error({ requestId, code: (err as { code?: string }).code }, 'ticket write not logged: rolled back');
      await trx.rollback();
      throw new WriteNotLoggedError();
    }
    try {
      // knex resolves commit() even when COMMIT fails; the transaction's own promise says how it ended.
      await trx.commit();
      await trx.executionPromise;
    } catch (err) {
      logger.error({ requestId, code: (err as { code?: string }).code }, 'ticket commit failed after its access record');
      await audit.appendWrite({ ...write, outcome: 'WRITE_FAILED' }).catch((e: unknown) => {
        logger.error({ requestId, code: (e as { code?: string }).code }, 'WRITE_FAILED record not written: reconcile WRITTEN records against tickets');
      });
      throw new TicketNotRecordedError();
    }
  } finally {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
  }
}
