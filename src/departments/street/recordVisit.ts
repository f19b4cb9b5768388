import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import { commitWithRecord } from '../../audit/commitWithRecord';
import type { Context } from '../../schema/context';
import { parseHubId } from '../../schema/ids';
import { identitySpine } from '../spine';
import { VisitNotRecordedError, VisitRefusedError } from './errors';
import { checkVisitInput, CheckedVisit, readEntryWindowDays, VisitInput } from './visitInput';
import { insertVisit, NewVisit, visitByKey, visitExists, VisitRow } from './visitRows';
import { checkVisitWrite } from './writePolicy';
import { CreatedTicket, insertNewTicket, TICKET_CREATED_FIELDS } from './tickets/newTickets';
import { loadWorkingCalendar } from './tickets/ticketCalendar';
import { afterTicketCommitted } from './tickets/ticketEvents';

/** The fields a visit write sets, as the access record lists them. */
export const VISIT_FIELDS_WRITTEN = ['Visit.visitedAt', 'Visit.outcome', 'Visit.membersMet', 'Visit.observations', 'Visit.note', 'Visit.needs'];

/** The access log could not take the write's record, so the write was not committed. */
export class WriteNotLoggedError extends AppError {
  constructor() {
    super('AUDIT_UNAVAILABLE', 'The access log cannot be written, so the visit was not recorded. Retry with the same idempotency key.');
  }
}

const writingRequests = new WeakSet<object>();

/**
 * A request records one visit at most, under a request id the hub minted for it: the WRITTEN and
 * WRITE_FAILED records of a write are linked by request id (the resident's history hides a WRITTEN
 * record that has a WRITE_FAILED twin; reconciliation matches WRITTEN records to visits by it), so
 * that id must name this one write. A client's `x-request-id` (a UUID of its choosing: a retry's, or
 * another request's) is replaced; the response's `x-request-id` gives the new one.
 */
function claimRequestForWrite(ctx: Context): void {
  if (writingRequests.has(ctx.audit)) throw new VisitRefusedError('ONE_WRITE_PER_REQUEST', 'Record one visit per request.');
  writingRequests.add(ctx.audit);
  const fresh = ctx.renewRequestId?.();
  if (fresh) ctx.requestId = fresh;
}

/** Checks everything that needs no write: role and purpose, content, the household in the caller's grids, the members met. */
async function checkAgainstRecords(ctx: Context, input: VisitInput, now: Date): Promise<{ visit: CheckedVisit; gridId: string; communityCode: string }> {
  checkVisitWrite(ctx.access.principal.role, ctx.access.purpose);
  const visit = checkVisitInput({ ...input, householdId: parseHubId(input.householdId, 'household') }, now, readEntryWindowDays());
  // Row scope is applied in the identity spine's query: a household outside the caller's grids is null, like a missing one.
  const spine = identitySpine();
  const household = await spine.householdByHubId(ctx, visit.householdId);
  const building = household && (await ctx.loaders.hub.buildingByCode.load(household.record.building_code));
  if (!household || !building) throw new VisitRefusedError('HOUSEHOLD_NOT_FOUND', 'No such household in your grids.');
  if (visit.membersMet.length) {
    const members = await spine.personsFromRows(ctx, await spine.membersOf(ctx, household.record.household_no));
    const ids = new Set(members.map((m) => m.id));
    if (!visit.membersMet.every((id) => ids.has(id))) throw new VisitRefusedError('MEMBER_NOT_IN_HOUSEHOLD', 'A member met is not a registered member of this household.');
  }
  return { visit, gridId: building.grid_id, communityCode: building.community_code };
}

/**
 * Records a door-to-door visit, atomically with its access record (issue 16). Order:
 *  1. every check that needs no write (refused with a coded error; the request's record says REFUSED);
 *  2. a street transaction inserts the visit, unless the staff member already used the idempotency key:
 *     then the first visit is returned (same payload) or IDEMPOTENCY_KEY_REUSED is thrown, and nothing
 *     is written or logged as a write;
 *  3. (the one write-commit path, src/audit/commitWithRecord.ts) the WRITTEN access record is appended
 *     to the hub's chain while that transaction is still open; if it cannot be, the transaction is
 *     rolled back (AUDIT_UNAVAILABLE): no write without its record;
 *  4. the transaction commits. If COMMIT reports a failure, the visit is looked up on another
 *     connection: present (the commit took effect after all), it is returned; absent, a WRITE_FAILED
 *     record with the same request id is appended and VISIT_NOT_RECORDED is thrown; unknown (the
 *     street database unreachable), VISIT_NOT_RECORDED without a second record. The log over-reports,
 *     never under-reports: a WRITTEN record left without a visit or a twin (that case, or the second
 *     append failing) is completed by reconcileVisitWrites (./reconcileWrites.ts).
 * The request id is the hub's own, one per write (claimRequestForWrite).
 */
export async function recordVisit(ctx: Context, input: VisitInput, now: Date = new Date()): Promise<VisitRow> {
  const { audit, access } = ctx;
  let checked: Awaited<ReturnType<typeof checkAgainstRecords>>;
  try {
    claimRequestForWrite(ctx);
    checked = await checkAgainstRecords(ctx, input, now);
  } catch (err) {
    if (err instanceof VisitRefusedError) audit.refusal ??= err.code;
    throw err;
  }
  const { visit, gridId, communityCode } = checked;
  if (!audit.appendWrite) throw new WriteNotLoggedError();
  const row: NewVisit = {
    id: randomUUID(), household_id: visit.householdId, grid_id: gridId, community_code: communityCode, visited_at: visit.visitedAt,
    staff_subject: access.principal.subject, purpose: access.purpose!, outcome: visit.outcome, lives_alone_confirmed: visit.livesAloneConfirmed,
    occupants: visit.occupants, address_mismatch: visit.addressMismatch, note: visit.note, needs: visit.needs, request_id: ctx.requestId,
    idempotency_key: visit.idempotencyKey, payload_hash: visit.payloadHash, members_met: visit.membersMet,
  };
  const write = { department: 'street', households: [visit.householdId], residents: visit.membersMet, fields: visit.needs.length ? [...VISIT_FIELDS_WRITTEN, ...TICKET_CREATED_FIELDS] : VISIT_FIELDS_WRITTEN };
  const calendar = visit.needs.length ? await loadWorkingCalendar(ctx.loaders.street.db) : null;
  const tickets: CreatedTicket[] = [];
  const trx = await ctx.loaders.street.db.transaction();
  try {
    if (!(await insertVisit(trx, row))) {
      const first = await visitByKey(trx, row.staff_subject, row.idempotency_key);
      await trx.rollback();
      if (!first || first.payload_hash !== visit.payloadHash || first.household_id !== visit.householdId) {
        audit.refusal ??= 'IDEMPOTENCY_KEY_REUSED';
        throw new VisitRefusedError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different visit.');
      }
      return first;
    }
    // One ticket per need, in the visit's transaction: the visit, its tickets and the record commit together or not at all.
    const creator = { subject: row.staff_subject, role: access.principal.role, department: 'street', requestId: ctx.requestId };
    for (const need of visit.needs) {
      const spec = {
        householdId: row.household_id, personId: visit.membersMet.length === 1 ? visit.membersMet[0] : null, gridId, communityCode, item: need,
        source: 'VISIT' as const, visitId: row.id, summary: null, solvedOnSpot: visit.solvedOnSpot.includes(need), idempotencyKey: null, payloadHash: null,
      };
      tickets.push((await insertNewTicket(trx, creator, spec, now, calendar!))!);
    }
    const appendWrite = audit.appendWrite;
    await commitWithRecord(trx, {
      requestId: ctx.requestId,
      what: 'visit',
      append: (outcome) => appendWrite({ ...write, outcome }),
      notLogged: () => new WriteNotLoggedError(),
      notCommitted: () => new VisitNotRecordedError(),
      // A COMMIT whose connection broke may still have taken effect: WRITE_FAILED only for a visit known absent.
      committedAnyway: () => visitExists(ctx.loaders.street.db, row.id),
    });
    for (const t of tickets) afterTicketCommitted(t.event);
    return { ...row, recorded_at: now, members_met: visit.membersMet };
  } finally {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
  }
}
