import { redisForTests, TEST_REDIS_URL } from './support/redisProbe';
import Redis from 'ioredis';
import { DEFAULT_EVENT_SETTINGS, EventSettings } from '../src/events/eventSettings';
import { randomUUID } from 'node:crypto';
import { processTicketEvents, publishTicketEvent } from '../src/events/ticketEvents';
import { headersFor, testToken } from './support/auth';
import { postGraphQL, startTestHub, TestHub } from './support/http';
import { subscribe, TICKET_EVENTS, ticketEvent, untilListening } from './support/subscriptions';
import { openTestDatabases } from './support/testDatabases';
import { householdWithMembers } from './support/ticketHouseholds';

const REDIS_URL = TEST_REDIS_URL;
const REDIS_UP = redisForTests('the two-replica ticket events test');

/** Channels of this run only, so runs (and engineers) sharing a Redis never hear each other's events. */
const PREFIX = `onefile-test-events-${process.pid}-${Date.now()}`;
const SHARED: EventSettings = { ...DEFAULT_EVENT_SETTINGS, redisUrl: REDIS_URL, channelPrefix: PREFIX };

/**
 * Two hub replicas on one Redis (REDIS_URL), each with its own bus connections, as two processes
 * behind a load balancer would be. Events are published through `publishTicketEvent` on replica A
 * directly, and by a ticket created and transferred over HTTP through one replica.
 */
(REDIS_UP ? describe : describe.skip)('ticket events across hub replicas on one Redis', () => {
  let a: TestHub;
  let b: TestHub;
  let redis: Redis;
  beforeAll(async () => {
    a = await startTestHub(openTestDatabases(), undefined, SHARED);
    b = await startTestHub(openTestDatabases(), undefined, SHARED);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
    await a.close();
    await b.close();
  });

  it('delivers an event published on replica A to a subscriber connected to replica B, and to one on A', async () => {
    expect(a.hub.ticketEvents.bus.kind).toBe('redis');
    const headers = { authorization: `Bearer ${await testToken({ role: 'CIVIL_AFFAIRS_OFFICER', subject: 'events-replica-officer' })}` };
    const onB = subscribe(b.hub.url, headers, TICKET_EVENTS, { department: 'civil' });
    const onA = subscribe(a.hub.url, headers, TICKET_EVENTS, { department: 'civil' });
    try {
      await untilListening(b.hub.ticketEvents, 'civil');
      await untilListening(a.hub.ticketEvents, 'civil');
      // Replica A's own bus: the event leaves through Redis, not through B's memory.
      expect(await a.hub.ticketEvents.bus.listening('tickets:civil')).toBe(true);
      expect(await redis.pubsub('NUMSUB', `${PREFIX}:tickets:civil`)).toEqual([`${PREFIX}:tickets:civil`, 2]);
      const event = ticketEvent('civil', { kind: 'TRANSITIONED', status: 'TRANSFERRED', version: 3 });
      expect(await publishTicketEvent(event, a.hub.ticketEvents)).toBe('sent');
      const expected = [{ data: { ticketEvents: { ...event, at: event.at.toISOString() } } }];
      expect(await onB.received(1)).toEqual(expected);
      expect(await onA.received(1)).toEqual(expected);
      // Another department's event reaches neither.
      await publishTicketEvent(ticketEvent('police'), b.hub.ticketEvents);
      await new Promise((r) => setTimeout(r, 200));
      expect(onB.results).toHaveLength(1);
      expect(onA.results).toHaveLength(1);
    } finally {
      await onB.dispose();
      await onA.dispose();
    }
  });

  it('delivers a transfer written over HTTP to the losing and the gaining department\'s subscribers on the other replica', async () => {
    // The write path publishes through the process's hub; subscribers sit on the other one, so only Redis can reach them.
    const [writer, reader] = processTicketEvents() === a.hub.ticketEvents ? [a, b] : [b, a];
    const app = async (role: 'CIVIL_AFFAIRS_OFFICER' | 'HEALTH_WORKER') => ({ authorization: `Bearer ${await testToken({ role, subject: `events-replica-${role.toLowerCase()}` })}` });
    const civil = subscribe(reader.hub.url, await app('CIVIL_AFFAIRS_OFFICER'), TICKET_EVENTS, { department: 'civil' });
    const health = subscribe(reader.hub.url, await app('HEALTH_WORKER'), TICKET_EVENTS, { department: 'health' });
    try {
      await untilListening(reader.hub.ticketEvents, 'civil');
      await untilListening(reader.hub.ticketEvents, 'health');
      const officer = await headersFor({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'events-replica-writer' });
      const household = await householdWithMembers(writer.dbs, true, 9);
      const created = await postGraphQL(writer.hub.url, 'mutation C($input: CreateTicketInput!) { createTicket(input: $input) { id } }', { input: { householdId: household.id, item: 'SUBSIDY_ENQUIRY', idempotencyKey: randomUUID() } }, officer);
      const id = created.data!.createTicket.id as string;
      const moved = await postGraphQL(writer.hub.url, 'mutation M($input: TransitionTicketInput!) { transitionTicket(input: $input) { status } }', { input: { id, to: 'TRANSFERRED', expectedVersion: 1, toDepartment: 'health' } }, officer);
      expect(moved.data!.transitionTicket.status).toBe('TRANSFERRED');
      const seen = (r: unknown) => (r as { data: { ticketEvents: { ticketId: string; status: string; department: string } } }).data.ticketEvents;
      expect((await civil.received(2)).map(seen).map((e) => [e.ticketId, e.status, e.department])).toEqual([[id, 'RECEIVED', 'civil'], [id, 'TRANSFERRED', 'health']]);
      expect((await health.received(1)).map(seen).map((e) => [e.ticketId, e.status, e.department])).toEqual([[id, 'TRANSFERRED', 'health']]);
    } finally {
      await civil.dispose();
      await health.dispose();
    }
  });

  it('leaves the Redis channel when the last subscriber of a replica goes', async () => {
    const headers = { authorization: `Bearer ${await testToken({ role: 'HEALTH_WORKER', subject: 'events-replica-health' })}` };
    const onB = subscribe(b.hub.url, headers, TICKET_EVENTS, { department: 'health' });
    await untilListening(b.hub.ticketEvents, 'health');
    expect(await redis.pubsub('NUMSUB', `${PREFIX}:tickets:health`)).toEqual([`${PREFIX}:tickets:health`, 1]);
    await onB.dispose();
    for (let i = 0; i < 50 && (await b.hub.ticketEvents.listening('health')); i += 1) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(await redis.pubsub('NUMSUB', `${PREFIX}:tickets:health`)).toEqual([`${PREFIX}:tickets:health`, 0]);
  });
});
