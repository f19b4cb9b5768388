import { randomUUID } from 'node:crypto';
import { closeDatabases, Databases } from '../src/db/databases';
import { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';
const STAFF: Caller = { role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT', subject: 'visits-reader-1' };

const VISITS = `query Visits($id: ID!, $after: String) {
  household(id: $id) { visits(first: 3, after: $after) { edges { cursor node { id visitedAt department outcome note membersMet } } pageInfo { hasNextPage endCursor } } }
}`;

describe('reading visits', () => {
  let t: TestHub;
  let owner: Databases;
  /** A household of the grid with the most seeded visits, and its visits as the street database orders them. */
  let home: { id: string; visits: Array<{ id: string; note: string | null }> };

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const busiest = await owner.street('visits').where({ grid_id: GRID }).groupBy('household_id').select('household_id').count('* as n').orderBy([{ column: 'n', order: 'desc' }, 'household_id']).first();
    const visits = await owner.street('visits').where({ household_id: busiest!.household_id }).orderBy([{ column: 'visited_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('id', 'note');
    home = { id: busiest!.household_id as string, visits };
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  it('pages a household\'s visits newest first for street staff, notes included, until the last', async () => {
    expect(home.visits.length).toBeGreaterThan(6);
    const seen: Array<{ id: string; note: string | null }> = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: { errors?: unknown; data?: Record<string, any> | null } = await t.as(STAFF)(VISITS, { id: home.id, after });
      expect(res.errors).toBeUndefined();
      const c: { edges: any[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = res.data!.household.visits;
      seen.push(...c.edges.map((e: { node: { id: string; note: string | null; department: string } }) => ({ id: e.node.id, note: e.node.note })));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(home.visits);
  });

  it('shows a department officer planning a visit the date and office of visits, denying what was found and said', async () => {
    const civil = t.as({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT' });
    const res = await civil(VISITS, { id: home.id });
    const first = res.data!.household.visits.edges[0].node;
    expect(first.id).toBe(home.visits[0].id);
    expect(first.department).toBe('street');
    expect(typeof first.visitedAt).toBe('string');
    expect(first.note).toBeNull();
    expect(first.outcome).toBeNull();
    expect(first.membersMet).toBeNull();
    const denied = new Set(res.errors!.map((e) => `${e.path!.at(-1)}:${e.extensions!.code}`));
    expect([...denied].sort()).toEqual(['membersMet:FIELD_DENIED', 'note:FIELD_DENIED', 'outcome:FIELD_DENIED']);
    const record = await owner.hub('access_log').orderBy('seq', 'desc').first();
    const group = record.disclosures.find((g: { subjects: string[] }) => g.subjects.includes(home.id));
    expect(group.ALLOW).toEqual(expect.arrayContaining(['Household.visits', 'Visit.visitedAt', 'Visit.department']));
    expect(group.DENY).toEqual(expect.arrayContaining(['Visit.note', 'Visit.outcome']));
  });

  it("gives each member's latest visit at which they were met", async () => {
    const met = await owner.street('visit_members').join('visits', 'visits.id', 'visit_members.visit_id').where({ 'visits.grid_id': GRID })
      .orderBy([{ column: 'visit_members.visited_at', order: 'desc' }, { column: 'visit_members.visit_id', order: 'desc' }]).select('person_id', 'visit_id').limit(200);
    const latest = new Map<string, string>();
    for (const r of met) if (!latest.has(r.person_id)) latest.set(r.person_id, r.visit_id);
    const people = [...latest.keys()].slice(0, 5);
    for (const id of people) {
      const res = await t.as(STAFF)('query Last($id: ID!) { person(id: $id) { lastVisit { id outcome } } }', { id });
      expect(res.errors).toBeUndefined();
      const truth = await owner.street('visit_members').where({ person_id: id }).orderBy([{ column: 'visited_at', order: 'desc' }, { column: 'visit_id', order: 'desc' }]).first();
      expect(res.data!.person.lastVisit).toEqual({ id: truth.visit_id, outcome: 'MET' });
    }
  });

  it('refuses a page size out of range and a forged cursor with their codes', async () => {
    const big = await t.as(STAFF)('query($id: ID!) { household(id: $id) { visits(first: 500) { edges { cursor } } } }', { id: home.id });
    expect(big.errors?.map((e) => e.extensions?.code)).toEqual(['PAGE_SIZE_TOO_LARGE']);
    const forged = await t.as(STAFF)(VISITS, { id: home.id, after: Buffer.from('2026-01-01|x').toString('base64url') });
    expect(forged.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_CURSOR']);
  });

  it('shows the resident "the street office recorded a visit" in their own history', async () => {
    const household = await t.dbs.hub('household_index').where({ id: home.id }).first();
    const member = await t.dbs.police('persons').where({ household_no: household.household_no }).orderBy('id_number').first();
    const memberId = (await t.dbs.hub('person_index').where({ id_number: member.id_number }).first()).id;
    const res = await t.as(STAFF)('mutation Rv($input: RecordVisitInput!) { recordVisit(input: $input) { id } }', {
      input: { householdId: home.id, visitedAt: new Date(Date.now() - 60_000).toISOString(), outcome: 'MET', membersMet: [memberId], idempotencyKey: randomUUID() },
    });
    expect(res.errors).toBeUndefined();
    const resident = t.as({ role: 'RESIDENT', subject: memberId, purpose: 'SELF_SERVICE' });
    const history = await resident('{ myAccessLog(first: 5) { edges { node { department role action summary fields { field decision } } } } }');
    expect(history.errors).toBeUndefined();
    const wrote = history.data!.myAccessLog.edges.map((e: { node: Record<string, unknown> }) => e.node).filter((n: { action: string }) => n.action === 'WROTE');
    expect(wrote[0]).toMatchObject({ department: 'street', role: 'STREET_STAFF', summary: 'the street office recorded a visit' });
  });
});

describe('the NOT_LIVING_HERE list for the police', () => {
  let t: TestHub;
  let owner: Databases;
  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const LIST = `query NotLivingHere($after: String) { notLivingHereVisits(sinceDays: 90, first: 50, after: $after) {
    edges { node { id visitedAt outcome note observations { addressMismatch } household { id householdNumber } } } pageInfo { hasNextPage endCursor } } }`;

  it('lists the visits that found someone else at the registered address, with the household, under ADDRESS_VERIFICATION — not the notes', async () => {
    const police = t.as({ role: 'POLICE_OFFICER', purpose: 'ADDRESS_VERIFICATION' });
    const first = await police(LIST);
    const page = first.data!.notLivingHereVisits;
    const truth = await owner.street('visits').whereRaw("(outcome = 'NOT_LIVING_HERE' OR address_mismatch) AND visited_at >= now() - interval '90 days'")
      .orderBy([{ column: 'visited_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(50).select('id', 'household_id');
    expect(truth.length).toBeGreaterThan(0);
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(truth.map((r) => r.id));
    expect(page.edges.map((e: { node: { household: { id: string } } }) => e.node.household.id)).toEqual(truth.map((r) => r.household_id));
    expect(page.edges.every((e: { node: { note: unknown; householdNumber?: unknown } }) => e.node.note === null)).toBe(true);
    expect(first.errors?.every((e) => e.extensions?.code === 'FIELD_DENIED' && e.path?.at(-1) === 'note')).toBe(true);
  });

  it('refuses the list to street staff and to the police under another purpose', async () => {
    const staff = await t.as({ role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT' })(LIST);
    expect(staff.errors?.map((e) => e.extensions?.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
    const emergency = await t.as({ role: 'POLICE_OFFICER', purpose: 'EMERGENCY' })(LIST);
    expect(emergency.errors?.map((e) => e.extensions?.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
  });
});
