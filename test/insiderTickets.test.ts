import { randomUUID } from 'node:crypto';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { householdWithMembers, TestHousehold } from './support/ticketHouseholds';

/**
 * A resident as the insider: another member of their registered household. A resident's row scope
 * is their own file (`OWN_FILE`): they may not read a household member's health or what that member
 * told the street office. A ticket about one named member (submitted by them, or filed by a
 * department about them) is that member's; the household's other residents neither list it nor
 * close it.
 */
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'insider-tickets-civil' };
const HEALTH: Caller = { role: 'HEALTH_WORKER', purpose: 'TICKET_HANDLING', subject: 'insider-tickets-health' };

const TICKET = 'id item department status version householdId personId summary repeatOf';
const SUBMIT = `mutation SubmitNeed($input: SubmitNeedInput!) { submitNeed(input: $input) { ${TICKET} } }`;
const CREATE = `mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET} } }`;
const MOVE = `mutation Move($input: TransitionTicketInput!) { transitionTicket(input: $input) { ${TICKET} } }`;
const CONFIRM = `mutation Confirm($input: ResidentTicketInput!) { confirmTicket(input: $input) { ${TICKET} } }`;
const ONE = `query One($id: ID!) { ticket(id: $id) { ${TICKET} } }`;
const MINE = `query Mine { myTickets(first: 100) { totalCount repeatCount edges { node { ${TICKET} } } } }`;

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);

describe('a resident cannot read or act on the tickets of another member of their household', () => {
  let t: TestHub;
  let home: TestHousehold;
  let wife: Caller;
  let husband: Caller;

  beforeAll(async () => {
    t = await startTestHub();
    home = await householdWithMembers(t.dbs, true, 11);
    wife = { role: 'RESIDENT', subject: home.members[0], purpose: 'SELF_SERVICE' };
    husband = { role: 'RESIDENT', subject: home.members[1], purpose: 'SELF_SERVICE' };
  });
  afterAll(() => t.close());

  const mine = async (as: Caller): Promise<Array<{ id: string; personId: string | null; summary: string | null; item: string }>> => {
    const res = await t.as(as)(MINE);
    expect(res.errors).toBeUndefined();
    return res.data!.myTickets.edges.map((e: { node: unknown }) => e.node);
  };

  it('does not show a member the need another member reported, nor what they said', async () => {
    const filed = await t.as(wife)(SUBMIT, { input: { item: 'FAMILY_DISPUTE', summary: '丈夫酒后打人', idempotencyKey: randomUUID() } });
    expect(filed.errors).toBeUndefined();
    const ticket = filed.data!.submitNeed;
    expect(ticket.personId).toBe(home.members[0]);
    // The control: the member who reported it follows it.
    expect((await mine(wife)).map((x) => x.id)).toContain(ticket.id);
    const seen = await mine(husband);
    expect(seen.map((x) => x.id)).not.toContain(ticket.id);
    expect(JSON.stringify(seen)).not.toContain('丈夫酒后打人');
  });

  it('does not tell a member that a department filed a ticket about another member (a health follow-up is a health fact)', async () => {
    const made = await t.as(HEALTH)(CREATE, { input: { householdId: home.id, personId: home.members[0], item: 'CHRONIC_CARE_FOLLOW_UP', idempotencyKey: randomUUID() } });
    expect(made.errors).toBeUndefined();
    const seen = await mine(husband);
    expect(seen.map((x) => x.id)).not.toContain(made.data!.createTicket.id);
    expect(seen.filter((x) => x.personId !== null && x.personId !== home.members[1])).toEqual([]);
    expect((await mine(wife)).map((x) => x.id)).toContain(made.data!.createTicket.id);
  });

  it('does not let a member confirm another member\'s resolved ticket: it answers like a missing one', async () => {
    const made = await t.as(CIVIL)(CREATE, { input: { householdId: home.id, personId: home.members[0], item: 'MEAL_ASSISTANCE', idempotencyKey: randomUUID() } });
    expect(made.errors).toBeUndefined();
    const resolved = await t.as(CIVIL)(MOVE, { input: { id: made.data!.createTicket.id, to: 'RESOLVED', expectedVersion: 1, reason: '已安排' } });
    expect(resolved.errors).toBeUndefined();
    const missing = await t.as(husband)(CONFIRM, { input: { id: randomUUID(), expectedVersion: 2 } });
    const other = await t.as(husband)(CONFIRM, { input: { id: made.data!.createTicket.id, expectedVersion: 2 } });
    expect(codes(missing)).toEqual(['TICKET_NOT_FOUND']);
    expect(codes(other)).toEqual(codes(missing));
    expect(other.errors![0].message).toBe(missing.errors![0].message);
    // The member it is about still confirms it.
    const own = await t.as(wife)(CONFIRM, { input: { id: made.data!.createTicket.id, expectedVersion: 2 } });
    expect(own.errors).toBeUndefined();
    expect(own.data!.confirmTicket.status).toBe('CONFIRMED');
  });

  it('does not point a member\'s own ticket at another member\'s earlier one (repeatOf would confirm it exists)', async () => {
    const first = await t.as(wife)(SUBMIT, { input: { item: 'NEIGHBOUR_DISPUTE', summary: '楼上漏水', idempotencyKey: randomUUID() } });
    expect(first.errors).toBeUndefined();
    const second = await t.as(husband)(SUBMIT, { input: { item: 'NEIGHBOUR_DISPUTE', summary: '楼上吵闹', idempotencyKey: randomUUID() } });
    expect(second.errors).toBeUndefined();
    expect(second.data!.submitNeed.repeatOf).toBeNull();
    const seen = await mine(husband);
    expect(seen.find((x) => x.id === second.data!.submitNeed.id)).toMatchObject({ repeatOf: null });
    expect(JSON.stringify(seen)).not.toContain(first.data!.submitNeed.id);
    // Read by id, it points nowhere either.
    const one = await t.as(husband)(ONE, { id: second.data!.submitNeed.id });
    expect(one.errors).toBeUndefined();
    expect(one.data!.ticket.repeatOf).toBeNull();
  });

  it('does not let a member read another member\'s ticket by its id: it answers like a missing one', async () => {
    const filed = await t.as(wife)(SUBMIT, { input: { item: 'FAMILY_DISPUTE', summary: '分居协议', idempotencyKey: randomUUID() } });
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.submitNeed.id;
    const missing = await t.as(husband)(ONE, { id: randomUUID() });
    const other = await t.as(husband)(ONE, { id });
    expect(codes(missing)).toEqual(['TICKET_NOT_FOUND']);
    expect(codes(other)).toEqual(codes(missing));
    expect(other.errors![0].message).toBe(missing.errors![0].message);
    expect(JSON.stringify(other)).not.toContain('分居协议');
    // The member it is about reads it.
    const own = await t.as(wife)(ONE, { id });
    expect(own.errors).toBeUndefined();
    expect(own.data!.ticket.summary).toBe('分居协议');
  });
});
