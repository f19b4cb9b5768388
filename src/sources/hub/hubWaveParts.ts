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
  const householdIndexByNumber: WavePart<HouseholdIndexRow> = {
    name: 'household_index_by_number',
    columns: ['id', 'household_no'],
    key: 'household_no',
    shareKey: () => '',
    alone: (keys) => runLookUp(db, 'SELECT id, household_no FROM household_index WHERE household_no = ANY($1::text[])', keys),
    combined: (keys, first): PartSql => ({ text: jsonRows('h', ['id', 'household_no'], `household_index h WHERE h.household_no = ANY($${first}::text[])`), values: [keys] }),
  };
  const personIndexByIdNumber: WavePart<PersonIndexRow> = {
    name: 'person_index_by_id_number',
    columns: ['id', 'id_number'],
    key: 'id_number',
    shareKey: () => '',
    alone: (keys) => hub.personIndexByIdNumber(db, keys),
    combined: (keys, first): PartSql => ({ text: jsonRows('p', ['id', 'id_number'], `person_index p WHERE p.id_number = ANY($${first}::bpchar[])`), values: [keys] }),
  };
  const householdIndexByHubId: WavePart<HouseholdIndexRow> = {
    name: 'household_index_by_id',
    columns: ['id', 'household_no'],
    key: 'id',
    shareKey: () => '',
    alone: (ids) => hub.householdIndexByHubId(db, ids),
    combined: (ids, first): PartSql => ({ text: jsonRows('h', ['id', 'household_no'], `household_index h WHERE h.id = ANY($${first}::uuid[])`), values: [ids] }),
  };
  const personIndexByHubId: WavePart<PersonIndexRow> = {
    name: 'person_index_by_id',
    columns: ['id', 'id_number'],
    key: 'id',
    shareKey: () => '',
    alone: (ids) => hub.personIndexByHubId(db, ids),
    combined: (ids, first): PartSql => ({ text: jsonRows('p', ['id', 'id_number'], `person_index p WHERE p.id = ANY($${first}::uuid[])`), values: [ids] }),
  };
  return { buildingByCode, householdIndexByNumber, personIndexByIdNumber, householdIndexByHubId, personIndexByHubId };
}

function runLookUp(db: Knex, text: string, keys: readonly string[]): Promise<HouseholdIndexRow[]> {
  return runSql<HouseholdIndexRow>(db, text, [keys]);
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
