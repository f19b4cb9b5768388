import { closeDatabases, Databases } from '../src/db/databases';
import { createDepartmentWave, WavePart } from '../src/sources/departmentWave';
import { hubParts } from '../src/sources/hub/hubWaveParts';
import { sortedKeys } from '../src/sources/keyedLoader';
import { countQueries } from './support/queryCounter';
import { openTestDatabases } from './support/testDatabases';

type Parts = Record<string, WavePart<Record<string, unknown>>>;

/**
 * The hub's keyed reads of a page (buildings, household and person index look-ups by number and by hub id) in one
 * statement per loader wave (issue 15): each loader gets the rows its own statement returns, same
 * columns, values and types (rows compared in key order: neither statement orders them).
 */
describe('hub waves', () => {
  let dbs: Databases;
  beforeAll(() => {
    dbs = openTestDatabases();
  });
  afterAll(() => closeDatabases(dbs));

  it('give the buildings and index loaders the rows of their own statements, in one statement for the five', async () => {
    const keys = async (sql: string) => sortedKeys(((await dbs.hub.raw(sql)).rows as Array<{ k: string }>).map((r) => r.k));
    const keysOf: Record<string, string[]> = {
      buildingByCode: [...(await keys('SELECT code AS k FROM buildings ORDER BY code LIMIT 30')), 'no-such-building'],
      householdIndexByNumber: [...(await keys('SELECT household_no AS k FROM household_index ORDER BY household_no LIMIT 30')), '999999999999999'],
      personIndexByIdNumber: [...(await keys('SELECT id_number AS k FROM person_index ORDER BY id_number LIMIT 30')), '000000000000000000'],
      householdIndexByHubId: [...(await keys('SELECT id::text AS k FROM household_index ORDER BY household_no LIMIT 30')), '00000000-0000-4000-8000-000000000000'],
      personIndexByHubId: [...(await keys('SELECT id::text AS k FROM person_index ORDER BY id_number LIMIT 30')), '00000000-0000-4000-8000-000000000000'],
    };
    const parts = hubParts(dbs.hub) as unknown as Parts;
    const names = Object.keys(parts);
    const byKey = (rows: Array<Record<string, unknown>>) => JSON.stringify([...rows].sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    const alone = await Promise.all(names.map((n) => parts[n].alone(keysOf[n]).then(byKey)));
    const counter = countQueries(dbs);
    const wave = createDepartmentWave(dbs.hub);
    const combined = await Promise.all(names.map((n) => wave.read(parts[n])(keysOf[n]).then(byKey)));
    counter.stop();
    expect(combined).toEqual(alone);
    expect(alone.every((rows) => JSON.parse(rows).length === 30)).toBe(true);
    expect(counter.total()).toBe(1);
  });
});
