import type { Knex } from 'knex';
import { commitWithRecord } from '../../../audit/commitWithRecord';
import type { WriteAudit } from '../../../audit/requestAudit';
import type { Context } from '../../../schema/context';
import { WriteNotLoggedError } from '../recordVisit';
import { TicketNotRecordedError } from './ticketErrors';

/**
 * Ends a request's ticket write on the one write-commit path (src/audit/commitWithRecord.ts): the
 * request's WRITTEN record appended while `trx` is open — none can be (no access log, or the append
 * fails): rolled back, AUDIT_UNAVAILABLE — then the commit; a failed commit leaves a WRITE_FAILED
 * twin and throws TICKET_NOT_RECORDED. Resolves only once the write is committed; `trx` is always
 * finished when it settles.
 */
export function commitTicketWrite(ctx: Context, trx: Knex.Transaction, write: Omit<WriteAudit, 'outcome'>): Promise<void> {
  const { appendWrite } = ctx.audit;
  return commitWithRecord(trx, {
    requestId: ctx.requestId,
    what: 'ticket',
    append: (outcome) => (appendWrite ? appendWrite({ ...write, outcome }) : Promise.reject(new WriteNotLoggedError())),
    notLogged: () => new WriteNotLoggedError(),
    notCommitted: () => new TicketNotRecordedError(),
  });
}
