import { inBuildings, inBuildingsPerRow } from '../src/departments/police/personPredicates';
import { numbered } from '../src/sources/search/sql';
import { runSql } from '../src/sources/runSql';
import { TestHub, startTestHub } from './support/http';
import { countQueries } from './support/queryCounter';

const HOUSEHOLD = 'query($id: ID!) { household(id: $id) { id grid { id } members { id name } } }';
const PERSON = 'query($id: ID!) { person(id: $id) { id name } }';
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('row scope: street staff see their grids, residents their own file', () => {
  let t: TestHub;
  let inGrid: { householdId: string; gridId: string; memberIds: string[] };
  let otherGridHouseholdId: string;
  let otherGridPersonId: string;

  beforeAll(async () => {
    t = await startTestHub();
    const households = await t.dbs.police.raw(`
      SELECT h.household_no, h.building_code FROM households h
      WHERE NOT EXISTS (SELECT 1 FROM persons p JOIN residence_registrations r USING (id_number) WHERE p.household_no = h.household_no AND r.status = 'ACTIVE')
      ORDER BY h.household_no`);
    const buildings = new Map<string, string>((await t.dbs.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]));
    const first = households.rows[0];
    const gridId = buildings.get(first.building_code)!;
    const other = households.rows.find((h: { building_code: string }) => buildings.get(h.building_code) !== gridId);
    const index = async (no: string) => (await t.dbs.hub('household_index').where({ household_no: no }).first()).id as string;
    const members = await t.dbs.police('persons').where({ household_no: first.household_no }).pluck('id_number');
    const memberIds = await t.dbs.hub('person_index').whereIn('id_number', members).pluck('id');
    inGrid = { householdId: await index(first.household_no), gridId, memberIds };
    otherGridHouseholdId = await index(other.household_no);
    const otherMember = await t.dbs.police('persons').where({ household_no: other.household_no }).first();
    otherGridPersonId = (await t.dbs.hub('person_index').where({ id_number: otherMember.id_number }).first()).id;
  });
  afterAll(() => t.close());

  const staff = () => t.as({ role: 'STREET_STAFF', grids: [inGrid.gridId], purpose: 'HOME_VISIT' });

  it('shows street staff a household of their grid with all its members', async () => {
    const res = await staff()(HOUSEHOLD, { id: inGrid.householdId });
    expect(res.errors).toBeUndefined();
    expect(res.data!.household.grid.id).toBe(inGrid.gridId);
    expect(res.data!.household.members.map((m: { id: string }) => m.id).sort()).toEqual([...inGrid.memberIds].sort());
  });

  it('answers street staff about another grid exactly as about a household that does not exist', async () => {
    const outside = await staff()(HOUSEHOLD, { id: otherGridHouseholdId });
    const missing = await staff()(HOUSEHOLD, { id: MISSING });
    expect(outside.status).toBe(missing.status);
    expect(JSON.parse(outside.text)).toEqual(JSON.parse(missing.text));
    expect(outside.data).toEqual({ household: null });
    const person = await staff()(PERSON, { id: otherGridPersonId });
    expect(JSON.parse(person.text)).toEqual({ data: { person: null } });
  });

  it('filters out-of-scope rows inside the police query, not afterwards', async () => {
    const counter = countQueries(t.dbs);
    const sqls: string[] = [];
    const listener = (q: { sql: string }) => sqls.push(q.sql);
    t.dbs.police.on('query', listener);
    await staff()(PERSON, { id: otherGridPersonId });
    t.dbs.police.removeListener('query', listener);
    counter.stop();
    expect(sqls.some((sql) => /from persons p where .*building_code = ANY/is.test(sql))).toBe(true);
  });

  it('shows a resident their own file and nobody else, not even their household members', async () => {
    const [self, other] = inGrid.memberIds.length > 1 ? inGrid.memberIds : [inGrid.memberIds[0], otherGridPersonId];
    const resident = t.as({ role: 'RESIDENT', subject: self, purpose: 'SELF_SERVICE' });
    expect((await resident(PERSON, { id: self })).data!.person.id).toBe(self);
    expect((await resident(PERSON, { id: other })).data!.person).toBeNull();
    const household = await resident(HOUSEHOLD, { id: inGrid.householdId });
    expect(household.data!.household.members.map((m: { id: string }) => m.id)).toEqual([self]);
    expect((await resident(HOUSEHOLD, { id: otherGridHouseholdId })).data!.household).toBeNull();
  });

  it('admits the same persons whether the grid scope is written as a set (search) or per row (loaders)', async () => {
    const grids = await t.dbs.hub('buildings').select('grid_id').groupBy('grid_id').orderBy('grid_id').pluck('grid_id');
    expect(grids.length).toBeGreaterThan(3);
    for (const grid of grids) {
      const codes: string[] = await t.dbs.hub('buildings').where({ grid_id: grid }).pluck('code');
      const persons = async (fragment: ReturnType<typeof inBuildings>) => {
        const { text, values } = numbered(fragment, 1);
        const rows = await runSql<{ id_number: string }>(t.dbs.police, `SELECT p.id_number FROM persons p WHERE ${text} ORDER BY 1`, values, { prepare: false });
        return rows.map((r) => r.id_number);
      };
      const asSet = await persons(inBuildings('p', { buildingCodes: codes, roomPrefix: null }));
      expect(asSet.length).toBeGreaterThan(0);
      expect(await persons(inBuildingsPerRow('p', codes))).toEqual(asSet);
    }
  });
});
