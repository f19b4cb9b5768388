import fs from 'node:fs';
import { ROLES } from '../src/auth/vocabulary';
import { principalFromClaims } from '../src/auth/principal';
import { matrixColumns, matrixDecision } from '../src/policy/accessMatrix';
import { initialAccess } from '../src/policy/access';
import { createPolicyEngine } from '../src/policy/policyEngine';
import { readDeclarations } from '../src/policy/declarations';
import { buildOneFileSchema } from '../src/schema/buildSchema';
import { tagAllowed } from '../src/schema/search/searchCriteria';
import { TAGS } from '../src/tags/tag';
import { TAG_CATALOG } from '../src/tags/tagCatalog';
import { renderTagDocs } from '../src/tags/tagDocs';
import { TAG_DOCS_FILE } from '../src/tags/tagDocsCli';
import { Caller } from './support/auth';
import { INVESTIGATOR, collectAll } from './support/searchPages';
import { TestHub, startTestHub } from './support/http';
import { loadTruth, personIn, Truth } from './support/searchTruth';

const OFFICER: Caller = INVESTIGATOR;
const HEALTH: Caller = { role: 'HEALTH_WORKER', purpose: 'HEALTH_FOLLOW_UP' };

describe('who may search what: row scope, tag policy and bad input', () => {
  let t: TestHub;
  let truth: Truth;
  let grid: string;
  let otherGrid: string;
  const street = (): Caller => ({ role: 'STREET_STAFF', purpose: 'HOME_VISIT', grids: [grid] });
  const inGrid = (g: string) => (p: Truth['persons'][number]) => personIn(truth, p, (b) => b.grid === g);

  beforeAll(async () => {
    t = await startTestHub();
    truth = await loadTruth(t.dbs);
    // The grid with the most children in difficulty (so street staff there meet one), and another grid.
    const score = new Map<string, number>();
    for (const p of truth.persons) {
      if (!p.tags.has('CHILD_IN_DIFFICULTY') || !p.registered) continue;
      const g = truth.buildings.get(p.registered.building)!.grid;
      score.set(g, (score.get(g) ?? 0) + 1);
    }
    grid = [...score].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    otherGrid = [...new Set([...truth.buildings.values()].map((b) => b.grid))].sort().find((g) => g !== grid)!;
  });
  afterAll(() => t.close());

  describe('street staff', () => {
    it('find exactly the residents registered or living in their own grid when they give no filter', async () => {
      const { ids, totalCount } = await collectAll(t.as(street()), 'searchPersons', {});
      expect(totalCount).toBe(ids.length);
      expect([...ids].sort()).toEqual(truth.persons.filter(inGrid(grid)).map((p) => p.hubId).sort());
      const households = await collectAll(t.as(street()), 'searchHouseholds', {});
      const expected = truth.households.filter((h) => truth.buildings.get(h.building)!.grid === grid).map((h) => h.hubId).sort();
      expect([...households.ids].sort()).toEqual(expected);
    });

    it('never see outside their grids, whatever the filter asks for: an out-of-grid household is absent, not an error', async () => {
      const persons = await collectAll(t.as(street()), 'searchPersons', { gridIds: [otherGrid] });
      // Only people with one address in each grid (registered in one, living in the other).
      for (const id of persons.ids) expect(inGrid(grid)(truth.byHubId.get(id)!)).toBe(true);
      const households = await collectAll(t.as(street()), 'searchHouseholds', { gridIds: [otherGrid] });
      expect(households).toEqual({ ids: [], totalCount: 0, pages: 1 });
      const outside = truth.households.find((h) => truth.buildings.get(h.building)!.grid === otherGrid && h.members.length > 0)!;
      const address = truth.buildings.get(outside.building)!.address + outside.room;
      const byAddress = await t.as(street())(`query($a: String) { searchHouseholds(filter: { address: $a }) { totalCount edges { node { id } } } }`, { a: address });
      expect(byAddress.errors).toBeUndefined();
      expect(byAddress.data!.searchHouseholds).toEqual({ totalCount: 0, edges: [] });
      const officer = await t.as(OFFICER)(`query($a: String) { searchHouseholds(filter: { address: $a }) { edges { node { id } } } }`, { a: address });
      expect(officer.data!.searchHouseholds.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(outside.hubId);
    });

    it('see service tags derived from L4 data, without the detail behind them', async () => {
      const res = await t.as(street())(`{ searchPersons(filter: { tags: [CHILD_IN_DIFFICULTY] }) { totalCount edges { node {
        tags { childInDifficulty needsHealthFollowUp } civilAffairs { childInDifficulty { category } } } } } }`);
      expect(res.data!.searchPersons.totalCount).toBeGreaterThan(0);
      for (const { node } of res.data!.searchPersons.edges) {
        expect(node.tags.childInDifficulty).toBe(true);
        expect(node.civilAffairs.childInDifficulty).toBeNull();
      }
      const denied = new Set(res.errors!.map((e) => `${e.extensions!.code} ${e.path!.filter((p) => typeof p === 'string').join('.')}`));
      expect([...denied]).toEqual(['FIELD_DENIED searchPersons.edges.node.civilAffairs.childInDifficulty']);
    });
  });

  describe('tags follow the policy table', () => {
    const declarations = readDeclarations(buildOneFileSchema());

    it('declares every tag on both tag types with the catalog\'s declaration, so the access matrix lists it', () => {
      for (const tag of TAGS) {
        const d = TAG_CATALOG[tag];
        expect(declarations.get(`PersonTags.${d.field}`)).toEqual(d.declaration);
        if (d.household) expect(declarations.get(`HouseholdTags.${d.field}`)).toEqual(d.declaration);
        else expect(declarations.has(`HouseholdTags.${d.field}`)).toBe(false);
      }
    });

    it('documents every tag, its declaration and who sees it in docs/tags.md (run `npm run tags:doc` after changing the catalog)', () => {
      expect(fs.readFileSync(TAG_DOCS_FILE, 'utf8')).toBe(renderTagDocs());
    });

    it('lets a caller filter by exactly the tags the access matrix shows them', () => {
      const engine = createPolicyEngine(declarations);
      for (const { role, purpose } of matrixColumns()) {
        if (purpose === null) continue;
        const principal = principalFromClaims({ sub: 'x', role, grids: role === 'STREET_STAFF' ? ['110101001001-G01'] : undefined });
        // As the purpose check leaves it: purpose in force, decisions from the policy engine.
        const access = { ...initialAccess(principal, purpose, null), purpose, decisions: engine.decisionsFor(role, purpose) };
        for (const tag of TAGS) {
          const shown = matrixDecision(role, purpose, declarations.get(`PersonTags.${TAG_CATALOG[tag].field}`)!) === 'ALLOW';
          expect({ role, purpose, tag, allowed: tagAllowed(access, tag) }).toEqual({ role, purpose, tag, allowed: shown });
        }
      }
      expect(ROLES).toContain('STREET_STAFF');
    });

    it('refuses a tag filter the caller may not see, and shows that tag as denied while the others show', async () => {
      const c = [...new Set([...truth.buildings.values()].map((b) => b.community))].sort()[0];
      const filtered = await t.as(HEALTH)(`query($c: [String!]) { searchPersons(filter: { communityCodes: $c, tags: [FLOATING_POPULATION] }) { totalCount } }`, { c: [c] });
      expect(filtered.data).toBeNull();
      expect(filtered.errors![0].extensions).toMatchObject({ code: 'TAG_NOT_PERMITTED', tag: 'FLOATING_POPULATION' });
      const shown = await t.as(HEALTH)(`query($c: [String!]) { searchPersons(filter: { communityCodes: $c, tags: [NEEDS_HEALTH_FOLLOW_UP] }, first: 5) {
        edges { node { tags { needsHealthFollowUp floatingPopulation lowIncome } } } } }`, { c: [c] });
      expect(shown.data!.searchPersons.edges.length).toBeGreaterThan(0);
      for (const { node } of shown.data!.searchPersons.edges) expect(node.tags).toEqual({ needsHealthFollowUp: true, floatingPopulation: null, lowIncome: expect.any(Boolean) });
      expect(new Set(shown.errors!.map((e) => `${e.extensions!.code} ${e.path!.at(-1)}`))).toEqual(new Set(['FIELD_DENIED floatingPopulation']));
    });

    it('refuses a filter on a field the caller sees only masked (a health worker cannot confirm a full name by searching)', async () => {
      const res = await t.as(HEALTH)(`{ searchPersons(filter: { name: "王" }) { totalCount } }`);
      expect(res.errors![0].extensions).toMatchObject({ code: 'FILTER_NOT_PERMITTED', argument: 'filter.name' });
    });
  });

  it('gives auditors no search, and residents only their own file', async () => {
    const auditor = await t.as({ role: 'AUDITOR', purpose: 'HOME_VISIT' })(`{ searchPersons(filter: { name: "王" }) { totalCount } }`);
    expect(auditor.status).toBe(403);
    expect(auditor.errors![0].extensions!.code).toBe('PURPOSE_NOT_GRANTED');
    const me = truth.persons.find((p) => p.householdNo !== null)!;
    const resident = await t.as({ role: 'RESIDENT', purpose: 'SELF_SERVICE', subject: me.hubId })(`{ searchPersons { totalCount edges { node { id } } } }`);
    expect(resident.data!.searchPersons).toEqual({ totalCount: 1, edges: [{ node: { id: me.hubId } }] });
  });

  describe('bad input gets a coded error or is taken literally, never a 500', () => {
    const search = (args: string, root = 'searchPersons') => `{ ${root}${args} { totalCount } }`;
    it.each([
      ['an empty city-wide filter', search(''), 'FILTER_REQUIRED'],
      ['an empty city-wide household filter', search('(filter: {})', 'searchHouseholds'), 'FILTER_REQUIRED'],
      ['a city-wide filter of one pinyin letter and a tag', search('(filter: { name: "z", tags: [LOW_INCOME] })'), 'FILTER_REQUIRED'],
      ['a page of 101', search('(first: 101, filter: { name: "王" })'), 'PAGE_SIZE_TOO_LARGE'],
      ['a page of 0', search('(first: 0, filter: { name: "王" })'), 'INVALID_PAGE_SIZE'],
      ['a negative page', search('(first: -5, filter: { name: "王" })'), 'INVALID_PAGE_SIZE'],
      ['a page of 10000 of counts only (no files asked for: the page-size check answers)', search('(first: 10000, filter: { name: "王" })'), 'PAGE_SIZE_TOO_LARGE'],
      ['a page of 10000 persons (refused by the file limit before it runs)', '{ searchPersons(first: 10000, filter: { name: "王" }) { edges { node { id } } } }', 'TOO_MANY_FILES'],
      ['an unknown tag', search('(filter: { name: "王", tags: [RICH] })'), 'GRAPHQL_VALIDATION_FAILED'],
      ['a malformed cursor', search('(after: "not a cursor", filter: { name: "王" })'), 'INVALID_CURSOR'],
      ['SQL in a cursor', search(`(after: "' OR 1=1 --", filter: { name: "王" })`), 'INVALID_CURSOR'],
      ['a cursor with a non-numeric key', search(`(after: "${Buffer.from('v1:p:12a').toString('base64url')}", filter: { name: "王" })`), 'INVALID_CURSOR'],
      ['a household cursor used for persons', search(`(after: "${Buffer.from('v1:h:12').toString('base64url')}", filter: { name: "王" })`), 'INVALID_CURSOR'],
      ['a malformed grid id', search('(filter: { gridIds: ["G01; DROP TABLE grids"] })'), 'INVALID_FILTER'],
      ['a malformed community code', search('(filter: { communityCodes: ["abc"] })'), 'INVALID_FILTER'],
      ['an inverted age range', search('(filter: { name: "王", minAge: 50, maxAge: 40 })'), 'INVALID_FILTER'],
      ['a negative age', search('(filter: { name: "王", minAge: -1 })'), 'INVALID_FILTER'],
      ['a one-character address', search('(filter: { address: "号" })'), 'INVALID_FILTER'],
      ['a name of 101 characters', search(`(filter: { name: "${'王'.repeat(101)}" })`), 'INVALID_FILTER'],
      ['the floating population in a household search', search('(filter: { name: "王", tags: [FLOATING_POPULATION] })', 'searchHouseholds'), 'TAG_NOT_APPLICABLE'],
    ])('%s', async (_label, query, code) => {
      const res = await t.as(OFFICER)(query);
      expect(res.status).not.toBe(500);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.text).not.toContain('INTERNAL_SERVER_ERROR');
    });

    it('answers PAGE_SIZE_TOO_LARGE when the 10000 comes in a variable, and BAD_USER_INPUT for an unknown tag there', async () => {
      const big = await t.as(OFFICER)(`query($n: Int) { searchPersons(first: $n, filter: { name: "王" }) { totalCount } }`, { n: 10000 });
      expect(big.errors![0].extensions).toMatchObject({ code: 'PAGE_SIZE_TOO_LARGE', max: 100 });
      const tag = await t.as(OFFICER)(`query($f: SearchFilter) { searchPersons(filter: $f) { totalCount } }`, { f: { name: '王', tags: ['RICH'] } });
      expect(tag.status).toBe(400);
      expect(tag.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('takes %, _, \\ and quotes in names and addresses literally', async () => {
      const count = async (filter: Record<string, unknown>) => {
        const res = await t.as(OFFICER)(`query($f: SearchFilter) { searchPersons(filter: $f) { totalCount } }`, { f: filter });
        expect(res.errors).toBeUndefined();
        return res.data!.searchPersons.totalCount as number;
      };
      const community = [...truth.buildings.values()][0].community;
      expect(await count({ name: '王' })).toBeGreaterThan(0);
      for (const name of ['王%', '王_', '%', '_', '\\', "王'", "'; DROP TABLE persons; --", '%王%']) expect({ name, n: await count({ name }) }).toEqual({ name, n: 0 });
      expect(await count({ communityCodes: [community], address: '东城区' })).toBeGreaterThan(0);
      for (const address of ['东城区%', '%%', '__', "东城区' OR '1'='1", '东城区\\']) {
        expect({ address, n: await count({ communityCodes: [community], address }) }).toEqual({ address, n: 0 });
      }
      const { rows } = await t.dbs.police.raw('SELECT count(*)::int AS n FROM persons');
      expect(rows[0].n).toBe(truth.persons.length);
      // An apostrophe between pinyin syllables is a separator, as people type it.
      expect(await count({ name: "zhang'wei" })).toBe(await count({ name: 'zhangwei' }));
    });
  });
});
