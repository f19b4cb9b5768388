import { publishTicketEvent } from '../../../events/ticketEvents';
import { logger } from '../../../logger';
import type { Priority } from './needItems';
import type { TicketStatus } from './ticketStates';

/**
 * What a committed ticket write tells the rest of the hub (issue 17): ids, codes and times only —
 * never the summary, a reason, a comment or anything else a resident said.
 */
export interface TicketEvent {
  ticketId: string;
  kind: 'CREATED' | 'TRANSITIONED';
  /** The department the ticket is routed to after the write. */
  department: string;
  /** On a transfer: the department it left (its subscribers hear of it too). */
  fromDepartment?: string | null;
  item: string;
  priority: Priority;
  status: TicketStatus;
  at: Date;
  version: number;
}

type Listener = (event: TicketEvent) => void;
const listeners: Listener[] = [];

/**
 * Registers a listener called after every committed ticket write (the subscription publisher,
 * `src/events/ticketEvents.ts`, is connected here). Returns a function that removes it.
 */
export function onTicketCommitted(listener: Listener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

/**
 * Called once per ticket after its write committed (never before, never for a write that rolled
 * back). A listener that throws is logged and does not affect the write or the other listeners.
 */
export function afterTicketCommitted(event: TicketEvent): void {
  // Department apps' subscriptions (src/events): ids and codes only, after the commit; never throws.
  publishTicketEvent(event);
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (err) {
      logger.error({ ticketId: event.ticketId, err: (err as Error).name }, 'ticket listener failed');
    }
  }
}
