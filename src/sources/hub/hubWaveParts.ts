import type { Knex } from 'knex';
import { DepartmentWave, jsonRows, PartSql, WavePart } from '../departmentWave';
import { runSql } from '../runSql';
import { BuildingRow, HouseholdIndexRow, PersonIndexRow } from './hubRows';
import * as hub from './hubSource';

const BUILDING_COLUMNS = ['code', 'address', 'grid_id', 'grid_name', 'community_code', 'community_name', 'street_code', 'street_name', 'district_code', 'district_name'];

/** The buildings' joined row, as a table expression for `jsonRows` (the same join as hubSource's BUILDINGS). */
const BUILDINGS_FROM = (first: number) => `(SELECT b.code, b.address, b.grid_id, g.name AS grid_name, b.community_code, c.name AS community_name,
         s.code AS street_code, s.name AS street_name, s.district_code, s.district_name
    FROM buildings b
    JOIN grids g ON g.id = b.grid_id
    JOIN communities c ON c.code = b.community_code
    JOIN streets s ON s.code = c.street_code
   WHERE b.code = ANY($${first}::text[])) b`;

/** Whether the hub's waves combine parts; off only to measure the per-table reads in the same run (bench:search `--compare`). */
export const hubWaveReads = { combine: true };

/**
 * The hub's keyed reads of a page as parts of one statement per loader wave
 * (src/sources/departmentWave.ts): a search page's addresses, household ids and members' person
 * ids, dispatched in one tick, are one round trip instead of three. Parts only look up; the
 * index registrations (`registerPolicePersons`, `householdIndexByNumber`) stay their own
 * statements, run for the keys a look-up did not find (`lookUpThenRegister`).
 */
export function hubParts(db: Knex) {
  const buildingByCode: WavePart<BuildingRow> = {
    name: 'buildings',
    columns: BUILDING_COLUMNS,
    key: 'code',
    shareKey: () => '',
    alone: (keys) => hub.buildingsByCode(db, keys),
    combined: (keys, first): PartSql => ({ text: jsonRows('b', BUILDING_COLUMNS, BUILDINGS_FROM(first)), values: [keys] }),
  };
  const householdIndexByNumber = indexPart<HouseholdIndexRow>('household_index_by_number', 'household_index', 'household_no', 'household_no', 'text',
    (keys) => runSql<HouseholdIndexRow>(db, 'SELECT id, household_no FROM household_index WHERE household_no = ANY($1::text[])', [keys]));
  const personIndexByIdNumber = indexPart<PersonIndexRow>('person_index_by_id_number', 'person_index', 'id_number', 'id_number', 'bpchar',
    (keys) => hub.personIndexByIdNumber(db, keys));
  const householdIndexByHubId = indexPart<HouseholdIndexRow>('household_index_by_id', 'household_index', 'household_no', 'id', 'uuid',
    (ids) => hub.householdIndexByHubId(db, ids));
  const personIndexByHubId = indexPart<PersonIndexRow>('person_index_by_id', 'person_index', 'id_number', 'id', 'uuid',
    (ids) => hub.personIndexByHubId(db, ids));
  return { buildingByCode, householdIndexByNumber, personIndexByIdNumber, householdIndexByHubId, personIndexByHubId };
}

/**
 * A look-up of the person or household index (columns `id` and `number`) by `key` (one of the
 * two, of SQL type `keyType`) as a wave part; alone it runs `alone`, the index's own statement.
 * The index holds no row scope: nothing but the keys varies between requests.
 */
function indexPart<R>(
  name: string, table: 'person_index' | 'household_index', number: 'id_number' | 'household_no', key: 'id' | typeof number, keyType: string,
  alone: (keys: readonly string[]) => Promise<R[]>,
): WavePart<R> {
  const columns = ['id', number];
  return {
    name,
    columns,
    key,
    shareKey: () => '',
    alone,
    combined: (keys, first): PartSql => ({ text: jsonRows('i', columns, `${table} i WHERE i.${key} = ANY($${first}::${keyType}[])`), values: [keys] }),
  };
}

/**
 * A look-up through the wave, then `register` for the keys it did not find (rare: a police row the
 * index has not seen yet). `register` must be one of the index's registering reads, called only
 * with numbers read from police rows (hubSource.ts), and returns the rows of the keys it was given.
 */
export function lookUpThenRegister<R>(
  wave: DepartmentWave,
  part: WavePart<R>,
  keyOf: (row: R) => string,
  register: (missing: readonly string[]) => Promise<R[]>,
): (keys: readonly string[]) => Promise<R[]> {
  const read = wave.read(part);
  return async (keys) => {
    const found = await read(keys);
    if (found.length === keys.length) return found;
    const known = new Set(found.map(keyOf));
    const missing = keys.filter((k) => !known.has(k));
    return found.concat(await register(missing));
  };
}
