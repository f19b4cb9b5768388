import { Caller } from './support/auth';
import { INVESTIGATOR, collectAll } from './support/searchPages';
import { TestHub, startTestHub } from './support/http';
import { countQueries } from './support/queryCounter';

const OFFICER: Caller = INVESTIGATOR;
const FULL_ID_NUMBER = /\d{17}[\dX]/;

/** A rich page: every node carries fields from police, civil affairs, health and the hub. */
const HOUSEHOLD_PAGE = `query($filter: SearchFilter, $first: Int) {
  searchHouseholds(filter: $filter, first: $first) {
    totalCount
    edges { cursor node { id kind size address { text grid { id } } tags { elderlyLivingAlone disabled lowIncome childInDifficulty needsHealthFollowUp }
      members { id name age livesAwayFromRegisteredAddress tags { elderlyLivingAlone lowIncome needsHealthFollowUp } civilAffairs { maritalStatus } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const PERSON_PAGE = `query($filter: SearchFilter, $first: Int) {
  searchPersons(filter: $filter, first: $first) {
    totalCount
    edges { cursor node { id name age registeredAddress { text } actualAddress { text community { name } } household { id size }
      tags { elderlyLivingAlone disabled lowIncome floatingPopulation childInDifficulty needsHealthFollowUp } health { familyDoctor { clinic } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('search paging, cursors and federation', () => {
  let t: TestHub;
  /** The three communities with the most registered households: an area with a few thousand residents. */
  let communities: string[];
  beforeAll(async () => {
    t = await startTestHub();
    const { rows } = await t.dbs.police.raw('SELECT building_code, count(*)::int AS n FROM households GROUP BY 1');
    const buildings = await t.dbs.hub('buildings').select('code', 'community_code');
    const communityOf = new Map(buildings.map((b: { code: string; community_code: string }) => [b.code, b.community_code]));
    const perCommunity = new Map<string, number>();
    for (const r of rows) perCommunity.set(communityOf.get(r.building_code)!, (perCommunity.get(communityOf.get(r.building_code)!) ?? 0) + r.n);
    communities = [...perCommunity].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([c]) => c);
  });
  afterAll(() => t.close());

  it.each([
    ['searchPersons, one department (police)', 'searchPersons', () => ({ communityCodes: communities.slice(0, 1) })],
    ['searchPersons, federated with civil affairs and health', 'searchPersons', () => ({ communityCodes: communities, tags: ['NEEDS_HEALTH_FOLLOW_UP'] })],
    ['searchHouseholds, one department', 'searchHouseholds', () => ({ communityCodes: communities, livesAwayFromRegisteredAddress: true })],
    ['searchHouseholds, federated', 'searchHouseholds', () => ({ communityCodes: communities, tags: ['NEEDS_HEALTH_FOLLOW_UP'] })],
  ] as const)('pages through %s: every result once, as many as totalCount, the same at any page size', async (_label, root, filter) => {
    const small = await collectAll(t.as(OFFICER), root, filter(), 13, 1000);
    const large = await collectAll(t.as(OFFICER), root, filter(), 100);
    expect(small.totalCount).toBeGreaterThan(13);
    expect(small.ids).toHaveLength(small.totalCount);
    expect(new Set(small.ids).size).toBe(small.ids.length);
    expect(small.pages).toBe(Math.ceil(small.totalCount / 13));
    expect(large.ids).toEqual(small.ids);
  });

  it('uses cursors that carry no ID number, name or household number, and says when the last page is reached', async () => {
    const res = await t.as(OFFICER)(`{ searchPersons(filter: { name: "王" }, first: 100) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`);
    expect(res.errors).toBeUndefined();
    const { edges, pageInfo } = res.data!.searchPersons;
    expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
    for (const { cursor, node } of edges) {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      expect(decoded).toMatch(/^v1:p:\d+$/);
      expect(decoded).not.toMatch(FULL_ID_NUMBER);
      expect(decoded).not.toContain(node.name);
    }
    const last = await t.as(OFFICER)(`query($after: String) { searchPersons(filter: { name: "王" }, first: 100, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } } }`,
      { after: Buffer.from('v1:p:999999999', 'utf8').toString('base64url') });
    expect(last.data!.searchPersons).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each([
    ['households, federated across the three departments', HOUSEHOLD_PAGE, () => ({ communityCodes: communities, tags: ['NEEDS_HEALTH_FOLLOW_UP'], minAge: 60 }), 'searchHouseholds'],
    ['households, police only', HOUSEHOLD_PAGE, () => ({ communityCodes: communities }), 'searchHouseholds'],
    ['persons, federated', PERSON_PAGE, () => ({ communityCodes: communities, tags: ['NEEDS_HEALTH_FOLLOW_UP'] }), 'searchPersons'],
    ['persons by name, city-wide', PERSON_PAGE, () => ({ name: 'w' + 'ang' }), 'searchPersons'],
  ] as const)('costs the same SQL round trips for a page of 20 and of 100: %s', async (_label, query, filter, root) => {
    const measure = async (first: number) => {
      const counter = countQueries(t.dbs);
      const res = await t.as(OFFICER)(query, { filter: filter(), first });
      counter.stop();
      expect(res.errors).toBeUndefined();
      return { counts: counter.counts, total: counter.total(), returned: res.data![root].edges.length };
    };
    const twenty = await measure(20);
    const hundred = await measure(100);
    expect(twenty.returned).toBe(20);
    expect(hundred.returned).toBe(100);
    // Department queries are exactly the same; the hub's address-library reads may fall into one
    // or two loader waves depending on who on the page lives away, never more.
    const { hub: hub100, ...departments100 } = hundred.counts;
    const { hub: hub20, ...departments20 } = twenty.counts;
    expect(departments100).toEqual(departments20);
    expect(Math.abs(hub100 - hub20)).toBeLessThanOrEqual(1);
    // Search (hub ≤ 2, police ≤ 2, civil ≤ 1, health ≤ 1), the page's index lookups, its nested
    // sections (one query per department per level) and the access-log append.
    expect(hundred.total).toBeLessThanOrEqual(20);
  });

  it('checks tags in one batched query per department that answers them, never a query per candidate', async () => {
    const counter = countQueries(t.dbs);
    const res = await t.as(OFFICER)(`query($c: [String!]) { searchPersons(filter: { communityCodes: $c, tags: [LOW_INCOME, DISABLED] }, first: 100) { totalCount } }`, { c: communities });
    counter.stop();
    expect(res.errors).toBeUndefined();
    expect(counter.counts.civil).toBe(1);
    expect(counter.counts.health).toBe(0);
    expect(counter.counts.police).toBeLessThanOrEqual(2);
  });

  it('asks health once when the filter already asked it about every member: the page\'s health tags reuse that answer', async () => {
    const page = `query($c: [String!]) { searchHouseholds(filter: { communityCodes: $c, tags: [NEEDS_HEALTH_FOLLOW_UP] }, first: 20) {
      edges { node { tags { needsHealthFollowUp disabled } members { id tags { needsHealthFollowUp } } } } } }`;
    const counter = countQueries(t.dbs);
    const res = await t.as(OFFICER)(page, { c: communities });
    counter.stop();
    expect(res.errors).toBeUndefined();
    type Found = { tags: { needsHealthFollowUp: boolean }; members: { tags: { needsHealthFollowUp: boolean } }[] };
    const households: Found[] = res.data!.searchHouseholds.edges.map((e: { node: Found }) => e.node);
    expect(households.length).toBeGreaterThan(0);
    // Every returned household carries the tag through one of its members, as the filter said.
    for (const h of households) {
      expect(h.tags.needsHealthFollowUp).toBe(true);
      expect(h.members.some((m) => m.tags.needsHealthFollowUp)).toBe(true);
    }
    expect(counter.counts.health).toBe(1);
    expect(counter.counts.civil).toBe(1);
  });

  it('records every returned resident in the access log as a disclosure', async () => {
    const res = await t.as(OFFICER)(`{ searchPersons(filter: { name: "zw" }, first: 10) { edges { node { id name } } } }`);
    expect(res.errors).toBeUndefined();
    const returned: string[] = res.data!.searchPersons.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(returned.length).toBeGreaterThan(0);
    const { rows } = await t.dbs.hub.raw(`SELECT residents::text[] AS residents FROM access_log WHERE subject = 'test-police_officer' ORDER BY seq DESC LIMIT 1`);
    expect([...rows[0].residents].sort()).toEqual([...returned].sort());
  });

  it('records what a filter discloses about each result, even when only ids are selected', async () => {
    const res = await t.as(OFFICER)(`{ searchPersons(filter: { name: "zw", minAge: 18 }, first: 5) { edges { node { id } } } }`);
    expect(res.errors).toBeUndefined();
    const returned: string[] = res.data!.searchPersons.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(returned.length).toBeGreaterThan(0);
    const { rows } = await t.dbs.hub.raw(`SELECT disclosures FROM access_log WHERE subject = 'test-police_officer' ORDER BY seq DESC LIMIT 1`);
    const groups = rows[0].disclosures as Array<{ subjects: string[]; ALLOW: string[] }>;
    for (const id of returned) {
      const group = groups.find((g) => g.subjects.includes(id))!;
      expect(group.ALLOW).toEqual(expect.arrayContaining(['Person.id', 'Person.name', 'Person.age']));
    }
  });
});
