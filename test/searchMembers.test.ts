import { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { countQueries } from './support/queryCounter';
import { INVESTIGATOR } from './support/searchPages';

const STREET_STAFF: Caller = { role: 'STREET_STAFF', grids: ['110101001001-G01', '110101001001-G02'], purpose: 'HOME_VISIT' };

const PAGE = `query($filter: SearchFilter) {
  searchHouseholds(filter: $filter, first: 100) {
    edges { node { id members { id name age relationToHead tags { elderlyLivingAlone } } } }
  }
}`;
const FILE = 'query($id: ID!) { household(id: $id) { members { id name age relationToHead tags { elderlyLivingAlone } } } }';

/**
 * A household search that checks tags across departments already reads every registered member
 * of every candidate household from police; the page's members come from that read instead of a
 * second query, and must be exactly what the household file shows.
 */
describe('members on a federated household search page', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it.each([
    ['street staff in their grids', STREET_STAFF, { tags: ['DISABLED'] }],
    ['a city-wide officer in two grids', INVESTIGATOR, { gridIds: ['110101001001-G01', '110101001001-G02'], tags: ['LOW_INCOME'] }],
  ] as const)('are the household file\'s members, in its order, without a second police query: %s', async (_label, caller, filter) => {
    const ask = t.as(caller);
    const counter = countQueries(t.dbs);
    const res = await ask(PAGE, { filter });
    counter.stop();
    expect(res.errors).toBeUndefined();
    const edges = res.data!.searchHouseholds.edges as Array<{ node: { id: string; members: unknown[] } }>;
    expect(edges.length).toBeGreaterThan(1);
    expect(edges.some((e) => e.node.members.length > 1)).toBe(true);
    // One police statement: the candidates with their members (no members query for the page).
    expect(counter.counts.police).toBe(1);
    for (const { node } of edges) {
      const file = await ask(FILE, { id: node.id });
      expect(file.errors).toBeUndefined();
      expect(node.members).toEqual(file.data!.household.members);
    }
  });

  it('still reads members through the loader when no tag needs the other departments', async () => {
    const counter = countQueries(t.dbs);
    const res = await t.as(STREET_STAFF)(PAGE, { filter: {} });
    counter.stop();
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchHouseholds.edges.length).toBeGreaterThan(1);
    // count + page, then the page's members.
    expect(counter.counts.police).toBe(3);
  });
});
