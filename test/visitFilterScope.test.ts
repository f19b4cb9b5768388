import { randomUUID } from 'node:crypto';
import { closeDatabases, Databases } from '../src/db/databases';
import { TestHub, startTestHub } from './support/http';
import { collectAll } from './support/searchPages';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';
const STAFF = { role: 'STREET_STAFF' as const, grids: [GRID], purpose: 'HOME_VISIT', subject: 'filter-scope' };
const LAST = 'query Last($id: ID!) { person(id: $id) { id lastVisit { id } } }';

/**
 * A visit the caller may not read must not move a search result in or out either: for street staff
 * the visit filters count only the visits made in their grids (as Person.lastVisit does), so
 * repeating a search cannot tell the date or the outcome of a visit made elsewhere. Under a ticket
 * (TICKET_HANDLING) a member's latest visit is the latest made at the ticket's household.
 */
describe('visits outside the caller\'s reach in the visit filters and lastVisit', () => {
  let t: TestHub;
  let owner: Databases;
  const added: string[] = [];
  /** Writes a visit the way the seed writes its history (no access record: not a hub write). */
  const addVisit = async (v: { household: string; grid: string; community: string; outcome: string; members: string[] }) => {
    const id = randomUUID();
    const at = new Date(Date.now() - 60_000);
    await owner.street.transaction(async (trx) => {
      await trx('visits').insert({
        id, household_id: v.household, grid_id: v.grid, community_code: v.community, visited_at: at, staff_subject: `seed-grid-worker-${v.grid}`,
        purpose: 'HOME_VISIT', outcome: v.outcome, request_id: 'seed', idempotency_key: `seed-${id}`, payload_hash: 'seed',
      });
      for (const person of v.members) await trx('visit_members').insert({ visit_id: id, person_id: person, visited_at: at, grid_id: v.grid });
    });
    added.push(id);
    return id;
  };
  /** Any visit of another grid: its grid, community and household. */
  const elsewhere = async () => (await owner.street('visits').whereNot({ grid_id: GRID }).orderBy('id').select('grid_id', 'community_code', 'household_id').first())!;

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
  });
  afterAll(async () => {
    if (added.length) await owner.street('visits').whereIn('id', added).delete();
    await closeDatabases(owner);
    await t.close();
  });

  it('a resident of my grid met in another grid since is still "not visited since" for me', async () => {
    const q = t.as(STAFF);
    const filter = { gridIds: [GRID], notVisitedSinceDays: 1 };
    const before = await collectAll(q, 'searchPersons', filter);
    expect(before.ids.length).toBeGreaterThan(0);
    const person = before.ids[0];
    const other = await elsewhere();
    await addVisit({ household: other.household_id, grid: other.grid_id, community: other.community_code, outcome: 'MET', members: [person] });
    const after = await collectAll(q, 'searchPersons', filter);
    expect(after.ids).toEqual(before.ids);
    // The department filter (city-wide role, no grid scope) is unchanged: it counts every visit.
    const police = t.as({ role: 'POLICE_OFFICER', purpose: 'ADDRESS_VERIFICATION' });
    const dept = await collectAll(police, 'searchPersons', filter);
    expect(dept.ids).not.toContain(person);
  });

  it("a visit at my grid's household recorded in another grid moves no household in or out of visitOutcome or notVisitedSinceDays", async () => {
    const q = t.as(STAFF);
    const households = await collectAll(q, 'searchHouseholds', { gridIds: [GRID] });
    const refusedBefore = await collectAll(q, 'searchHouseholds', { gridIds: [GRID], visitOutcome: 'REFUSED' });
    const metBefore = await collectAll(q, 'searchHouseholds', { gridIds: [GRID], visitOutcome: 'MET' });
    const notMetBefore = await collectAll(q, 'searchHouseholds', { gridIds: [GRID], notVisitedSinceDays: 1 });
    const target = households.ids.find((id) => !refusedBefore.ids.includes(id) && !metBefore.ids.includes(id) && notMetBefore.ids.includes(id))!;
    expect(target).toBeDefined();
    const other = await elsewhere();
    await addVisit({ household: target, grid: other.grid_id, community: other.community_code, outcome: 'REFUSED', members: [] });
    await addVisit({ household: target, grid: other.grid_id, community: other.community_code, outcome: 'MET', members: [] });
    expect((await collectAll(q, 'searchHouseholds', { gridIds: [GRID], visitOutcome: 'MET' })).ids).not.toContain(target);
    expect((await collectAll(q, 'searchHouseholds', { gridIds: [GRID], visitOutcome: 'REFUSED' })).ids).toEqual(refusedBefore.ids);
    expect((await collectAll(q, 'searchHouseholds', { gridIds: [GRID], notVisitedSinceDays: 1 })).ids).toEqual(notMetBefore.ids);
  });

  it("under a ticket, a member's lastVisit is the latest made at the ticket's household, not a later one elsewhere", async () => {
    // An open civil ticket about a household whose members were met there.
    const { rows } = await owner.street.raw(`
      SELECT t.id::text AS ticket, m.person_id::text AS person FROM tickets t
      JOIN visits v ON v.household_id = t.household_id JOIN visit_members m ON m.visit_id = v.id
      WHERE t.department = 'civil' AND t.status IN ('RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED')
      ORDER BY t.id, m.person_id LIMIT 1`);
    expect(rows).toHaveLength(1);
    const { ticket, person } = rows[0] as { ticket: string; person: string };
    const officer = t.as({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', ticketId: ticket });
    const before = await officer(LAST, { id: person });
    expect(before.errors).toBeUndefined();
    expect(before.data!.person.lastVisit).not.toBeNull();
    const other = await elsewhere();
    const later = await addVisit({ household: other.household_id, grid: other.grid_id, community: other.community_code, outcome: 'MET', members: [person] });
    const after = await officer(LAST, { id: person });
    expect(after.data!.person.lastVisit).toEqual(before.data!.person.lastVisit);
    // The resident reads their own latest visit wherever it was made.
    const own = await t.as({ role: 'RESIDENT', subject: person, purpose: 'SELF_SERVICE' })(LAST, { id: person });
    expect(own.data!.person.lastVisit).toEqual({ id: later });
  });
});
