import { HOUSEHOLD_FILE, PERSON_FILE } from '../bench/documents';
import { openDatabases } from '../src/db/databases';
import { INVESTIGATOR } from './support/searchPages';
import { TestHub, startTestHub } from './support/http';
import { testDatabaseUrls } from './support/testDatabases';

interface Prepared {
  statement: string;
  generic_plans: number;
  custom_plans: number;
}

/**
 * Which plans the department reads run on (issue 15). Every pool has one connection, so the
 * session a statement ran in is the one `pg_prepared_statements` and `SHOW` are asked in.
 */
describe('plans of the department reads and of the searches', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(openDatabases(testDatabaseUrls(), { poolMax: 1 }));
  });
  afterAll(() => t.close());

  async function prepared(db: 'police' | 'civil' | 'health'): Promise<Prepared[]> {
    const { rows } = await t.dbs[db].raw('SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements');
    return rows as Prepared[];
  }

  async function planMode(db: 'police' | 'civil' | 'health' | 'hub' | 'searchPool'): Promise<string> {
    const pool = db === 'searchPool' ? t.dbs.searchPool! : t.dbs[db];
    return (await pool.raw('SHOW plan_cache_mode')).rows[0].plan_cache_mode;
  }

  it('runs every keyed department read of the person and household files, one per department per wave, on its generic plan, never re-planned', async () => {
    const people: Array<{ id: string }> = (await t.dbs.hub.raw('SELECT id FROM person_index ORDER BY md5(id::text) LIMIT 8')).rows;
    const households: Array<{ id: string }> = (await t.dbs.hub.raw('SELECT id FROM household_index ORDER BY md5(id::text) LIMIT 8')).rows;
    // More than five executions each: in plan_cache_mode auto, PostgreSQL makes five custom plans
    // and then keeps re-planning whenever the generic plan's estimate looks dearer (it does for `= ANY`).
    for (const { id } of people) expect((await t.query(PERSON_FILE, { id })).errors).toBeUndefined();
    for (const { id } of households) expect((await t.query(HOUSEHOLD_FILE, { id })).errors).toBeUndefined();

    for (const db of ['police', 'civil', 'health'] as const) {
      expect(await planMode(db)).toBe('force_generic_plan');
      const keyed = (await prepared(db)).filter((s) => /= ANY\(\$\d/.test(s.statement));
      // The reads of one loader wave go as one statement (src/sources/departmentWave.ts): each file has one.
      expect(keyed.filter((s) => /json_agg/.test(s.statement)).length).toBeGreaterThanOrEqual(1);
      for (const s of keyed) expect({ statement: s.statement, custom_plans: s.custom_plans }).toEqual({ statement: s.statement, custom_plans: 0 });
      // Each of the busiest statements ran at least once per file on the same generic plan.
      expect(Math.max(...keyed.map((s) => s.generic_plans))).toBeGreaterThanOrEqual(8);
    }
  });

  it('plans the police searches for their values, on a pool of their own, counted as police statements', async () => {
    expect(await planMode('searchPool')).toBe('auto');
    expect(await planMode('hub')).toBe('auto');
    const onSearchPool: string[] = [];
    const onPolice: string[] = [];
    const searchListener = (q: { sql: string }) => onSearchPool.push(q.sql);
    const policeListener = (q: { sql: string }) => onPolice.push(q.sql);
    t.dbs.searchPool!.on('query', searchListener);
    t.dbs.police.on('query', policeListener);
    try {
      const res = await t.as(INVESTIGATOR)(`query { searchPersons(filter: { name: "王" }, first: 5) { totalCount edges { node { id name } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.searchPersons.totalCount).toBeGreaterThan(0);
    } finally {
      t.dbs.searchPool!.off('query', searchListener);
      t.dbs.police.off('query', policeListener);
    }
    expect(onSearchPool.some((sql) => /LIKE|search_key/.test(sql))).toBe(true);
    // Statement counts per database stay whole: what the search pool ran is reported as police's.
    for (const sql of onSearchPool) expect(onPolice).toContain(sql);
    // The search statements are unnamed (planned per call): none is kept on the search pool's connection.
    const { rows } = await t.dbs.searchPool!.raw('SELECT count(*)::int AS n FROM pg_prepared_statements');
    expect(rows[0].n).toBe(0);
  });
});
