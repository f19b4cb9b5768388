import type { Context } from '../../../schema/context';
import { ticketDepartmentOf } from './ticketActors';
import { TicketRefusedError } from './ticketErrors';
import { ticketInReachAs } from './ticketReach';
import type { TicketRow } from './ticketRows';

/**
 * One ticket by id, in the same reach as the lists: a handling department's ticket routed to it
 * (street staff: the street office's, in their grids) under TICKET_HANDLING, as `ticketQueue` shows
 * them; a resident's about their household as a whole or about them under SELF_SERVICE, as `myTickets`
 * shows them (./ticketReach.ts: the same rule as acting on a ticket). Any
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
  return ticketInReachAs(ctx, ticketId, resident ? 'RESIDENT' : 'DEPARTMENT');
}
