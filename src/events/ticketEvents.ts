import { departments } from '../auth/vocabulary';
import { isHubId } from '../identity/hubId';
import { identifierShapesIn } from '../identity/identifierShapes';
import { logger } from '../logger';
import type { EventBus } from './eventBus';
import { eventsDropped, eventsPublished } from './eventMetrics';
import { EventStream } from './eventStream';

/** What happened to a ticket. */
export const TICKET_EVENT_KINDS = ['CREATED', 'TRANSITIONED'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/**
 * The contract of a ticket event (issue 17): ids and codes only, never a resident's name, ID
 * number, address, the need's text or a handler's name. A department app that hears one reads the
 * ticket through its queue, under policy and on the access log.
 */
export interface TicketEvent {
  /** The ticket's id (a UUID, like every hub id). */
  ticketId: string;
  kind: TicketEventKind;
  /** The department whose queue the ticket is in now (a registered department module's name). */
  department: string;
  /**
   * On a transfer only: the department that passed the ticket on (it left that queue). The event is
   * delivered to both departments' subscribers, so the losing queue learns of it as the gaining one does.
   */
  fromDepartment?: string | null;
  /** Need-catalogue item code, priority code and state-machine status code. */
  item: string;
  priority: string;
  status: string;
  /** When the write committed. */
  at: Date;
  /** The ticket's version after the write (the version check's counter). */
  version: number;
}

const FIELDS: ReadonlySet<string> = new Set(['ticketId', 'kind', 'department', 'fromDepartment', 'item', 'priority', 'status', 'at', 'version']);
const CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

/** Why `event` may not be published (a field that is not an id or a code, an unknown field), or null. */
export function ticketEventProblem(event: TicketEvent): string | null {
  const extra = Object.keys(event).find((k) => !FIELDS.has(k));
  if (extra !== undefined) return 'unexpected field';
  if (typeof event.ticketId !== 'string' || !isHubId(event.ticketId)) return 'ticketId';
  if (!(TICKET_EVENT_KINDS as readonly string[]).includes(event.kind)) return 'kind';
  if (!departments().includes(event.department)) return 'department';
  if (event.fromDepartment != null && (!departments().includes(event.fromDepartment) || event.fromDepartment === event.department)) return 'fromDepartment';
  for (const key of ['item', 'priority', 'status'] as const) {
    const code = event[key];
    if (typeof code !== 'string' || !CODE.test(code) || identifierShapesIn(code).length > 0) return key;
  }
  if (!(event.at instanceof Date) || Number.isNaN(event.at.getTime())) return 'at';
  if (!Number.isSafeInteger(event.version) || event.version < 0) return 'version';
  return null;
}

/** The bus channel of one department's ticket events: a subscriber listens to its own department only. */
function channelOf(department: string): string {
  return `tickets:${department}`;
}

/** The departments whose subscribers hear `event`: its queue's, and on a transfer the one it left. */
function audienceOf(event: TicketEvent): string[] {
  return event.fromDepartment ? [event.department, event.fromDepartment] : [event.department];
}

function encode(e: TicketEvent): string {
  return JSON.stringify({
    ticketId: e.ticketId, kind: e.kind, department: e.department, fromDepartment: e.fromDepartment ?? null, item: e.item, priority: e.priority, status: e.status,
    at: e.at.toISOString(), version: e.version,
  });
}

function decode(message: string): TicketEvent | null {
  try {
    const raw = JSON.parse(message) as Omit<TicketEvent, 'at'> & { at: string };
    const event = { ...raw, fromDepartment: raw.fromDepartment ?? null, at: new Date(raw.at) };
    return ticketEventProblem(event) === null ? event : null;
  } catch {
    return null;
  }
}

/** Events a subscriber that stopped reading may have waiting before the oldest are dropped. */
export const SUBSCRIBER_BUFFER = 256;

/** One hub's ticket events over its bus: publishing after a committed write, and per-department streams. */
export class TicketEvents {
  constructor(readonly bus: EventBus) {}

  /**
   * Publishes a ticket event to every replica, on the channel of each department that hears it. Call it only after the ticket's write has committed
   * (a rolled-back write must not ring). Never rejects and never throws: the write stands whatever
   * happens here. An event that is not ids and codes only is not published (logged with the
   * offending field's name, never its value) and answers `invalid`.
   */
  async publish(event: TicketEvent): Promise<'sent' | 'local_only' | 'invalid'> {
    let problem: string | null;
    try {
      problem = ticketEventProblem(event);
    } catch {
      problem = 'malformed';
    }
    if (problem) {
      eventsPublished.inc({ bus: this.bus.kind, outcome: 'invalid' });
      logger.error({ field: problem }, 'ticket event not published: not ids and codes only');
      return 'invalid';
    }
    const message = encode(event);
    const outcomes = await Promise.all(audienceOf(event).map((department) => this.bus.publish(channelOf(department), message)));
    const outcome = outcomes.every((o) => o === 'sent') ? 'sent' : 'local_only';
    eventsPublished.inc({ bus: this.bus.kind, outcome });
    return outcome;
  }

  /** The events of `department` from now on, until the stream's `return()`. */
  stream(department: string): EventStream<TicketEvent> {
    let unsubscribe = () => undefined as void;
    const stream = new EventStream<TicketEvent>(SUBSCRIBER_BUFFER, () => unsubscribe(), () => eventsDropped.inc());
    unsubscribe = this.bus.subscribe(channelOf(department), (message) => {
      const event = decode(message);
      // The channel is the department's, but a message is checked again: a replica never forwards what it would not publish.
      if (event && audienceOf(event).includes(department)) stream.push(event);
    });
    return stream;
  }

  /** Whether this replica has a subscriber of `department`'s events, listening on the bus now. */
  listening(department: string): Promise<boolean> {
    return this.bus.listening(channelOf(department));
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}

let processEvents: TicketEvents | undefined;

/**
 * Makes `events` the process's own (the hub started in this process; `startHub` calls it) or, with
 * undefined, forgets it. A process runs one hub; tests that run two in one process publish through
 * each hub's own `TicketEvents`.
 */
export function useProcessTicketEvents(events: TicketEvents | undefined): void {
  processEvents = events;
}

/** The process's ticket events, if a hub is serving. */
export function processTicketEvents(): TicketEvents | undefined {
  return processEvents;
}

/**
 * Publishes a ticket event after its write has committed (the tickets' write path calls it once
 * per committed creation or transition): to every hub replica's subscribers of the event's
 * department. Through `via`, or the process's hub; with no hub serving there is nobody to tell.
 * Never rejects.
 */
export async function publishTicketEvent(event: TicketEvent, via: TicketEvents | undefined = processEvents): Promise<'sent' | 'local_only' | 'invalid' | 'no_hub'> {
  return via ? via.publish(event) : 'no_hub';
}
