import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { buildOneFileSchema } from '../src/schema/buildSchema';
import { closeDatabases, Databases } from '../src/db/databases';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { Caller, headersFor } from './support/auth';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';
const STAFF: Caller = { role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT', subject: 'tickets-worker-1' };
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'tickets-civil-1' };
const HEALTH: Caller = { role: 'HEALTH_WORKER', purpose: 'TICKET_HANDLING', subject: 'tickets-health-1' };
const POLICE: Caller = { role: 'POLICE_OFFICER', purpose: 'TICKET_HANDLING', subject: 'tickets-police-1' };

const TICKET = 'id item category priority department status version source householdId personId receivedAt startDueAt closeDueAt overdue solvedOnSpot repeatOf reopenCount summary rating ratingComment';
const RECORD_VISIT = `mutation RecordVisit($input: RecordVisitInput!) { recordVisit(input: $input) { id needs } }`;
const CREATE = `mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET} } }`;
const SUBMIT = `mutation SubmitNeed($input: SubmitNeedInput!) { submitNeed(input: $input) { ${TICKET} } }`;
const MOVE = `mutation Move($input: TransitionTicketInput!) { transitionTicket(input: $input) { ${TICKET} transitions { from to actorRole actorDepartment department reason } } }`;
const CONFIRM = `mutation Confirm($input: ResidentTicketInput!) { confirmTicket(input: $input) { ${TICKET} } }`;
const REOPEN = `mutation Reopen($input: ResidentTicketInput!) { reopenTicket(input: $input) { ${TICKET} } }`;
const RATE = `mutation Rate($input: RateTicketInput!) { rateTicket(input: $input) { ${TICKET} } }`;
const QUEUE = `query Queue($status: TicketStatus, $overdue: Boolean, $first: Int, $after: String) {
  ticketQueue(status: $status, overdue: $overdue, first: $first, after: $after) { totalCount overdueCount repeatCount edges { cursor node { ${TICKET} } } pageInfo { hasNextPage endCursor } } }`;
const MINE = `query Mine { myTickets(first: 50) { totalCount edges { node { ${TICKET} transitions { from to actorRole actorDepartment reason } } } } }`;

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);
const key = () => randomUUID();

describe('tickets: needs routed to the department that must act', () => {
  let t: TestHub;
  let owner: Databases;
  let home: { id: string; members: string[] };
  let elsewhere: { id: string; members: string[] };
  let resident: Caller;
  let neighbour: Caller;

  async function householdWithMembers(where: (codes: string[]) => Promise<string[]>): Promise<{ id: string; members: string[] }> {
    for (const no of await where(await t.dbs.hub('buildings').where({ grid_id: GRID }).pluck('code'))) {
      const ids = await t.dbs.police('persons').where({ household_no: no }).orderBy('id_number').pluck('id_number');
      if (ids.length < 2) continue;
      return { id: (await t.dbs.hub('household_index').where({ household_no: no }).first()).id, members: await t.dbs.hub('person_index').whereIn('id_number', ids).orderBy('id').pluck('id') };
    }
    throw new Error('no household with two members');
  }

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    home = await householdWithMembers((codes) => t.dbs.police('households').whereIn('building_code', codes).orderBy('household_no', 'desc').pluck('household_no'));
    elsewhere = await householdWithMembers((codes) => t.dbs.police('households').whereNotIn('building_code', codes).orderBy('household_no', 'desc').pluck('household_no'));
    resident = { role: 'RESIDENT', subject: home.members[0], purpose: 'SELF_SERVICE' };
    neighbour = { role: 'RESIDENT', subject: elsewhere.members[0], purpose: 'SELF_SERVICE' };
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const ticketRows = (where: Record<string, unknown>) => owner.street('tickets').where(where).orderBy('item');
  const recordsOf = (requestId: string) => owner.hub('access_log').where({ request_id: requestId }).orderBy('seq');
  const lastRecord = () => owner.hub('access_log').orderBy('seq', 'desc').first();
  const ticketCount = async () => Number((await owner.street('tickets').count('* as n'))[0].n);
  const fileTicket = async (item: string, household = home, as: Caller = CIVIL) => {
    const res = await t.as(as)(CREATE, { input: { householdId: household.id, personId: household.members[0], item, summary: '需要上门', idempotencyKey: key() } });
    expect(res.errors).toBeUndefined();
    return res.data!.createTicket;
  };
  const move = (as: Caller, id: string, to: string, expectedVersion: number, extra: Record<string, unknown> = {}) =>
    t.as(as)(MOVE, { input: { id, to, expectedVersion, reason: '已安排', ...extra } });

  it('turns a visit\'s needs into one routed ticket each, in the visit\'s write and its one WRITTEN record; one solved on the spot is created RESOLVED', async () => {
    const res = await t.as(STAFF)(RECORD_VISIT, { input: {
      householdId: home.id, visitedAt: new Date(Date.now() - 600_000).toISOString(), outcome: 'MET', membersMet: [home.members[1]],
      needs: ['CARE_SERVICE', 'NEIGHBOUR_DISPUTE'], solvedOnSpot: ['NEIGHBOUR_DISPUTE'], idempotencyKey: key(),
    } });
    expect(res.errors).toBeUndefined();
    const rows = await ticketRows({ visit_id: res.data!.recordVisit.id });
    // Routing as the catalogue's rows say (read here, independently of the code that routes).
    const care = NEED_ITEMS.find((i) => i.code === 'CARE_SERVICE')!;
    const dispute = NEED_ITEMS.find((i) => i.code === 'NEIGHBOUR_DISPUTE')!;
    expect(rows.map((r) => [r.item, r.department, r.priority, r.category, r.status, r.solved_on_spot, r.source, r.person_id, r.grid_id])).toEqual([
      ['CARE_SERVICE', care.department, care.priority, care.category, 'RECEIVED', false, 'VISIT', home.members[1], GRID],
      ['NEIGHBOUR_DISPUTE', dispute.department, dispute.priority, dispute.category, 'RESOLVED', true, 'VISIT', home.members[1], GRID],
    ]);
    // WITHIN_24_HOURS: the start deadline is 24 hours after receipt.
    expect(new Date(rows[0].start_due_at).getTime() - new Date(rows[0].received_at).getTime()).toBe(24 * 3600_000);
    expect(new Date(rows[0].close_due_at).getTime()).toBeGreaterThan(new Date(rows[0].received_at).getTime() + 15 * 86400_000);
    const records = await recordsOf(rows[0].request_id);
    expect(records.map((r) => r.outcome)).toEqual(['WRITTEN']);
    expect(records[0].disclosures[0].ALLOW).toEqual(expect.arrayContaining(['Visit.needs', 'Ticket.item', 'Ticket.department']));
  });

  it('writes neither the visit nor its tickets when the street commit fails after the record (WRITE_FAILED, VISIT_NOT_RECORDED)', async () => {
    await owner.street.raw(`
      CREATE OR REPLACE FUNCTION tickets_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.item = 'LEGAL_AID' THEN RAISE EXCEPTION 'injected commit failure'; END IF; RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER tickets_fail_at_commit AFTER INSERT ON tickets DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tickets_fail_at_commit();`);
    const k = key();
    const before = await ticketCount();
    let res;
    try {
      res = await t.as(STAFF)(RECORD_VISIT, { input: { householdId: home.id, visitedAt: new Date().toISOString(), outcome: 'NOT_HOME', needs: ['HOUSING_REPAIR', 'LEGAL_AID'], idempotencyKey: k } });
    } finally {
      await owner.street.raw('DROP TRIGGER tickets_fail_at_commit ON tickets; DROP FUNCTION tickets_fail_at_commit()');
    }
    expect(codes(res)).toEqual(['VISIT_NOT_RECORDED']);
    expect(await owner.street('visits').where({ idempotency_key: k })).toHaveLength(0);
    expect(await ticketCount()).toBe(before);
    const [written, failed] = await owner.hub('access_log').where({ subject: 'tickets-worker-1' }).orderBy('seq', 'desc').limit(2).then((r) => r.reverse());
    expect([written.outcome, failed.outcome, failed.request_id]).toEqual(['WRITTEN', 'WRITE_FAILED', written.request_id]);
  });

  it('files a resident\'s need about their own household, returns it again to a retry, and refuses the key for a different need', async () => {
    const input = { item: 'MEAL_ASSISTANCE', summary: '希望每天送餐', idempotencyKey: key() };
    const first = await t.as(resident)(SUBMIT, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitNeed).toMatchObject({ householdId: home.id, personId: home.members[0], department: 'civil', status: 'RECEIVED', source: 'RESIDENT', version: 1 });
    const again = await t.as(resident)(SUBMIT, { input });
    expect(again.data!.submitNeed.id).toBe(first.data!.submitNeed.id);
    const other = await t.as(resident)(SUBMIT, { input: { ...input, item: 'EMPLOYMENT' } });
    expect(codes(other)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await ticketRows({ idempotency_key: input.idempotencyKey })).toHaveLength(1);
  });

  it('links a second ticket for the same household and item within 30 days to the first, and counts it in the queue', async () => {
    const first = await fileTicket('ACCESSIBILITY');
    const second = await fileTicket('ACCESSIBILITY');
    expect(first.repeatOf).toBeNull();
    expect(second.repeatOf).toBe(first.id);
    const civilRows = await ticketRows({ department: 'civil' });
    const queue = await t.as(CIVIL)(QUEUE, { first: 5 });
    expect(queue.data!.ticketQueue.repeatCount).toBe(civilRows.filter((r) => r.repeat_of !== null).length);
    expect(queue.data!.ticketQueue.totalCount).toBe(civilRows.length);
  });

  it.each([
    ['an item outside the catalogue', CIVIL, () => ({ item: 'FREE_TEXT' }), 'UNKNOWN_NEED'],
    ['a summary with a phone number', CIVIL, () => ({ summary: '请打 138 1234 5678' }), 'NOTE_CONTAINS_IDENTIFIER'],
    ['a summary with an ID number', CIVIL, () => ({ summary: '身份证 110101194909222648' }), 'NOTE_CONTAINS_IDENTIFIER'],
    ['an over-long summary', CIVIL, () => ({ summary: '好'.repeat(201) }), 'NOTE_TOO_LONG'],
    ['a person who is not of the household', CIVIL, () => ({ personId: '00000000-0000-4000-8000-000000000000' }), 'MEMBER_NOT_IN_HOUSEHOLD'],
    ['a household outside the street staff\'s grids, like a missing one', { ...STAFF, purpose: 'TICKET_HANDLING' }, () => ({ householdId: elsewhere.id, personId: null }), 'HOUSEHOLD_NOT_FOUND'],
    ['a household that does not exist', CIVIL, () => ({ householdId: '00000000-0000-4000-8000-000000000000', personId: null }), 'HOUSEHOLD_NOT_FOUND'],
    ['a purpose other than TICKET_HANDLING', { ...CIVIL, purpose: 'HOME_VISIT' }, () => ({}), 'PURPOSE_NOT_APPLICABLE'],
    ['a resident filing for a household', { role: 'RESIDENT', subject: '00000000-0000-4000-8000-000000000001', purpose: 'SELF_SERVICE' }, () => ({}), 'WRITE_NOT_PERMITTED'],
  ] as Array<[string, Caller, () => Record<string, unknown>, string]>)('refuses a department ticket with %s, writing nothing and logging REFUSED', async (_name, as, over, code) => {
    const before = await ticketCount();
    const res = await t.as(as)(CREATE, { input: { householdId: home.id, personId: home.members[0], item: 'SUBSIDY_ENQUIRY', summary: null, idempotencyKey: key(), ...over() } });
    expect(codes(res)).toEqual([code]);
    expect(await ticketCount()).toBe(before);
    expect(await lastRecord()).toMatchObject({ outcome: 'REFUSED', refusal: code });
    expect(res.text).not.toMatch(/110101194909222648|13812345678/);
  });

  it('walks a ticket through the machine: accept, transfer, accept, resolve, confirm, rate — each change recorded with who, when and why, and in the chain', async () => {
    const ticket = await fileTicket('SUBSIDY_ENQUIRY');
    const accepted = await move(CIVIL, ticket.id, 'ACCEPTED', 1);
    expect(accepted.data!.transitionTicket).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(codes(await move(CIVIL, ticket.id, 'TRANSFERRED', 2, { toDepartment: 'nowhere' }))).toEqual(['UNKNOWN_DEPARTMENT']);
    expect(codes(await move(CIVIL, ticket.id, 'TRANSFERRED', 2, { toDepartment: 'civil' }))).toEqual(['UNKNOWN_DEPARTMENT']);
    const transferred = await move(CIVIL, ticket.id, 'TRANSFERRED', 2, { toDepartment: 'health' });
    expect(transferred.data!.transitionTicket).toMatchObject({ status: 'TRANSFERRED', department: 'health', version: 3 });
    // Once transferred, it is health's: civil affairs and the police answer as for a missing ticket.
    expect(codes(await move(CIVIL, ticket.id, 'ACCEPTED', 3))).toEqual(['TICKET_NOT_FOUND']);
    expect(codes(await move(POLICE, ticket.id, 'ACCEPTED', 3))).toEqual(['TICKET_NOT_FOUND']);
    expect(codes(await move(HEALTH, ticket.id, 'RESOLVED', 3))).toEqual(['ILLEGAL_TRANSITION']);
    expect((await move(HEALTH, ticket.id, 'ACCEPTED', 3)).data!.transitionTicket.status).toBe('ACCEPTED');
    expect(codes(await move(HEALTH, ticket.id, 'CONFIRMED', 4))).toEqual(['ILLEGAL_TRANSITION']);
    const resolved = await move(HEALTH, ticket.id, 'RESOLVED', 4, { reason: '已办结' });
    expect(resolved.data!.transitionTicket.transitions.map((x: { to: string }) => x.to)).toEqual(['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'ACCEPTED', 'RESOLVED']);
    expect(resolved.data!.transitionTicket.transitions[2]).toMatchObject({ from: 'ACCEPTED', actorRole: 'CIVIL_AFFAIRS_OFFICER', actorDepartment: 'civil', department: 'health', reason: '已安排' });
    // The neighbour's household is not theirs: like a missing ticket.
    expect(codes(await t.as(neighbour)(CONFIRM, { input: { id: ticket.id, expectedVersion: 5 } }))).toEqual(['TICKET_NOT_FOUND']);
    expect(codes(await t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 5, rating: 5 } }))).toEqual(['ILLEGAL_TRANSITION']);
    expect((await t.as(resident)(CONFIRM, { input: { id: ticket.id, expectedVersion: 5 } })).data!.confirmTicket.status).toBe('CONFIRMED');
    expect(codes(await t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 6, rating: 6 } }))).toEqual(['INVALID_RATING']);
    expect(codes(await t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 6, rating: 4, comment: '电话13812345678' } }))).toEqual(['NOTE_CONTAINS_IDENTIFIER']);
    expect(codes(await t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 6, rating: 4, comment: '好'.repeat(201) } }))).toEqual(['NOTE_TOO_LONG']);
    const rated = await t.as(resident)(RATE, { input: { id: ticket.id, expectedVersion: 6, rating: 4, comment: '办得及时' } });
    expect(rated.data!.rateTicket).toMatchObject({ status: 'RATED', rating: 4, ratingComment: '办得及时', version: 7 });
    expect(codes(await t.as(resident)(REOPEN, { input: { id: ticket.id, expectedVersion: 7, reason: '还没好' } }))).toEqual(['ILLEGAL_TRANSITION']);
    const steps = await owner.street('ticket_transitions').where({ ticket_id: ticket.id }).orderBy('seq');
    expect(steps.map((s) => [s.to_status, s.actor_subject, s.actor_role])).toEqual([
      ['RECEIVED', 'tickets-civil-1', 'CIVIL_AFFAIRS_OFFICER'], ['ACCEPTED', 'tickets-civil-1', 'CIVIL_AFFAIRS_OFFICER'],
      ['TRANSFERRED', 'tickets-civil-1', 'CIVIL_AFFAIRS_OFFICER'], ['ACCEPTED', 'tickets-health-1', 'HEALTH_WORKER'],
      ['RESOLVED', 'tickets-health-1', 'HEALTH_WORKER'], ['CONFIRMED', home.members[0], 'RESIDENT'], ['RATED', home.members[0], 'RESIDENT'],
    ]);
    // Every committed step has exactly one WRITTEN record in the chain, naming the household.
    const written = await owner.hub('access_log').whereIn('request_id', steps.map((s) => s.request_id)).where({ outcome: 'WRITTEN' });
    expect(written).toHaveLength(steps.length);
    expect(written.every((r) => r.households.includes(home.id))).toBe(true);
    expect(JSON.stringify(written)).not.toContain('办得及时');
  });

  it.each([
    ['a phone number', '请回电 13812345678', 'NOTE_CONTAINS_IDENTIFIER'],
    ['a bank-card number', '退款到 6222021234567890123', 'NOTE_CONTAINS_IDENTIFIER'],
    ['more than 200 characters', '好'.repeat(201), 'NOTE_TOO_LONG'],
  ])('refuses a transition whose reason holds %s, changing nothing', async (_name, reason, code) => {
    const ticket = await fileTicket('HOUSING_REPAIR', home, { ...STAFF, purpose: 'TICKET_HANDLING' });
    const res = await move({ ...STAFF, purpose: 'TICKET_HANDLING' }, ticket.id, 'ACCEPTED', 1, { reason });
    expect(codes(res)).toEqual([code]);
    expect((await ticketRows({ id: ticket.id }))[0]).toMatchObject({ status: 'RECEIVED', version: 1 });
    expect(await owner.street('ticket_transitions').where({ ticket_id: ticket.id })).toHaveLength(1);
    expect(res.text).not.toMatch(/13812345678|6222021234567890123/);
  });

  it('lets a resident reopen a resolved ticket, which the department must accept again (a second complaint is counted)', async () => {
    const ticket = await fileTicket('CARE_SERVICE');
    await move(CIVIL, ticket.id, 'RESOLVED', 1);
    const reopened = await t.as(resident)(REOPEN, { input: { id: ticket.id, expectedVersion: 2, reason: '护工没来' } });
    expect(reopened.data!.reopenTicket).toMatchObject({ status: 'REOPENED', reopenCount: 1 });
    expect((await move(CIVIL, ticket.id, 'ACCEPTED', 3)).data!.transitionTicket.status).toBe('ACCEPTED');
  });

  it('lets exactly one of two truly concurrent transitions from the same version win; the other gets TICKET_VERSION_CONFLICT', async () => {
    const ticket = await fileTicket('FINANCIAL_ASSISTANCE');
    const headers = await headersFor(CIVIL);
    // Both accept (two officers at once): whichever wins, the ticket ends ACCEPTED at version 2, so the
    // stale move below is judged on a known state.
    const body = (reason: string) => ({ input: { id: ticket.id, to: 'ACCEPTED', expectedVersion: 1, reason } });
    const answers = await Promise.all([postGraphQL(t.hub.url, MOVE, body('我来办'), headers), postGraphQL(t.hub.url, MOVE, body('我也来办'), headers)]);
    const won = answers.filter((a) => !a.errors);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.errors).map(codes)).toEqual([['TICKET_VERSION_CONFLICT']]);
    const row = (await ticketRows({ id: ticket.id }))[0];
    expect([row.version, row.status]).toEqual([2, won[0].data!.transitionTicket.status]);
    expect(await owner.street('ticket_transitions').where({ ticket_id: ticket.id })).toHaveLength(2);
    // A stale version afterwards is refused the same way, and changes nothing.
    expect(codes(await move(CIVIL, ticket.id, 'RESOLVED', 1))).toEqual(['TICKET_VERSION_CONFLICT']);
  });

  it('commits no transition while the access log cannot be written (AUDIT_UNAVAILABLE)', async () => {
    const ticket = await fileTicket('MEAL_ASSISTANCE');
    await owner.hub.raw('REVOKE EXECUTE ON FUNCTION append_access_records(jsonb) FROM onefile_app');
    let res;
    try {
      res = await move(CIVIL, ticket.id, 'ACCEPTED', 1);
    } finally {
      await owner.hub.raw('GRANT EXECUTE ON FUNCTION append_access_records(jsonb) TO onefile_app');
    }
    expect(codes(res)).toEqual(['AUDIT_UNAVAILABLE']);
    expect((await ticketRows({ id: ticket.id }))[0]).toMatchObject({ status: 'RECEIVED', version: 1 });
    expect(await owner.street('ticket_transitions').where({ ticket_id: ticket.id })).toHaveLength(1);
  });

  it('shows a department only the tickets routed to it, with overdue tickets flagged and counted', async () => {
    const late = await fileTicket('CARE_SERVICE');
    await fileTicket('SAFETY_HAZARD');
    // Time passes: the start deadline of one ticket is behind us (the clock itself is tested in ticketClocks).
    await owner.street('tickets').where({ id: late.id }).update({ start_due_at: new Date(Date.now() - 3600_000) });
    const all = await t.as(CIVIL)(QUEUE, { first: 100 });
    const rows = await ticketRows({ department: 'civil' });
    const open = ['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED'];
    const now = Date.now();
    const overdue = rows.filter((r) => open.includes(r.status) && (new Date(r.close_due_at).getTime() < now || (r.accepted_at === null && new Date(r.start_due_at).getTime() < now)));
    expect(all.data!.ticketQueue.edges.every((e: { node: { department: string } }) => e.node.department === 'civil')).toBe(true);
    expect(all.data!.ticketQueue.overdueCount).toBe(overdue.length);
    const onlyLate = await t.as(CIVIL)(QUEUE, { overdue: true, first: 100 });
    expect(onlyLate.data!.ticketQueue.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(overdue.map((r) => r.id).sort());
    expect(onlyLate.data!.ticketQueue.edges.find((e: { node: { id: string } }) => e.node.id === late.id).node.overdue).toBe(true);
    const police = await t.as(POLICE)(QUEUE, { first: 100 });
    expect(police.data!.ticketQueue.edges.map((e: { node: { department: string } }) => e.node.department)).toEqual(expect.arrayContaining(['police']));
    expect(police.data!.ticketQueue.edges.every((e: { node: { department: string } }) => e.node.department === 'police')).toBe(true);
    // Pages follow on without overlap.
    const page1 = await t.as(CIVIL)(QUEUE, { first: 2 });
    const page2 = await t.as(CIVIL)(QUEUE, { first: 2, after: page1.data!.ticketQueue.pageInfo.endCursor });
    const ids = [...page1.data!.ticketQueue.edges, ...page2.data!.ticketQueue.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toEqual(all.data!.ticketQueue.edges.slice(0, 4).map((e: { node: { id: string } }) => e.node.id));
    expect(codes(await t.as(CIVIL)(QUEUE, { first: 2, after: 'bm90LWEtY3Vyc29y' }))).toEqual(['INVALID_CURSOR']);
  });

  it('shows residents their own household\'s tickets about them or the household as a whole — item, department, status, dates — and never who handled them', async () => {
    const mine = await t.as(resident)(MINE);
    expect(mine.errors).toBeUndefined();
    // Another member's tickets are theirs (test/insiderTickets.test.ts).
    const own = (await ticketRows({ household_id: home.id })).filter((r: { person_id: string | null }) => r.person_id === null || r.person_id === resident.subject);
    expect(mine.data!.myTickets.totalCount).toBe(own.length);
    expect(mine.data!.myTickets.edges.every((e: { node: { householdId: string } }) => e.node.householdId === home.id)).toBe(true);
    const text = JSON.stringify(mine.data);
    expect(text).not.toMatch(/tickets-civil-1|tickets-health-1|tickets-worker-1/);
    const type = await t.query(`{ __type(name: "TicketTransition") { fields { name } } }`);
    expect(type.data!.__type.fields.map((f: { name: string }) => f.name)).not.toEqual(expect.arrayContaining(['actorSubject']));
  });

  describe('reading a resident\'s file under TICKET_HANDLING', () => {
    const PERSON = `query ReadForTicket($id: ID!) { person(id: $id) { name phone } }`;
    const read = async (as: Caller, id: string, ticketId?: string) =>
      postGraphQL(t.hub.url, PERSON, { id }, { ...(await headersFor(as)), ...(ticketId ? { 'x-ticket-id': ticketId } : {}) });

    it('reads the household of an open ticket of the caller\'s department, records the ticket id, and reaches no other household', async () => {
      const ticket = await fileTicket('MEAL_ASSISTANCE');
      const res = await read(CIVIL, home.members[1], ticket.id);
      expect(res.errors).toBeUndefined();
      expect(res.data!.person.name).toBeTruthy();
      const record = await lastRecord();
      expect(record).toMatchObject({ purpose: 'TICKET_HANDLING', case_number: ticket.id, subject: 'tickets-civil-1' });
      const other = await read(CIVIL, elsewhere.members[0], ticket.id);
      expect(other.data!.person).toBeNull();
    });

    it.each([
      ['no x-ticket-id', () => undefined, 'TICKET_BINDING_REQUIRED'],
      ['a ticket of another department', async () => (await fileTicket('SAFETY_HAZARD')).id, 'TICKET_NOT_BOUND'],
      ['a closed ticket', async () => { const x = await fileTicket('MEAL_ASSISTANCE'); await move(CIVIL, x.id, 'RESOLVED', 1); return x.id; }, 'TICKET_NOT_BOUND'],
      ['a ticket that does not exist', () => randomUUID(), 'TICKET_NOT_BOUND'],
      ['something that is not a ticket id', () => '110101194909222648', 'TICKET_NOT_BOUND'],
    ] as Array<[string, () => Promise<string | undefined> | string | undefined, string]>)('refuses a read naming %s before anything is read, and the auditor sees it', async (_name, ticketOf, code) => {
      const res = await read(CIVIL, home.members[1], await ticketOf());
      expect(codes(res)).toEqual([code]);
      expect(res.data?.person ?? null).toBeNull();
      const record = await lastRecord();
      expect(record).toMatchObject({ outcome: 'REFUSED', refusal: code, purpose: 'TICKET_HANDLING', residents: [] });
      expect(JSON.stringify(record)).not.toContain('110101194909222648');
      const anomalies = await t.as({ role: 'AUDITOR' })(`query { accessAnomalies(from: "${new Date(Date.now() - 3600_000).toISOString()}") { kind subject records { seq } } }`);
      const unbound = anomalies.data!.accessAnomalies.find((a: { kind: string; subject: string }) => a.kind === 'UNBOUND_TICKET_READ' && a.subject === 'tickets-civil-1');
      expect(unbound.records.map((r: { seq: string }) => Number(r.seq))).toContain(Number(record.seq));
    });
  });

  it('answers the README\'s Tickets examples as valid operations of the served schema', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Tickets'), readme.indexOf('## Console'));
    const operations = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n').filter((l) => /^(query|mutation) /.test(l)));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const schema = buildOneFileSchema();
    for (const op of operations) expect([op, validate(schema, parse(op)).map((e) => e.message)]).toEqual([op, []]);
  });
});
