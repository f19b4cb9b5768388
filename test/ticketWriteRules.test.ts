import { randomUUID } from 'node:crypto';
import { closeDatabases, Databases } from '../src/db/databases';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { REPEAT_WINDOW_DAYS } from '../src/departments/street/tickets/ticketRows';
import type { Caller } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';
import { householdWithMembers, TestHousehold, TICKET_GRID } from './support/ticketHouseholds';

const TICKET = 'id item department status version householdId personId repeatOf rating';
const CREATE = `mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET} } }`;
const SUBMIT = `mutation SubmitNeed($input: SubmitNeedInput!) { submitNeed(input: $input) { ${TICKET} } }`;
const MOVE = `mutation Move($input: TransitionTicketInput!) { transitionTicket(input: $input) { ${TICKET} } }`;
const CONFIRM = `mutation Confirm($input: ResidentTicketInput!) { confirmTicket(input: $input) { ${TICKET} } }`;
const RATE = `mutation Rate($input: RateTicketInput!) { rateTicket(input: $input) { ${TICKET} } }`;
const RECORD_VISIT = 'mutation RecordVisit($input: RecordVisitInput!) { recordVisit(input: $input) { id } }';
const QUEUE = 'query Queue { ticketQueue(first: 1) { totalCount repeatCount } }';

const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'write-rules-civil' };
const STAFF: Caller = { role: 'STREET_STAFF', grids: [TICKET_GRID], purpose: 'HOME_VISIT', subject: 'write-rules-worker' };
/** The seed's reference instant: the seeded year's tickets are all received before it. */
const SEEDED = "t.received_at < '2026-11-01T00:00:00+08:00'";

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);

/**
 * Issue 17's write rules that tickets.test.ts does not walk: the order of a transition's checks,
 * solved-on-the-spot histories, writes that cannot be recorded, a resident's reach, repeats.
 */
describe('ticket write rules', () => {
  let t: TestHub;
  let owner: Databases;
  let home: TestHousehold;
  let elsewhere: TestHousehold;
  let resident: Caller;

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    home = await householdWithMembers(t.dbs, true, 5);
    elsewhere = await householdWithMembers(t.dbs, false, 5);
    resident = { role: 'RESIDENT', subject: home.members[0], purpose: 'SELF_SERVICE' };
    await removeBackdated();
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const row = async (id: string) => owner.street('tickets').where({ id }).first();
  const steps = async (id: string) => (await owner.street('ticket_transitions').where({ ticket_id: id }).orderBy('seq')).map((s) => `${s.from_status} → ${s.to_status}`);
  const ticketCount = async () => Number((await owner.street('tickets').count('* as n'))[0].n);
  const lastRecord = () => owner.hub('access_log').orderBy('seq', 'desc').first();
  const file = async (item = 'SUBSIDY_ENQUIRY', household = home) => {
    const res = await t.as(CIVIL)(CREATE, { input: { householdId: household.id, personId: household.members[0], item, idempotencyKey: randomUUID() } });
    expect(res.errors).toBeUndefined();
    return res.data!.createTicket as { id: string; repeatOf: string | null; version: number };
  };
  const move = (id: string, to: string, expectedVersion: number) => t.as(CIVIL)(MOVE, { input: { id, to, expectedVersion, reason: '已安排' } });

  it('answers a stale version with TICKET_VERSION_CONFLICT even where the move is also illegal now, and the current version with the machine\'s ILLEGAL_TRANSITION', async () => {
    const ticket = await file();
    expect((await move(ticket.id, 'ACCEPTED', 1)).data!.transitionTicket).toMatchObject({ status: 'ACCEPTED', version: 2 });
    // Each of these was read at version 1 (RECEIVED); the ticket is ACCEPTED at version 2 now.
    expect(codes(await move(ticket.id, 'ACCEPTED', 1))).toEqual(['TICKET_VERSION_CONFLICT']);
    expect(await lastRecord()).toMatchObject({ outcome: 'REFUSED', refusal: 'TICKET_VERSION_CONFLICT' });
    expect(codes(await move(ticket.id, 'CONFIRMED', 1))).toEqual(['TICKET_VERSION_CONFLICT']);
    expect(codes(await t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 1, rating: 5 } }))).toEqual(['TICKET_VERSION_CONFLICT']);
    expect(codes(await t.as(resident)(CONFIRM, { input: { id: ticket.id, expectedVersion: 1 } }))).toEqual(['TICKET_VERSION_CONFLICT']);
    // At the current version the machine's rules answer.
    expect(codes(await move(ticket.id, 'ACCEPTED', 2))).toEqual(['ILLEGAL_TRANSITION']);
    expect(codes(await move(ticket.id, 'CONFIRMED', 2))).toEqual(['ILLEGAL_TRANSITION']);
    expect(codes(await t.as(resident)(CONFIRM, { input: { id: ticket.id, expectedVersion: 2 } }))).toEqual(['ILLEGAL_TRANSITION']);
    expect(await row(ticket.id)).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(await steps(ticket.id)).toEqual(['null → RECEIVED', 'RECEIVED → ACCEPTED']);
  });

  it('writes a need solved on the spot as received, then resolved (version 2): the history every seeded ticket solved on the spot has', async () => {
    const res = await t.as(STAFF)(RECORD_VISIT, { input: {
      householdId: home.id, visitedAt: new Date(Date.now() - 60_000).toISOString(), outcome: 'MET', membersMet: [home.members[0]],
      needs: ['FAMILY_DISPUTE'], solvedOnSpot: ['FAMILY_DISPUTE'], idempotencyKey: randomUUID(),
    } });
    expect(res.errors).toBeUndefined();
    const ticket = await owner.street('tickets').where({ visit_id: res.data!.recordVisit.id }).first();
    expect(ticket).toMatchObject({ status: 'RESOLVED', version: 2, solved_on_spot: true });
    expect(await steps(ticket.id)).toEqual(['null → RECEIVED', 'RECEIVED → RESOLVED']);
    const seeded: Array<{ first: string; n: string }> = (await owner.street.raw(`
      SELECT (SELECT string_agg(coalesce(x.from_status, 'null') || ' → ' || x.to_status, ', ' ORDER BY x.seq) FROM ticket_transitions x WHERE x.ticket_id = t.id AND x.seq <= 2) AS first, count(*) AS n
      FROM tickets t WHERE t.solved_on_spot AND ${SEEDED} GROUP BY 1`)).rows;
    expect(seeded.map((s) => s.first)).toEqual(['null → RECEIVED, RECEIVED → RESOLVED']);
    expect(Number(seeded[0].n)).toBeGreaterThan(100);
    // The resident confirms it at the version the API returned.
    expect((await t.as(resident)(CONFIRM, { input: { id: ticket.id, expectedVersion: 2 } })).data!.confirmTicket).toMatchObject({ status: 'CONFIRMED', version: 3 });
  });

  describe('while the access log cannot be written', () => {
    const unrecorded = async <T>(write: () => Promise<T>): Promise<T> => {
      await owner.hub.raw('REVOKE EXECUTE ON FUNCTION append_access_records(jsonb) FROM onefile_app');
      try {
        return await write();
      } finally {
        await owner.hub.raw('GRANT EXECUTE ON FUNCTION append_access_records(jsonb) TO onefile_app');
      }
    };

    it.each([
      ['a department\'s ticket', () => t.as(CIVIL)(CREATE, { input: { householdId: home.id, item: 'ACCESSIBILITY', idempotencyKey: randomUUID() } })],
      ['a resident\'s need', () => t.as(resident)(SUBMIT, { input: { item: 'ACCESSIBILITY', summary: '门口加坡道', idempotencyKey: randomUUID() } })],
    ])('commits no %s (AUDIT_UNAVAILABLE)', async (_what, write) => {
      const before = await ticketCount();
      expect(codes(await unrecorded(write))).toEqual(['AUDIT_UNAVAILABLE']);
      expect(await ticketCount()).toBe(before);
      expect(await owner.street('tickets').where({ summary: '门口加坡道' })).toHaveLength(0);
    });

    it('commits no rating (AUDIT_UNAVAILABLE), and the same rating is taken once the log is back', async () => {
      const ticket = await file('MEAL_ASSISTANCE');
      expect((await move(ticket.id, 'RESOLVED', 1)).errors).toBeUndefined();
      expect((await t.as(resident)(CONFIRM, { input: { id: ticket.id, expectedVersion: 2 } })).errors).toBeUndefined();
      const rate = () => t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 3, rating: 2, comment: '太慢了' } });
      expect(codes(await unrecorded(rate))).toEqual(['AUDIT_UNAVAILABLE']);
      expect(await row(ticket.id)).toMatchObject({ status: 'CONFIRMED', version: 3, rating: null, rating_comment: null });
      expect(await steps(ticket.id)).toHaveLength(3);
      expect((await rate()).data!.rateTicket).toMatchObject({ status: 'RATED', rating: 2, version: 4 });
    });
  });

  describe('a resident files about their own household only', () => {
    it('files their need under their own household, whatever else they send', async () => {
      const before = await ticketCount();
      const named = await t.as(resident)(SUBMIT, { input: { item: 'MEAL_ASSISTANCE', householdId: elsewhere.id, idempotencyKey: randomUUID() } });
      expect(codes(named)).toEqual(['BAD_USER_INPUT']);
      const viaDepartments = await t.as(resident)(CREATE, { input: { householdId: elsewhere.id, item: 'MEAL_ASSISTANCE', idempotencyKey: randomUUID() } });
      expect(codes(viaDepartments)).toEqual(['WRITE_NOT_PERMITTED']);
      expect(await ticketCount()).toBe(before);
      const own = await t.as(resident)(SUBMIT, { input: { item: 'MEAL_ASSISTANCE', idempotencyKey: randomUUID() } });
      expect(own.data!.submitNeed).toMatchObject({ householdId: home.id, personId: home.members[0] });
    });

    it.each([
      ['over 200 characters', '好'.repeat(201), 'NOTE_TOO_LONG'],
      ['an ID number', '我的身份证号110101194909222648', 'NOTE_CONTAINS_IDENTIFIER'],
      ['a phone number', '请打13812345678联系', 'NOTE_CONTAINS_IDENTIFIER'],
    ])('refuses a need whose summary holds %s, writing nothing and echoing nothing', async (_what, summary, code) => {
      const before = await ticketCount();
      const res = await t.as(resident)(SUBMIT, { input: { item: 'CARE_SERVICE', summary, idempotencyKey: randomUUID() } });
      expect(codes(res)).toEqual([code]);
      expect(await ticketCount()).toBe(before);
      expect(await lastRecord()).toMatchObject({ outcome: 'REFUSED', refusal: code });
      expect(res.text).not.toMatch(/110101194909222648|13812345678/);
    });
  });

  it(`links a ticket to the household's last one for the item within ${REPEAT_WINDOW_DAYS} days, not to an older one, and counts each link once`, async () => {
    // An item of civil affairs the household has had no ticket for in twice the window.
    const recent: string[] = await owner.street('tickets').where({ household_id: home.id }).where('received_at', '>', new Date(Date.now() - 2 * REPEAT_WINDOW_DAYS * 86400_000)).pluck('item');
    const item = NEED_ITEMS.find((i) => i.department === 'civil' && !recent.includes(i.code))!.code;
    const old = await file(item);
    // Received a day before the window: it falls in the seeded year's months, so it is deleted again below.
    await owner.street('tickets').where({ id: old.id }).update({ received_at: new Date(Date.now() - (REPEAT_WINDOW_DAYS + 1) * 86400_000) });
    try {
      await linksWithinTheWindow(item);
    } finally {
      await removeBackdated();
    }
  });

  /** Deletes this suite's backdated tickets (also any a crashed run left): the seed's and figures' suites read those months. */
  async function removeBackdated(): Promise<void> {
    const ids = owner.street('tickets').where({ created_by_subject: CIVIL.subject }).where('received_at', '<', new Date(Date.now() - REPEAT_WINDOW_DAYS * 86400_000)).select('id');
    await owner.street('ticket_transitions').whereIn('ticket_id', ids).delete();
    await owner.street('tickets').whereIn('id', ids.clone()).delete();
  }

  async function linksWithinTheWindow(item: string): Promise<void> {
    const repeats = async () => (await t.as(CIVIL)(QUEUE)).data!.ticketQueue.repeatCount as number;
    const before = await repeats();
    const first = await file(item);
    expect(first.repeatOf).toBeNull();
    expect(await repeats()).toBe(before);
    const second = await file(item);
    const third = await file(item);
    expect([second.repeatOf, third.repeatOf]).toEqual([first.id, second.id]);
    expect(await repeats()).toBe(before + 2);
  }
});
