import type { Context } from '../../../schema/context';
import { parseHubId } from '../../../schema/ids';
import { residentHouseholdId } from './residentHousehold';
import { ticketDepartmentOf } from './ticketActors';
import { TicketRefusedError } from './ticketErrors';
import { ticketById, TicketRow } from './ticketRows';

/**
 * One ticket by id, in the same reach as the lists: a handling department's ticket routed to it
 * (street staff: the street office's, in their grids) under TICKET_HANDLING, as `ticketQueue` shows
 * them; a resident's about their own household under SELF_SERVICE, as `myTickets` shows them. Any
 * other ticket — another department's, another grid's, another household's — and a malformed or
 * unknown id answer TICKET_NOT_FOUND with the same message, so a ticket outside reach cannot be told
 * from a missing one. A role or purpose that reads no ticket list answers PURPOSE_NOT_APPLICABLE
 * before the id is looked at. The fields read are policed and recorded exactly like the same
 * ticket's fields read through `ticketQueue` (Ticket's policy rows; test/ticketById.test.ts).
 */
export async function ticketInReach(ctx: Context, ticketId: string): Promise<TicketRow> {
  const { principal, purpose } = ctx.access;
  const department = ticketDepartmentOf(principal);
  const resident = principal.role === 'RESIDENT';
  if (resident ? purpose !== 'SELF_SERVICE' : !department || purpose !== 'TICKET_HANDLING') {
    throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', "A ticket is read under TICKET_HANDLING by a department's roles or street staff, or under SELF_SERVICE by the resident.");
  }
  const notFound = () => new TicketRefusedError('TICKET_NOT_FOUND', 'No such ticket among yours.');
  let id: string;
  try {
    id = parseHubId(ticketId, 'object');
  } catch {
    throw notFound();
  }
  const ticket = await ticketById(ctx.loaders.street.db, id);
  if (!ticket) throw notFound();
  if (resident) {
    if (ticket.household_id !== (await residentHouseholdId(ctx))) throw notFound();
  } else if (ticket.department !== department || (principal.role === 'STREET_STAFF' && !principal.grids.includes(ticket.grid_id))) {
    throw notFound();
  }
  return ticket;
}
