import type { Context } from '../../../schema/context';
import { departmentModules } from '../../registry';
import { ticketDepartmentOf } from './ticketActors';
import { commitTicketWrite } from './ticketCommit';
import { checkTicketText, TicketRefusedError } from './ticketErrors';
import { afterTicketCommitted } from './ticketEvents';
import { ticketInReachAs } from './ticketReach';
import { insertTransition, ticketById, TicketRow, TicketUpdate, updateTicketAtVersion } from './ticketRows';
import { canTransition, TicketStatus } from './ticketStates';

/** The statuses a handling department sets; the resident sets CONFIRMED, REOPENED and RATED. */
export const DEPARTMENT_TARGETS: readonly TicketStatus[] = ['ACCEPTED', 'TRANSFERRED', 'RESOLVED'];

/** The first-reached timestamp each status stamps. */
const FIRST_AT: Partial<Record<TicketStatus, TicketUpdate['firstAt']>> = {
  ACCEPTED: 'accepted_at', TRANSFERRED: 'transferred_at', RESOLVED: 'resolved_at', CONFIRMED: 'confirmed_at', RATED: 'rated_at',
};

/** A transition to make: the ticket, the status wanted, the version the caller read, and why. */
export interface TransitionRequest {
  ticketId: string;
  to: TicketStatus;
  expectedVersion: number;
  reason?: string | null;
  toDepartment?: string | null;
  rating?: { rating: number; comment?: string | null };
}

/**
 * The ticket, if the caller may act on it: a handling department's ticket routed to it (street
 * staff: in their grids) under TICKET_HANDLING, or a resident's about their own household under
 * SELF_SERVICE (about the household as a whole or about them: ./residentTicketScope.ts). Anything else — another department's ticket, another household's, a malformed id —
 * answers TICKET_NOT_FOUND, exactly like a missing ticket.
 */
async function ticketToActOn(ctx: Context, ticketId: string, as: 'DEPARTMENT' | 'RESIDENT'): Promise<TicketRow> {
  const { principal, purpose } = ctx.access;
  if (as === 'DEPARTMENT') {
    if (!ticketDepartmentOf(principal)) throw new TicketRefusedError('WRITE_NOT_PERMITTED', 'Your role does not handle tickets.');
    if (purpose !== 'TICKET_HANDLING') throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', 'Tickets are handled under TICKET_HANDLING.');
  } else {
    if (principal.role !== 'RESIDENT') throw new TicketRefusedError('WRITE_NOT_PERMITTED', 'Only the resident confirms, reopens or rates a ticket about their household.');
    if (purpose !== 'SELF_SERVICE') throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', 'Residents act on their tickets under SELF_SERVICE.');
  }
  return ticketInReachAs(ctx, ticketId, as);
}

/**
 * Refuses a caller whose version is stale with TICKET_VERSION_CONFLICT. Checked before any rule of
 * the machine: a caller who read an older ticket is told to reload it, not judged on a state it has
 * not seen (a move that was legal from what it read would otherwise look ILLEGAL_TRANSITION).
 */
function checkVersion(ticket: TicketRow, req: TransitionRequest): void {
  if (ticket.version !== req.expectedVersion) {
    throw new TicketRefusedError('TICKET_VERSION_CONFLICT', 'The ticket changed since you read it: reload it.', { version: ticket.version });
  }
}

/** Checks the transition itself (after checkVersion) and returns the row update and the recorded reason. */
function planTransition(ticket: TicketRow, req: TransitionRequest): { update: TicketUpdate; reason: string | null } {
  if (!canTransition(ticket.status, req.to)) {
    throw new TicketRefusedError('ILLEGAL_TRANSITION', `A ${ticket.status} ticket cannot become ${req.to}.`, { from: ticket.status, to: req.to });
  }
  const reason = checkTicketText(req.reason, 'reason');
  const update: TicketUpdate = { status: req.to, firstAt: FIRST_AT[req.to], reopen: req.to === 'REOPENED' };
  if (req.to === 'TRANSFERRED') {
    const target = req.toDepartment ?? '';
    const registered = departmentModules().some((m) => m.kind === 'department' && m.name === target);
    if (!registered || target === ticket.department) {
      throw new TicketRefusedError('UNKNOWN_DEPARTMENT', 'A transfer names another registered department in toDepartment.');
    }
    update.department = target;
  } else if (req.toDepartment) {
    throw new TicketRefusedError('UNKNOWN_DEPARTMENT', 'toDepartment is given only with a transfer.');
  }
  if (req.rating) {
    const { rating } = req.rating;
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new TicketRefusedError('INVALID_RATING', 'rating must be 1 to 5.');
    update.rating = { rating, comment: checkTicketText(req.rating.comment, 'comment') };
  }
  return { update, reason };
}

/**
 * Moves a ticket, atomically with its WRITTEN access record and a ticket_transitions row naming
 * who (subject, role, department), when and why. Checks in this order: the ticket is the caller's
 * to act on (else TICKET_NOT_FOUND), the version is the current one (else TICKET_VERSION_CONFLICT),
 * the move is the caller's and the machine's (else ILLEGAL_TRANSITION), then the texts. The version check is in the UPDATE: of two
 * concurrent transitions from the same version exactly one commits; the other is refused with
 * TICKET_VERSION_CONFLICT and writes nothing. Refusals are noted on the request's record.
 */
export async function applyTransition(ctx: Context, req: TransitionRequest, as: 'DEPARTMENT' | 'RESIDENT', now: Date = new Date()): Promise<TicketRow> {
  let ticket: TicketRow;
  let plan: ReturnType<typeof planTransition>;
  try {
    ticket = await ticketToActOn(ctx, req.ticketId, as);
    checkVersion(ticket, req);
    if (as === 'DEPARTMENT' && !DEPARTMENT_TARGETS.includes(req.to)) {
      throw new TicketRefusedError('ILLEGAL_TRANSITION', `${req.to} is the resident's to set.`, { from: ticket.status, to: req.to });
    }
    plan = planTransition(ticket, req);
  } catch (err) {
    if (err instanceof TicketRefusedError) ctx.audit.refusal ??= err.code;
    throw err;
  }
  const { principal } = ctx.access;
  const trx = await ctx.loaders.street.db.transaction();
  try {
    const updated = await updateTicketAtVersion(trx, ticket.id, req.expectedVersion, plan.update, now);
    if (!updated) {
      await trx.rollback();
      ctx.audit.refusal ??= 'TICKET_VERSION_CONFLICT';
      throw new TicketRefusedError('TICKET_VERSION_CONFLICT', 'The ticket changed since you read it: reload it.');
    }
    await insertTransition(trx, {
      ticket_id: ticket.id, from_status: ticket.status, to_status: req.to, at: now, actor_subject: principal.subject, actor_role: principal.role,
      actor_department: ticketDepartmentOf(principal), from_department: ticket.department, to_department: updated.department, reason: plan.reason,
      request_id: ctx.requestId,
    });
    const fields = ['Ticket.status', 'Ticket.version', 'TicketTransition.reason', ...(req.to === 'TRANSFERRED' ? ['Ticket.department'] : []), ...(req.rating ? ['Ticket.rating', 'Ticket.ratingComment'] : [])];
    await commitTicketWrite(ctx, trx, { department: 'street', households: [ticket.household_id], residents: ticket.person_id ? [ticket.person_id] : [], fields });
    const fromDepartment = updated.department !== ticket.department ? ticket.department : null;
    afterTicketCommitted({ ticketId: updated.id, kind: 'TRANSITIONED', department: updated.department, fromDepartment, item: updated.item, priority: updated.priority, status: updated.status, at: now, version: updated.version });
    return updated;
  } finally {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
  }
}
