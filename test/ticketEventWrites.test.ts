import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '../src/auth/issueToken';
import { Caller, testToken } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { subscribe, Subscriber, untilListening } from './support/subscriptions';
import { householdWithMembers, TestHousehold, TICKET_GRID } from './support/ticketHouseholds';

const EVENTS = 'subscription Queue($department: String!) { ticketEvents(department: $department) { ticketId kind department fromDepartment item priority status at version } }';
const SUBMIT = 'mutation SubmitNeed($input: SubmitNeedInput!) { submitNeed(input: $input) { id department status version householdId personId } }';
const CREATE = 'mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { id department status version } }';
const MOVE = 'mutation Move($input: TransitionTicketInput!) { transitionTicket(input: $input) { id department status version } }';
const RECORD_VISIT = 'mutation RecordVisit($input: RecordVisitInput!) { recordVisit(input: $input) { id } }';

const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'event-writes-civil' };
const HEALTH: Caller = { role: 'HEALTH_WORKER', purpose: 'TICKET_HANDLING', subject: 'event-writes-health' };
const STAFF: Caller = { role: 'STREET_STAFF', grids: [TICKET_GRID], purpose: 'HOME_VISIT', subject: 'event-writes-worker' };

/** A department app's connection: its own role's bearer token, as the app would send it. */
async function app(role: TokenRequest['role']): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await testToken({ role, subject: `event-writes-app-${role.toLowerCase()}` })}` };
}

type Received = { ticketId: string; kind: string; department: string; fromDepartment: string | null; item: string; priority: string; status: string; at: string; version: number };
const payloads = (s: Subscriber) => s.results.map((r) => (r.data as { ticketEvents: Received }).ticketEvents);
const settle = () => new Promise((r) => setTimeout(r, 300));

/**
 * Ticket events through real ticket writes (issue 17): department apps subscribed over graphql-ws
 * hear of the tickets that a resident, a department and a visit create over HTTP and that
 * departments move, after each commit — their own department's only, ids and codes only.
 */
describe('ticket events from real ticket writes', () => {
  let t: TestHub;
  let home: TestHousehold;
  let civil: Subscriber;
  let health: Subscriber;
  let police: Subscriber;

  beforeAll(async () => {
    t = await startTestHub();
    home = await householdWithMembers(t.dbs, true, 3);
    civil = subscribe(t.hub.url, await app('CIVIL_AFFAIRS_OFFICER'), EVENTS, { department: 'civil' });
    health = subscribe(t.hub.url, await app('HEALTH_WORKER'), EVENTS, { department: 'health' });
    police = subscribe(t.hub.url, await app('POLICE_OFFICER'), EVENTS, { department: 'police' });
    for (const d of ['civil', 'health', 'police']) await untilListening(t.hub.ticketEvents, d);
  });
  afterAll(async () => {
    await Promise.all([civil, health, police].map((s) => s.dispose()));
    await t.close();
  });

  it('tells civil affairs of a resident\'s need and of each move, tells both sides of a transfer, and tells another department nothing', async () => {
    const resident: Caller = { role: 'RESIDENT', subject: home.members[0], purpose: 'SELF_SERVICE' };
    const filed = await t.as(resident)(SUBMIT, { input: { item: 'MEAL_ASSISTANCE', summary: '老人需要送餐', idempotencyKey: randomUUID() } });
    expect(filed.errors).toBeUndefined();
    const ticket = filed.data!.submitNeed;
    expect(ticket.department).toBe('civil');
    const [created] = await civil.received(1);
    expect((created.data as { ticketEvents: Received }).ticketEvents).toMatchObject({ ticketId: ticket.id, kind: 'CREATED', department: 'civil', fromDepartment: null, item: 'MEAL_ASSISTANCE', status: 'RECEIVED', version: 1 });

    const accepted = await t.as(CIVIL)(MOVE, { input: { id: ticket.id, to: 'ACCEPTED', expectedVersion: 1, reason: '已签收' } });
    expect(accepted.errors).toBeUndefined();
    await civil.received(2);
    // Transferred: civil affairs loses it, health gains it; both hear the same event.
    const moved = await t.as(CIVIL)(MOVE, { input: { id: ticket.id, to: 'TRANSFERRED', expectedVersion: 2, reason: '需医疗上门', toDepartment: 'health' } });
    expect(moved.data!.transitionTicket).toMatchObject({ department: 'health', status: 'TRANSFERRED', version: 3 });
    await civil.received(3);
    await health.received(1);
    const taken = await t.as(HEALTH)(MOVE, { input: { id: ticket.id, to: 'ACCEPTED', expectedVersion: 3, reason: '已签收' } });
    expect(taken.errors).toBeUndefined();
    await health.received(2);
    await settle();

    const transfer = { ticketId: ticket.id, kind: 'TRANSITIONED', department: 'health', fromDepartment: 'civil', status: 'TRANSFERRED', version: 3 };
    expect(payloads(civil).map(({ kind, department, fromDepartment, status, version }) => [kind, department, fromDepartment, status, version])).toEqual([
      ['CREATED', 'civil', null, 'RECEIVED', 1], ['TRANSITIONED', 'civil', null, 'ACCEPTED', 2], ['TRANSITIONED', 'health', 'civil', 'TRANSFERRED', 3],
    ]);
    expect(payloads(health)).toEqual([expect.objectContaining(transfer), expect.objectContaining({ ticketId: ticket.id, department: 'health', fromDepartment: null, status: 'ACCEPTED', version: 4 })]);
    // Once health has it, civil affairs hears no more of it; the police heard nothing at all.
    expect(police.results).toEqual([]);

    // Ids and codes only: no summary, reason, household, person or handler in any payload.
    for (const p of [...payloads(civil), ...payloads(health)]) {
      expect(Object.keys(p).sort()).toEqual(['at', 'department', 'fromDepartment', 'item', 'kind', 'priority', 'status', 'ticketId', 'version']);
      expect(Number.isNaN(Date.parse(p.at))).toBe(false);
    }
    const text = JSON.stringify([civil.results, health.results]);
    for (const secret of ['老人需要送餐', '需医疗上门', '已签收', home.id, ...home.members, 'event-writes-civil', 'event-writes-health']) expect(text).not.toContain(secret);
  });

  it('tells each department of the ticket another department files for it and of a visit\'s needs routed to it, and nobody of a refused write', async () => {
    for (const s of [civil, health, police]) s.results.splice(0);
    const made = await t.as(HEALTH)(CREATE, { input: { householdId: home.id, personId: home.members[1], item: 'HOUSEHOLD_REGISTRATION', idempotencyKey: randomUUID() } });
    const refused = await t.as(HEALTH)(CREATE, { input: { householdId: home.id, item: 'NOT_AN_ITEM', idempotencyKey: randomUUID() } });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNKNOWN_NEED']);
    const visit = await t.as(STAFF)(RECORD_VISIT, { input: {
      householdId: home.id, visitedAt: new Date(Date.now() - 60_000).toISOString(), outcome: 'MET', membersMet: [home.members[0]],
      needs: ['CARE_SERVICE', 'MEDICAL_ASSISTANCE'], solvedOnSpot: ['MEDICAL_ASSISTANCE'], idempotencyKey: randomUUID(),
    } });
    expect(visit.errors).toBeUndefined();
    const fromVisit = await t.dbs.street('tickets').where({ visit_id: visit.data!.recordVisit.id }).select('id', 'department', 'status', 'version');
    expect(fromVisit).toHaveLength(2);
    expect(made.errors).toBeUndefined();
    // The police's item filed by health; civil affairs' and health's (solved on the spot: RESOLVED, version 2) from the visit.
    expect([made.data!.createTicket.department, ...fromVisit.map((x) => `${x.department} ${x.status} ${x.version}`).sort()]).toEqual(['police', 'civil RECEIVED 1', 'health RESOLVED 2']);
    const expected = [{ id: made.data!.createTicket.id, department: 'police', status: 'RECEIVED', version: 1 }, ...fromVisit];
    const byDepartment = (d: string) => expected.filter((x) => x.department === d).map((x) => ({ ticketId: x.id, kind: 'CREATED', status: x.status, version: x.version })).sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1));
    const heard = (s: Subscriber) => payloads(s).map(({ ticketId, kind, status, version }) => ({ ticketId, kind, status, version })).sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1));
    const wanted = { civil: byDepartment('civil'), health: byDepartment('health'), police: byDepartment('police') };
    await civil.received(wanted.civil.length);
    await health.received(wanted.health.length);
    await police.received(wanted.police.length);
    await settle();
    expect({ civil: heard(civil), health: heard(health), police: heard(police) }).toEqual(wanted);
  });
});
