import WebSocket from 'ws';
import { DEFAULT_EVENT_SETTINGS } from '../src/events/eventSettings';
import { publishTicketEvent, TicketEvent } from '../src/events/ticketEvents';
import type { TokenRequest } from '../src/auth/issueToken';
import { testToken } from './support/auth';
import { postGraphQL, startTestHub, TestHub } from './support/http';
import { subscribe, Subscriber, TICKET_EVENTS, ticketEvent, untilListening, wsUrl } from './support/subscriptions';

async function bearer(role: TokenRequest['role'], extra: Partial<TokenRequest> = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await testToken({ role, subject: `events-${role.toLowerCase()}`, ...extra })}` };
}

/** What a subscriber receives for `event`: every field, the time as ISO text. */
function asReceived(event: TicketEvent) {
  return { data: { ticketEvents: { ...event, at: event.at.toISOString() } } };
}

function codesOf(s: Subscriber): unknown[] {
  const errors = s.errors ?? s.results.flatMap((r) => r.errors ?? []);
  return errors.map((e) => (e as { extensions?: { code?: unknown } }).extensions?.code);
}

const settle = () => new Promise((r) => setTimeout(r, 150));

/**
 * Ticket events over graphql-ws against the real hub, on the in-process bus (no REDIS_URL). Events
 * are published here through `publishTicketEvent` directly, as the write path does after each
 * committed write, to test the stream's own rules; test/ticketEventWrites.test.ts drives them by
 * real ticket writes over HTTP.
 */
describe('ticket events over WebSocket (in-process bus)', () => {
  let t: TestHub;
  const open: Subscriber[] = [];
  const track = (s: Subscriber) => (open.push(s), s);
  beforeAll(async () => {
    t = await startTestHub(undefined, undefined, { ...DEFAULT_EVENT_SETTINGS, maxConnectionsPerPrincipal: 2, maxSubscriptionsPerConnection: 2 });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
  });
  afterAll(() => t.close());

  it('delivers a department officer the events of their own department and not of others', async () => {
    expect(t.hub.ticketEvents.bus.kind).toBe('memory');
    const police = track(subscribe(t.hub.url, await bearer('POLICE_OFFICER'), TICKET_EVENTS, { department: 'police' }));
    const health = track(subscribe(t.hub.url, await bearer('HEALTH_WORKER'), TICKET_EVENTS, { department: 'health' }));
    await untilListening(t.hub.ticketEvents, 'police');
    await untilListening(t.hub.ticketEvents, 'health');
    const civilEvent = ticketEvent('civil');
    const policeEvent = ticketEvent('police', { kind: 'TRANSITIONED', status: 'ACCEPTED', version: 2 });
    const healthEvent = ticketEvent('health');
    for (const e of [civilEvent, policeEvent, healthEvent]) expect(await publishTicketEvent(e)).toBe('sent');
    expect(await police.received(1)).toEqual([asReceived(policeEvent)]);
    expect(await health.received(1)).toEqual([asReceived(healthEvent)]);
    await settle();
    expect(police.results).toHaveLength(1);
    expect(health.results).toHaveLength(1);
  });

  it.each([
    ['a civil affairs officer asking for police events', 'CIVIL_AFFAIRS_OFFICER', 'police'],
    ['street staff (no department of their own)', 'STREET_STAFF', 'police'],
    ['an auditor', 'AUDITOR', 'health'],
    ['an admin', 'ADMIN', 'civil'],
    ['a resident', 'RESIDENT', 'civil'],
    ['a police officer asking for a module with no such name', 'POLICE_OFFICER', 'hub'],
  ])('refuses %s with FORBIDDEN, and delivers nothing', async (_what, role, department) => {
    const extra = role === 'STREET_STAFF' ? { grids: ['110101001001-G01'] } : role === 'RESIDENT' ? { subject: '398ed1e3-23cb-4d51-b268-9980d1db44a0' } : {};
    const refused = track(subscribe(t.hub.url, await bearer(role as TokenRequest['role'], extra), TICKET_EVENTS, { department }));
    await refused.ended;
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    expect(refused.results.every((r) => r.data == null)).toBe(true);
    expect(await t.hub.ticketEvents.listening(department)).toBe(false);
  });

  it('closes a connection without a valid token with 4401 UNAUTHENTICATED before any subscription runs', async () => {
    const none = track(subscribe(t.hub.url, {}, TICKET_EVENTS, { department: 'police' }));
    expect(await none.closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED MISSING' });
    const forged = track(subscribe(t.hub.url, { authorization: 'Bearer a.b.c' }, TICKET_EVENTS, { department: 'police' }));
    expect(await forged.closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED INVALID' });
    expect(none.results).toEqual([]);
  });

  it('ends the subscription when the token expires (4401 UNAUTHENTICATED EXPIRED)', async () => {
    const shortLived = track(subscribe(t.hub.url, await bearer('POLICE_OFFICER', { ttlSeconds: 2 }), TICKET_EVENTS, { department: 'police' }));
    await untilListening(t.hub.ticketEvents, 'police');
    const closed = await shortLived.closed;
    expect(closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED EXPIRED' });
    await settle();
    expect(await t.hub.ticketEvents.listening('police')).toBe(false);
  });

  it('serves subscriptions only: a query sent over WebSocket is refused, so resident data is read by HTTP under its purpose check and access record', async () => {
    const person = (await t.dbs.hub('person_index').select('id').first()).id;
    const query = track(subscribe(t.hub.url, { ...(await bearer('POLICE_OFFICER')), 'x-purpose': 'EMERGENCY' }, `query Name { person(id: "${person}") { name idNumber } }`));
    await query.ended;
    expect(codesOf(query)).toEqual(['OPERATION_NOT_SUPPORTED']);
    expect(query.results).toEqual([]);
  });

  it('refuses a subscription sent by HTTP with 400 OPERATION_NOT_SUPPORTED', async () => {
    const a = await postGraphQL(t.hub.url, TICKET_EVENTS, { department: 'police' }, await bearer('POLICE_OFFICER'));
    expect(a.status).toBe(400);
    expect(a.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_SUPPORTED']);
  });

  it('holds a principal to WS_MAX_CONNECTIONS_PER_PRINCIPAL connections (4429) and a connection to WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', async () => {
    const headers = await bearer('POLICE_OFFICER', { subject: 'events-limits-officer' });
    const first = track(subscribe(t.hub.url, headers, TICKET_EVENTS, { department: 'police' }));
    const second = track(subscribe(t.hub.url, headers, TICKET_EVENTS, { department: 'police' }));
    await untilListening(t.hub.ticketEvents, 'police');
    await settle();
    const third = track(subscribe(t.hub.url, headers, TICKET_EVENTS, { department: 'police' }));
    expect(await third.closed).toEqual({ code: 4429, reason: 'TOO_MANY_SUBSCRIPTIONS' });
    // Two subscriptions fit on the first connection; a third on it is refused and the others keep running.
    const sink: unknown[] = [];
    const errors: unknown[] = [];
    for (let i = 0; i < 2; i += 1) first.client.subscribe({ query: TICKET_EVENTS, variables: { department: 'police' } }, { next: (r) => sink.push(r), error: (e) => errors.push(e), complete: () => undefined });
    await settle();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Array<{ extensions: { code: string } }>)[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    const event = ticketEvent('police');
    await publishTicketEvent(event);
    expect(await second.received(1)).toEqual([asReceived(event)]);
    expect(await first.received(1)).toEqual([asReceived(event)]);
    await settle();
    expect(sink).toEqual([asReceived(event)]);
  });

  it('publishes ids and codes only: an event carrying anything else is not published and reaches nobody', async () => {
    const police = track(subscribe(t.hub.url, await bearer('POLICE_OFFICER'), TICKET_EVENTS, { department: 'police' }));
    await untilListening(t.hub.ticketEvents, 'police');
    const bad: TicketEvent[] = [
      { ...ticketEvent('police'), residentName: '张三' } as TicketEvent,
      ticketEvent('police', { item: 'ID110101194909222648' }),
      ticketEvent('police', { status: 'called 13812345678' }),
      ticketEvent('police', { ticketId: '110101194909222648' }),
      ticketEvent('police', { department: 'nowhere' }),
      ticketEvent('police', { fromDepartment: 'nowhere' }),
      ticketEvent('police', { fromDepartment: 'police' }),
      ticketEvent('police', { fromDepartment: '张三' }),
      ticketEvent('police', { version: 1.5 }),
      ticketEvent('police', { at: new Date('not a date') }),
    ];
    for (const e of bad) expect(await publishTicketEvent(e)).toBe('invalid');
    await settle();
    expect(police.results).toEqual([]);
  });

  it('closes subscribers with 1001 when the hub drains, refuses new WebSocket upgrades, and closes without hanging', async () => {
    const own = await startTestHub();
    const subscriber = subscribe(own.hub.url, await bearer('POLICE_OFFICER'), TICKET_EVENTS, { department: 'police' });
    await untilListening(own.hub.ticketEvents, 'police');
    const drained = own.hub.drain({ deadlineMs: 3000, idleGraceMs: 100 });
    expect(await subscriber.closed).toEqual({ code: 1001, reason: 'SHUTTING_DOWN' });
    const late = new WebSocket(wsUrl(own.hub.url), 'graphql-transport-ws');
    const refused = await new Promise<string>((resolve) => {
      late.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      late.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message));
    });
    // Refused with 503 on a connection still open, or not accepted at all once the server stopped listening.
    expect(['503', 'ECONNREFUSED']).toContain(refused);
    expect((await drained).drained).toBe(true);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await subscriber.dispose();
  });
});
