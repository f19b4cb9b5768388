import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { AppError } from '../../errors';
import type { TicketEvent } from '../../events/ticketEvents';
import type { Context } from '../context';
import { TicketEventType } from './ticketEvent.type';

/**
 * `ticketEvents(department)`: a department app learns of new and changed tickets of its queue
 * without polling (issue 17), over graphql-ws at the /graphql path (src/server/subscriptions.ts).
 * Who may subscribe is the permission tree's (policy/applyPolicy.ts: roles that work for that
 * department only); this resolver only opens the department's stream.
 */
@Resolver()
export class TicketEventsResolver {
  @Subscription(() => TicketEventType, {
    nullable: false,
    description: 'Ticket events of one department\'s queue, from now on (ids and codes only). Only roles that work for the department may subscribe. Served over WebSocket (graphql-ws) at /graphql.',
    subscribe: ({ args, context }) => {
      const events = (context as Context).ticketEvents;
      if (!events) throw new AppError('OPERATION_NOT_SUPPORTED', 'Subscriptions are served over WebSocket (graphql-ws) at /graphql.');
      return events.stream((args as { department: string }).department);
    },
  })
  ticketEvents(@Root() event: TicketEvent, @Arg('department', () => String, { nullable: false, description: 'A department module\'s name (police, civil, health, …): your role\'s own.' }) _department: string): TicketEventType {
    return event;
  }
}
