import { closeDatabases, Databases } from '../src/db/databases';
import type { SearchCriteria } from '../src/sources/search/criteria';
import { createSearchSource } from '../src/sources/search/federatedSearch';
import { householdCandidates } from '../src/departments/police/policeSearch';
import { sql } from '../src/sources/search/sql';
import { Tag } from '../src/tags/tag';
import { todayInChina } from '../src/identity/age';
import { openOwnerTestDatabases } from './support/testDatabases';

const NONE: SearchCriteria = { area: null, name: null, minAge: null, maxAge: null, ageDay: todayInChina(), livesAwayFromRegisteredAddress: null, tags: [] };
const EMPTY_HOUSEHOLD = 'TEST-NO-MEMBERS-1';

describe('household candidates for a federated tag search', () => {
  let owner: Databases;
  let building: string;

  beforeAll(async () => {
    owner = openOwnerTestDatabases();
    building = (await owner.police('households').first('building_code')).building_code;
    await owner.police('households').insert({ household_no: EMPTY_HOUSEHOLD, building_code: building, room: '99', kind: 'FAMILY', registered_on: '2020-01-01' });
  });
  afterAll(async () => {
    await owner.police('households').where({ household_no: EMPTY_HOUSEHOLD }).delete();
    await closeDatabases(owner);
  });

  it('carry every registered member with their birth date, and a household without members with none', async () => {
    const candidates = await householdCandidates(owner.police, sql('h.building_code = ANY(?::text[])', [building]), 50_001, true);
    const members = await owner.police('persons').join('households', 'households.household_no', 'persons.household_no')
      .where('households.building_code', building).select('persons.id_number', 'persons.birth_date', 'persons.household_no');
    expect(candidates.find((c) => c.row.household_no === EMPTY_HOUSEHOLD)?.members).toEqual([]);
    const packed = candidates.flatMap((c) => c.members).map((m) => `${m.household_no} ${m.id_number} ${m.birth_date}`).sort();
    expect(packed).toEqual(members.map((m) => `${m.household_no} ${m.id_number.trim()} ${m.birth_date}`).sort());
    expect(candidates.map((c) => Number(c.row.search_key))).toEqual(candidates.map((c) => Number(c.row.search_key)).sort((a, b) => a - b));
  });

  it('never return a household without members, whatever the tag', async () => {
    const search = createSearchSource(owner, async () => ({ kind: 'buildings', buildingCodes: [building] }));
    for (const tag of [Tag.DISABLED, Tag.ELDERLY_LIVING_ALONE, Tag.NEEDS_HEALTH_FOLLOW_UP]) {
      const page = await search.households({ ...NONE, tags: [tag] }, { first: 100, after: null });
      expect(page.rows.map((r) => r.household_no)).not.toContain(EMPTY_HOUSEHOLD);
      expect(page.totalCount).toBe(page.rows.length);
    }
  });
});

describe('dates on every connection', () => {
  it('come as YYYY-MM-DD even where the database defaults to another DateStyle', async () => {
    const owner = openOwnerTestDatabases();
    const database = (await owner.police.raw('SELECT current_database() AS d')).rows[0].d;
    // Whatever the database's own default was (configured test databases may have one), it is put back.
    const before: string | null = (await owner.police.raw(
      `SELECT (SELECT c FROM unnest(s.setconfig) AS c WHERE c ILIKE 'datestyle=%') AS setting
         FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database() AND s.setrole = 0`,
    )).rows[0]?.setting ?? null;
    await owner.police.raw(`ALTER DATABASE "${database}" SET DateStyle = 'SQL, DMY'`);
    const fresh = openOwnerTestDatabases();
    try {
      const { rows } = await fresh.police.raw("SELECT '2024-02-29'::date::text AS text, '2024-02-29'::date AS parsed");
      expect(rows[0]).toEqual({ text: '2024-02-29', parsed: '2024-02-29' });
    } finally {
      if (before === null) await owner.police.raw(`ALTER DATABASE "${database}" RESET DateStyle`);
      else await owner.police.raw(`ALTER DATABASE "${database}" SET DateStyle = '${before.slice(before.indexOf('=') + 1).replace(/'/g, "''")}'`);
      await closeDatabases(fresh);
      await closeDatabases(owner);
    }
  });
});
