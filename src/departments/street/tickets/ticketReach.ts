import type { Context } from '../../../schema/context';
import { parseHubId } from '../../../schema/ids';
import { residentReaches, residentTicketScope } from './residentTicketScope';
import { ticketDepartmentOf } from './ticketActors';
import { TicketRefusedError } from './ticketErrors';
import { ticketById, TicketRow } from './ticketRows';

/**
 * The one reach rule for a single ticket, shared by reading it (`ticket(id)`) and acting on it
 * (transitions, the resident's confirm/reopen/rate): as a DEPARTMENT, a ticket routed to the
 * caller's department (street staff: in their grids); as a RESIDENT, a ticket about their household
 * as a whole or about them (./residentTicketScope.ts), never another member's. Anything else —
 * another department's, grid's, household's or member's ticket, a malformed or unknown id — answers
 * TICKET_NOT_FOUND with one message, so a ticket out of reach cannot be told from a missing one.
 * The caller checks role and purpose first (their refusals differ between reading and acting).
 */
export async function ticketInReachAs(ctx: Context, ticketId: string, as: 'DEPARTMENT' | 'RESIDENT'): Promise<TicketRow> {
  const { principal } = ctx.access;
  const notFound = () => new TicketRefusedError('TICKET_NOT_FOUND', 'No such ticket among yours.');
  let id: string;
  try {
    id = parseHubId(ticketId, 'object');
  } catch {
    throw notFound();
  }
  const ticket = await ticketById(ctx.loaders.street.db, id);
  if (!ticket) throw notFound();
  if (as === 'DEPARTMENT') {
    if (ticket.department !== ticketDepartmentOf(principal)) throw notFound();
    if (principal.role === 'STREET_STAFF' && !principal.grids.includes(ticket.grid_id)) throw notFound();
  } else if (!residentReaches(await residentTicketScope(ctx), ticket)) {
    throw notFound();
  }
  return ticket;
}
