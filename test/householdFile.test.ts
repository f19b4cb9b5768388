import { TestHub, startTestHub } from './support/http';
import { countQueries } from './support/queryCounter';

const HOUSEHOLD_FILE = `
  query HouseholdFile($id: ID!) {
    household(id: $id) {
      id householdNumber kind size
      address { text room }
      grid { id name community { name } }
      community { code name street { name } }
      members {
        id name idNumber age relationToHead livesAwayFromRegisteredAddress
        actualAddress { text grid { id } }
        civilAffairs { maritalStatus assistance { kind } disability { grade } elderlyCare { livesAlone } }
        health { familyDoctor { doctorName } chronicConditions { icd10 } vaccinations { vaccine } birth { bornOn } death { diedOn } }
      }
    }
  }`;

describe('one household, one file', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  /** The hub id of a seeded household with exactly `size` registered members. */
  async function householdOfSize(size: number): Promise<{ id: string; householdNo: string }> {
    const { rows } = await t.dbs.police.raw(
      `SELECT household_no FROM persons WHERE household_no IS NOT NULL GROUP BY household_no HAVING count(*) = ? ORDER BY household_no LIMIT 1`,
      [size],
    );
    expect(rows).toHaveLength(1);
    const householdNo = rows[0].household_no as string;
    const entry = await t.dbs.hub('household_index').where({ household_no: householdNo }).first();
    return { id: entry.id, householdNo };
  }

  it('returns the household with its address, grid, community and every registered member', async () => {
    const { id, householdNo } = await householdOfSize(3);
    const res = await t.query(HOUSEHOLD_FILE, { id });
    expect(res.errors).toBeUndefined();
    const h = res.data!.household;
    const members = await t.dbs.police('persons').where({ household_no: householdNo }).select('id_number', 'name');
    const row = await t.dbs.police('households').where({ household_no: householdNo }).first();
    const building = await t.dbs.hub('buildings').where({ code: row.building_code }).first();
    expect(h.id).toBe(id);
    expect(h.size).toBe(3);
    expect(h.address.text).toBe(building.address + row.room);
    expect(h.grid.id).toBe(building.grid_id);
    expect(h.community.code).toBe(building.community_code);
    expect(h.members.map((m: { idNumber: string }) => m.idNumber).sort()).toEqual(members.map((m) => m.id_number).sort());
    expect(h.members[0].relationToHead).toBe('HEAD');
    expect(new Set(h.members.map((m: { id: string }) => m.id)).size).toBe(3);
  });

  it('costs the same number of SQL queries for a household of 1 and of 8 members', async () => {
    const one = await householdOfSize(1);
    const eight = await householdOfSize(8);
    // Warm nothing: each request has its own loaders, so both start cold.
    const counter1 = countQueries(t.dbs);
    const res1 = await t.query(HOUSEHOLD_FILE, { id: one.id });
    counter1.stop();
    const counter8 = countQueries(t.dbs);
    const res8 = await t.query(HOUSEHOLD_FILE, { id: eight.id });
    counter8.stop();

    expect(res1.errors).toBeUndefined();
    expect(res8.errors).toBeUndefined();
    expect(res1.data!.household.members).toHaveLength(1);
    expect(res8.data!.household.members).toHaveLength(8);
    expect(counter8.counts).toEqual(counter1.counts);
    // hub: index, buildings (x2 waves at most), communities; police: household, members, residences ...
    expect(counter8.total()).toBeLessThanOrEqual(20);
  });

  it('reaches the household from a member and back to the same members', async () => {
    const { id } = await householdOfSize(4);
    const res = await t.query(`query($id: ID!) { household(id: $id) { members { household { id members { id } } } } }`, { id });
    expect(res.errors).toBeUndefined();
    for (const m of res.data!.household.members) expect(m.household.id).toBe(id);
  });

  it('returns null for an unknown household id and INVALID_ID for a malformed one', async () => {
    const unknown = await t.query(HOUSEHOLD_FILE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.household).toBeNull();
    const bad = await t.query(HOUSEHOLD_FILE, { id: "1' OR '1'='1" });
    expect(bad.errors![0].extensions!.code).toBe('INVALID_ID');
  });
});
