import { Client, createClient, ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import type { TicketEvent, TicketEvents } from '../../src/events/ticketEvents';

/** How a WebSocket connection ended. */
export interface Closed {
  code: number;
  reason: string;
}

/** One graphql-ws client subscribed to one operation, collecting what it receives. */
export interface Subscriber {
  /** Every `next` payload, in order. */
  results: ExecutionResult[];
  /** The errors of an `error` message, if one came. */
  errors: readonly unknown[] | null;
  /** Resolves when the subscription completes or errs (never for a live one). */
  ended: Promise<void>;
  /** Resolves when the socket closes, with the server's code and reason. */
  closed: Promise<Closed>;
  /** Resolves once the hub acknowledged the connection (the token was accepted). */
  connected: Promise<void>;
  /** Resolves once `n` results have arrived. */
  received(n: number, timeoutMs?: number): Promise<ExecutionResult[]>;
  client: Client;
  dispose(): Promise<void>;
}

/** The ws:// address of a hub's GraphQL endpoint. */
export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * Subscribes over a real WebSocket with the graphql-ws client, as a department app would:
 * `connectionParams` carry the bearer token (and any purpose headers).
 */
export function subscribe(httpUrl: string, params: Record<string, string>, query: string, variables?: Record<string, unknown>): Subscriber {
  let onClosed: (c: Closed) => void = () => undefined;
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: params,
    lazy: true,
    retryAttempts: 0,
    on: { connected: () => onConnected(), closed: (event) => onClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  const results: ExecutionResult[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const subscriber: Subscriber = {
    results,
    errors: null,
    closed,
    connected,
    client,
    ended: new Promise<void>((resolve) => {
      client.subscribe({ query, variables }, {
        next: (r) => {
          results.push(r as ExecutionResult);
          for (const w of waiters.filter((x) => results.length >= x.n)) w.resolve();
        },
        error: (err) => {
          subscriber.errors = Array.isArray(err) ? err : [err];
          resolve();
        },
        complete: () => resolve(),
      });
    }),
    async received(n, timeoutMs = 5000) {
      if (results.length < n) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`received ${results.length} of ${n} results in ${timeoutMs} ms`)), timeoutMs);
          waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
        });
      }
      return results.slice(0, n);
    },
    dispose: () => client.dispose() as Promise<void>,
  };
  return subscriber;
}

export const TICKET_EVENTS = 'subscription Queue($department: String!) { ticketEvents(department: $department) { ticketId kind department item priority status at version } }';

/** Resolves once `events` has a subscriber of `department` listening on its bus (a subscription is not acknowledged in graphql-ws). */
export async function untilListening(events: TicketEvents, department: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await events.listening(department))) {
    if (Date.now() - started > timeoutMs) throw new Error(`no subscriber of ${department} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A ticket event as the tickets' write path would publish it after a commit. */
export function ticketEvent(department: string, overrides: Partial<TicketEvent> = {}): TicketEvent {
  return { ticketId: randomUUID(), kind: 'CREATED', department, item: 'MEAL_ASSISTANCE', priority: 'WITHIN_24_HOURS', status: 'RECEIVED', at: new Date('2026-11-29T08:00:00.000Z'), version: 1, ...overrides };
}
