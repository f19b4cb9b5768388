import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { PURPOSES_BOUND_TO_TICKET } from '../../../auth/vocabulary';
import { RefusedError } from '../../../errors';
import { isHubId } from '../../../identity/hubId';
import { rootFieldsOf } from '../../../policy/operationAnalysis';
import type { Context } from '../../../schema/context';
import { ticketDepartmentOf } from './ticketActors';
import { ticketById } from './ticketRows';
import { OPEN_STATUSES } from './ticketStates';

/** The header naming the ticket a TICKET_HANDLING read is for. */
export const TICKET_HEADER = 'x-ticket-id';

/**
 * Root fields of the tickets section. Under TICKET_HANDLING they need no `x-ticket-id`: the queue
 * and `ticket` show only the department's own tickets, and each write checks its own ticket.
 */
export const TICKET_ROOT_FIELDS: ReadonlySet<string> = new Set(['ticket', 'ticketQueue', 'myTickets', 'createTicket', 'submitNeed', 'transitionTicket', 'confirmTicket', 'reopenTicket', 'rateTicket']);

/**
 * Binds a read under a ticket purpose to its ticket, before anything is read: the header must name
 * an open ticket (RECEIVED, ACCEPTED, TRANSFERRED, REOPENED) routed to the caller's department (street
 * staff: the street office's, in their grids). Then the request's row scope narrows to that ticket's
 * household: any other resident or household answers like a missing one. Throws
 * TICKET_BINDING_REQUIRED (no header) or TICKET_NOT_BOUND (anything else); a well-formed ticket id
 * is kept for the access record either way (it names no resident).
 */
export async function bindTicket(ctx: Context, header: string | null | undefined): Promise<void> {
  const { access } = ctx;
  if (!header) throw new RefusedError('TICKET_BINDING_REQUIRED', `Reading a resident's file under ${access.purpose} needs the ticket in ${TICKET_HEADER}.`, 400, { header: TICKET_HEADER });
  const notBound = () => new RefusedError('TICKET_NOT_BOUND', `${TICKET_HEADER} names no open ticket of your department.`, 403, { header: TICKET_HEADER });
  if (!isHubId(header)) throw notBound();
  access.boundTicket = header.toLowerCase();
  const ticket = await ticketById(ctx.loaders.street.db, access.boundTicket);
  const { principal } = access;
  if (!ticket || ticket.department !== ticketDepartmentOf(principal) || !OPEN_STATUSES.includes(ticket.status)) throw notBound();
  if (principal.role === 'STREET_STAFF' && !principal.grids.includes(ticket.grid_id)) throw notBound();
  access.rowScope = { kind: 'household', householdId: ticket.household_id };
}

/**
 * Apollo plugin, after the purpose check: a request whose purpose is bound to a ticket and that
 * selects anything beyond the tickets section must pass `bindTicket`. A refusal is noted on the
 * request's audit state (REFUSED with its code: the auditor's UNBOUND_TICKET_READ anomaly).
 */
export function ticketBindingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, request }) {
          const purpose = contextValue.access.purpose;
          if (!operation || purpose === null || !PURPOSES_BOUND_TO_TICKET.has(purpose)) return;
          if ([...rootFieldsOf(document, operation)].every((f) => TICKET_ROOT_FIELDS.has(f))) return;
          try {
            await bindTicket(contextValue, request.http?.headers.get(TICKET_HEADER));
          } catch (err) {
            if (!(err instanceof RefusedError)) throw err;
            contextValue.audit.refusal ??= err.code;
            throw new GraphQLError(err.message, { originalError: err, extensions: { ...err.details, code: err.code, http: { status: err.status } } });
          }
        },
      };
    },
  };
}
