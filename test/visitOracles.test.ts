import { closeDatabases, Databases } from '../src/db/databases';
import { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

/**
 * Roles that plan their own visits may read when the street office visited (Visit.visitedAt, level
 * 1) but not how a visit ended or who was met (Visit.outcome, Visit.membersMet, level 2). Neither
 * may come back through another door: a search filter that matches by them, or the "latest visit
 * at which this person was met". Each attack compares what the officer gets for a household whose
 * latest visit met someone with one whose latest visit did not: the answers must not differ.
 */

const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT' };
const DAY_MS = 86_400_000;

interface Latest { id: string; grid: string; outcome: string; visitedAt: Date }

describe('visit outcomes and members met are not derivable by a role that reads only visit dates', () => {
  let t: TestHub;
  let owner: Databases;
  /** A household whose latest visit met someone, and one in the same grid whose latest visit did not. */
  let met: Latest;
  let notMet: Latest;

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const latest = (await owner.street.raw(`
      SELECT DISTINCT ON (household_id) household_id::text AS id, grid_id AS grid, outcome, visited_at AS "visitedAt"
      FROM visits ORDER BY household_id, visited_at DESC, id DESC`)).rows as Latest[];
    const recent = latest.filter((h) => Date.now() - new Date(h.visitedAt).getTime() < 120 * DAY_MS).sort((a, b) => (a.id < b.id ? -1 : 1));
    notMet = recent.find((h) => h.outcome !== 'MET')!;
    met = recent.find((h) => h.outcome === 'MET' && h.grid === notMet.grid)!;
    expect(notMet && met).toBeTruthy();
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  it('reads the visit dates it plans by (the control: the date is what the officer may see)', async () => {
    const res = await t.as(CIVIL)('query($id: ID!) { household(id: $id) { visits(first: 1) { edges { node { visitedAt outcome } } } } }', { id: notMet.id });
    expect(new Date(res.data!.household.visits.edges[0].node.visitedAt).getTime()).toBe(new Date(notMet.visitedAt).getTime());
    expect(res.data!.household.visits.edges[0].node.outcome).toBeNull();
  });

  it('cannot tell from notVisitedSinceDays whether the latest visit met anyone', async () => {
    const answers: unknown[] = [];
    for (const h of [met, notMet]) {
      const days = Math.ceil((Date.now() - new Date(h.visitedAt).getTime()) / DAY_MS);
      for (const search of ['searchHouseholds', 'searchPersons']) {
        const res = await t.as(CIVIL)(`query($g: [String!], $d: Int) { ${search}(filter: { gridIds: $g, notVisitedSinceDays: $d }, first: 100) { totalCount } }`, { g: [h.grid], d: days });
        answers.push({ search, answer: res.errors?.map((e) => e.extensions?.code) ?? res.data![search].totalCount });
      }
    }
    expect(answers).toEqual([
      { search: 'searchHouseholds', answer: ['FILTER_NOT_PERMITTED'] }, { search: 'searchPersons', answer: ['FILTER_NOT_PERMITTED'] },
      { search: 'searchHouseholds', answer: ['FILTER_NOT_PERMITTED'] }, { search: 'searchPersons', answer: ['FILTER_NOT_PERMITTED'] },
    ]);
  });

  it("cannot tell from the members' latest visits which visit met them", async () => {
    const answers: unknown[] = [];
    for (const h of [met, notMet]) {
      const res = await t.as(CIVIL)('query($id: ID!) { household(id: $id) { members { lastVisit { visitedAt } } } }', { id: h.id });
      const members = res.data!.household.members as Array<{ lastVisit: unknown }>;
      const codes = new Set((res.errors ?? []).filter((e) => e.path?.at(-1) === 'lastVisit').map((e) => e.extensions?.code));
      answers.push({ lastVisits: [...new Set(members.map((m) => m.lastVisit))], codes: [...codes] });
    }
    expect(answers).toEqual([{ lastVisits: [null], codes: ['FIELD_DENIED'] }, { lastVisits: [null], codes: ['FIELD_DENIED'] }]);
  });

  it('still lets street staff and the police verifying addresses filter by visits and read the latest visit', async () => {
    for (const caller of [{ role: 'STREET_STAFF', grids: [met.grid], purpose: 'HOME_VISIT' }, { role: 'POLICE_OFFICER', purpose: 'ADDRESS_VERIFICATION' }] as Caller[]) {
      const res = await t.as(caller)(`query($g: [String!], $id: ID!) { searchHouseholds(filter: { gridIds: $g, notVisitedSinceDays: 30 }) { totalCount }
        household(id: $id) { members { lastVisit { visitedAt } } } }`, { g: [met.grid], id: met.id });
      expect({ role: caller.role, errors: res.errors }).toEqual({ role: caller.role, errors: undefined });
      const dates = (res.data!.household.members as Array<{ lastVisit: { visitedAt: string } | null }>).map((m) => m.lastVisit && new Date(m.lastVisit.visitedAt).getTime());
      expect(dates).toContain(new Date(met.visitedAt).getTime());
    }
  });
});
