import { closeDatabases, Databases } from '../src/db/databases';
import { civilParts } from '../src/departments/civil/civilWaveParts';
import { healthParts } from '../src/departments/health/healthWaveParts';
import { policeParts } from '../src/departments/police/policeWaveParts';
import { createDepartmentWave, isStatementError, WavePart } from '../src/sources/departmentWave';
import { sortedKeys } from '../src/sources/keyedLoader';
import type { ResolvedScope } from '../src/sources/rowScope';
import { countQueries } from './support/queryCounter';
import { openTestDatabases } from './support/testDatabases';

type Parts = Record<string, WavePart<unknown>>;

/**
 * One statement per department per loader wave (issue 15): the rows every loader gets from the
 * combined statement are the rows its own statement returns — same keys in the same order, same
 * values and types, same row order — over seeded residents that have every kind of record.
 */
describe('department waves', () => {
  let dbs: Databases;
  beforeAll(() => {
    dbs = openTestDatabases();
  });
  afterAll(() => closeDatabases(dbs));

  async function ids(db: 'civil' | 'health' | 'police', sql: string): Promise<string[]> {
    const { rows } = await dbs[db].raw(sql);
    return sortedKeys((rows as Array<{ k: string }>).map((r) => r.k));
  }

  /** Reads every part in one wave and each part alone; returns both as JSON text, and the wave's statement count. */
  async function compare(db: 'civil' | 'health' | 'police', parts: Parts, keysOf: (name: string) => string[]) {
    const names = Object.keys(parts);
    const alone = await Promise.all(names.map((n) => parts[n].alone(keysOf(n))));
    const counter = countQueries(dbs);
    const wave = createDepartmentWave(dbs[db]);
    // Asked in reverse order: the statement orders its parts by name, not by who asked first.
    const combined = await Promise.all([...names].reverse().map((n) => wave.read(parts[n])(keysOf(n)))).then((r) => r.reverse());
    counter.stop();
    return { alone: JSON.stringify(alone), combined: JSON.stringify(combined), statements: counter.total(), rows: alone.flat().length };
  }

  it('give the civil affairs loaders the rows of their own statements, in one statement for all five tables', async () => {
    const keys = await ids('civil', `SELECT id_number AS k FROM (
        (SELECT id_number FROM assistance GROUP BY id_number HAVING count(*) > 1 LIMIT 20)
        UNION (SELECT id_number FROM disabilities LIMIT 20) UNION (SELECT id_number FROM elderly_care LIMIT 20)
        UNION (SELECT id_number FROM children_in_difficulty LIMIT 20) UNION (SELECT id_number FROM marital_status WHERE registered_on IS NULL LIMIT 5)
        UNION (SELECT id_number FROM marital_status WHERE spouse_id_number IS NOT NULL LIMIT 20)) k`);
    const r = await compare('civil', civilParts(dbs.civil) as unknown as Parts, () => [...keys, '000000000000000000']);
    expect(r.rows).toBeGreaterThan(100);
    expect(r.combined).toBe(r.alone);
    expect(r.statements).toBe(1);
  });

  it('give the health loaders the rows of their own statements, in one statement for all five tables', async () => {
    const keys = await ids('health', `SELECT id_number AS k FROM (
        (SELECT id_number FROM chronic_conditions GROUP BY id_number HAVING count(*) > 1 LIMIT 20)
        UNION (SELECT id_number FROM vaccinations GROUP BY id_number HAVING count(*) > 2 LIMIT 20)
        UNION (SELECT id_number FROM family_doctor_contracts LIMIT 20) UNION (SELECT id_number FROM deaths LIMIT 20)
        UNION (SELECT child_id_number FROM births WHERE child_id_number IS NOT NULL AND father_id_number IS NULL LIMIT 10)
        UNION (SELECT child_id_number FROM births WHERE child_id_number IS NOT NULL LIMIT 20)) k`);
    const r = await compare('health', healthParts(dbs.health) as unknown as Parts, () => keys);
    expect(r.rows).toBeGreaterThan(100);
    expect(r.combined).toBe(r.alone);
    expect(r.statements).toBe(1);
  });

  it('give the police loaders the rows of their own statements under every kind of row scope', async () => {
    const persons = await ids('police', `SELECT id_number AS k FROM (
        (SELECT id_number FROM residence_registrations GROUP BY id_number HAVING count(*) > 1 LIMIT 10)
        UNION (SELECT id_number FROM persons WHERE household_no IS NULL LIMIT 10)
        UNION (SELECT id_number FROM persons WHERE phone IS NULL LIMIT 5)
        UNION (SELECT id_number FROM persons WHERE household_no IS NOT NULL LIMIT 20)) k`);
    const households = await ids('police', `SELECT household_no AS k FROM persons WHERE household_no = ANY(
        SELECT household_no FROM persons WHERE id_number = ANY('{${persons.join(',')}}'::bpchar[])) GROUP BY household_no`);
    const { rows: [b] } = await dbs.police.raw(`SELECT h.building_code, p.id_number, h.household_no FROM persons p JOIN households h USING (household_no)
        WHERE p.id_number = ANY('{${persons.join(',')}}'::bpchar[]) ORDER BY p.id_number LIMIT 1`);
    const scopes: ResolvedScope[] = [
      { kind: 'all' },
      { kind: 'buildings', buildingCodes: [b.building_code] },
      { kind: 'person', idNumber: b.id_number },
      { kind: 'household', householdNo: b.household_no },
      { kind: 'none' },
    ];
    for (const scope of scopes) {
      const parts = policeParts(dbs.police, async () => scope) as unknown as Parts;
      const r = await compare('police', parts, (n) => (n === 'membersByHouseholdNo' || n === 'householdByNo' ? households : persons));
      if (scope.kind === 'all') expect(r.rows).toBeGreaterThan(60);
      if (scope.kind !== 'none' && scope.kind !== 'all') expect(r.rows).toBeGreaterThan(2);
      expect({ scope: scope.kind, rows: r.combined }).toEqual({ scope: scope.kind, rows: r.alone });
      expect(r.statements).toBe(1);
    }
  });

  it('run a part alone in its wave as its own statement', async () => {
    const texts: string[] = [];
    const listener = (q: { sql: string }) => texts.push(q.sql);
    dbs.civil.on('query', listener);
    try {
      const wave = createDepartmentWave(dbs.civil);
      await wave.read(civilParts(dbs.civil).disability)(['000000000000000000']);
    } finally {
      dbs.civil.off('query', listener);
    }
    expect(texts).toEqual([expect.stringMatching(/^SELECT id_number, certificate_no, category, grade, issued_on FROM disabilities WHERE/)]);
  });

  it('keep a statement error with the part that causes it: the other parts of the wave are read alone and answered', async () => {
    const wave = createDepartmentWave(dbs.civil);
    const alone: string[] = [];
    const broken: WavePart<unknown> = {
      name: 'broken', columns: ['x'], key: 'x',
      alone: async () => (alone.push('broken'), Promise.reject(Object.assign(new Error('relation is gone'), { code: '42P01' }))),
      combined: () => ({ text: 'SELECT no_such_column FROM marital_status', values: [] }),
    };
    const { rows } = await dbs.civil.raw('SELECT id_number FROM marital_status ORDER BY id_number LIMIT 1');
    const results = await Promise.allSettled([
      wave.read(civilParts(dbs.civil).maritalStatus)([rows[0].id_number]),
      wave.read(broken)(['000000000000000000']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[0] as PromiseFulfilledResult<Array<{ id_number: string }>>).value.map((r) => r.id_number)).toEqual([rows[0].id_number]);
    expect(alone).toEqual(['broken']);
  });

  it('tell statement errors from the database failing (those are not asked again part by part)', () => {
    expect(isStatementError(Object.assign(new Error(), { code: '42P01' }))).toBe(true);
    expect(isStatementError(Object.assign(new Error(), { code: '22P02' }))).toBe(true);
    for (const code of ['08006', '57014', '57P01', '53300', 'XX000', 'SOURCE_TIMEOUT', 'CIRCUIT_OPEN', 'ECONNREFUSED', undefined]) {
      expect({ code, statement: isStatementError(Object.assign(new Error(), { code })) }).toEqual({ code, statement: false });
    }
  });
});
