import { createHash } from 'node:crypto';
import type { Context } from '../../../schema/context';
import { identitySpine } from '../../spine';
import { parseHubId } from '../../../schema/ids';
import { IdempotencyKeyReused } from './idempotency';
import { insertNewTicket, TicketSpec, TICKET_CREATED_FIELDS } from './newTickets';
import { needItem } from './needItems';
import { ticketDepartmentOf } from './ticketActors';
import { loadWorkingCalendar } from './ticketCalendar';
import { commitTicketWrite } from './ticketCommit';
import { checkIdempotencyKey, checkTicketText, TicketRefusedError } from './ticketErrors';
import { afterTicketCommitted } from './ticketEvents';
import { ticketByKey, TicketRow } from './ticketRows';

/** A ticket a department app (or street staff) files about a household. */
export interface CreateTicketInput {
  householdId: string;
  personId?: string | null;
  item: string;
  summary?: string | null;
  idempotencyKey: string;
}

/** A need a resident files about their own household. */
export interface SubmitNeedInput {
  item: string;
  summary?: string | null;
  idempotencyKey: string;
}

/** Refuses (and notes on the request's record) anything thrown as a ticket refusal. */
async function refusing<T>(ctx: Context, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof TicketRefusedError) ctx.audit.refusal ??= err.code;
    throw err;
  }
}

function checkItem(code: string): void {
  if (!needItem(code)) throw new TicketRefusedError('UNKNOWN_NEED', 'item must be a code of the need-item catalogue (README, Tickets).');
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Where a household is: its grid and community (from its building, in the hub's own database). */
async function placeOf(ctx: Context, buildingCode: string): Promise<{ gridId: string; communityCode: string }> {
  const building = await ctx.loaders.hub.buildingByCode.load(buildingCode);
  if (!building) throw new TicketRefusedError('HOUSEHOLD_NOT_FOUND', 'No such household within your reach.');
  return { gridId: building.grid_id, communityCode: building.community_code };
}

/**
 * Checks a department app's ticket: the role handles tickets (a department's roles, street staff)
 * under TICKET_HANDLING, the item is in the catalogue, the text is clean, the household is within
 * the caller's row scope (street staff: their grids; a household outside answers like a missing
 * one) and the person, if named, is a registered member of it.
 */
async function checkDepartmentTicket(ctx: Context, input: CreateTicketInput): Promise<TicketSpec> {
  const { principal, purpose } = ctx.access;
  if (!ticketDepartmentOf(principal)) throw new TicketRefusedError('WRITE_NOT_PERMITTED', 'Your role may not file tickets for a household.');
  if (purpose !== 'TICKET_HANDLING') throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', 'Tickets are filed under TICKET_HANDLING.');
  const key = checkIdempotencyKey(input.idempotencyKey);
  checkItem(input.item);
  const summary = checkTicketText(input.summary, 'summary');
  const householdId = parseHubId(input.householdId, 'household');
  const personId = input.personId ? parseHubId(input.personId, 'person') : null;
  const spine = identitySpine();
  const household = await spine.householdByHubId(ctx, householdId);
  if (!household) throw new TicketRefusedError('HOUSEHOLD_NOT_FOUND', 'No such household within your reach.');
  if (personId) {
    const members = await spine.personsFromRows(ctx, await spine.membersOf(ctx, household.record.household_no));
    if (!members.some((m) => m.id === personId)) throw new TicketRefusedError('MEMBER_NOT_IN_HOUSEHOLD', 'The person is not a registered member of this household.');
  }
  const place = await placeOf(ctx, household.record.building_code);
  return {
    householdId, personId, ...place, item: input.item, source: 'DEPARTMENT', visitId: null, summary, solvedOnSpot: false, idempotencyKey: key,
    payloadHash: hashOf({ householdId, personId, item: input.item, summary }),
  };
}

/** Checks a resident's need: RESIDENT under SELF_SERVICE, about their own household (found through their own file). */
async function checkResidentNeed(ctx: Context, input: SubmitNeedInput): Promise<TicketSpec> {
  const { principal, purpose } = ctx.access;
  if (principal.role !== 'RESIDENT') throw new TicketRefusedError('WRITE_NOT_PERMITTED', 'Only residents submit needs about their own household; departments file tickets with createTicket.');
  if (purpose !== 'SELF_SERVICE') throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', 'Residents submit needs under SELF_SERVICE.');
  const key = checkIdempotencyKey(input.idempotencyKey);
  checkItem(input.item);
  const summary = checkTicketText(input.summary, 'summary');
  const spine = identitySpine();
  const me = await spine.personByHubId(ctx, principal.subject.toLowerCase());
  const household = me?.identity.household_no ? await spine.householdByNumber(ctx, me.identity.household_no) : null;
  if (!me || !household) throw new TicketRefusedError('HOUSEHOLD_NOT_FOUND', 'Your household could not be found.');
  const place = await placeOf(ctx, household.record.building_code);
  return {
    householdId: household.id, personId: me.id, ...place, item: input.item, source: 'RESIDENT', visitId: null, summary, solvedOnSpot: false,
    idempotencyKey: key, payloadHash: hashOf({ item: input.item, summary }),
  };
}

/**
 * Creates one ticket atomically with its WRITTEN access record (see commitTicketWrite); a retry with
 * the same idempotency key returns the first ticket (same payload) or is refused with
 * IDEMPOTENCY_KEY_REUSED, writing nothing. The listeners hear of it only after the commit.
 */
async function create(ctx: Context, spec: TicketSpec, now: Date): Promise<TicketRow> {
  const db = ctx.loaders.street.db;
  const calendar = await loadWorkingCalendar(db);
  const { principal } = ctx.access;
  const creator = { subject: principal.subject, role: principal.role, department: ticketDepartmentOf(principal), requestId: ctx.requestId };
  const trx = await db.transaction();
  try {
    const created = await insertNewTicket(trx, creator, spec, now, calendar);
    if (!created) {
      const first = await ticketByKey(trx, principal.subject, spec.idempotencyKey!);
      await trx.rollback();
      if (!first || first.payload_hash !== spec.payloadHash) throw new IdempotencyKeyReused(ctx);
      return first;
    }
    const residents = spec.personId ? [spec.personId] : [];
    await commitTicketWrite(ctx, trx, { department: 'street', households: [spec.householdId], residents, fields: TICKET_CREATED_FIELDS });
    afterTicketCommitted(created.event);
    return { ...created.row, accepted_at: null, transferred_at: null, confirmed_at: null, rated_at: null, rating: null, rating_comment: null };
  } finally {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
  }
}

/** `createTicket` for a department app or street staff (TICKET_HANDLING). */
export async function createTicket(ctx: Context, input: CreateTicketInput, now: Date = new Date()): Promise<TicketRow> {
  const spec = await refusing(ctx, () => checkDepartmentTicket(ctx, input));
  return create(ctx, spec, now);
}

/** `submitNeed` for a resident about their own household (SELF_SERVICE). */
export async function submitNeed(ctx: Context, input: SubmitNeedInput, now: Date = new Date()): Promise<TicketRow> {
  const spec = await refusing(ctx, () => checkResidentNeed(ctx, input));
  return create(ctx, spec, now);
}
