import { publishTicketEvent } from '../src/events/ticketEvents';
import { testToken } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { subscribe, TICKET_EVENTS, ticketEvent, untilListening } from './support/subscriptions';

async function bearer(role: Parameters<typeof testToken>[0]['role'], extra: Partial<Parameters<typeof testToken>[0]> = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await testToken({ role, subject: `events-${role.toLowerCase()}`, ...extra })}` };
}

/**
 * Ticket events over graphql-ws against the real hub, on the in-process bus (no REDIS_URL).
 * Until the tickets' write path lands, events are published through `publishTicketEvent` directly,
 * as that path will after each committed write; at merge these tests create real tickets instead.
 */
describe('ticket events over WebSocket (in-process bus)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('delivers a department officer the events of their own department and not of others', async () => {
    const police = subscribe(t.hub.url, await bearer('POLICE_OFFICER'), TICKET_EVENTS, { department: 'police' });
    try {
      await untilListening(t.hub.ticketEvents, 'police');
      const civilEvent = ticketEvent('civil');
      const policeEvent = ticketEvent('police', { kind: 'TRANSITIONED', status: 'ACCEPTED', version: 2 });
      expect(await publishTicketEvent(civilEvent)).toBe('sent');
      expect(await publishTicketEvent(policeEvent)).toBe('sent');
      const [first] = await police.received(1);
      expect(first).toEqual({ data: { ticketEvents: { ...policeEvent, at: '2026-11-29T08:00:00.000Z' } } });
      await new Promise((r) => setTimeout(r, 100));
      expect(police.results).toHaveLength(1);
    } finally {
      await police.dispose();
    }
  });
});
