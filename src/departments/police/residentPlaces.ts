import type { Knex } from 'knex';
import type { Databases } from '../../db/databases';
import { runSql } from '../../sources/runSql';
import { buildingsByCode, householdIndexByNumber, personIndexByHubId } from '../../sources/hub/hubSource';

/** Where a finding's subject lives: their registered household (hub id) and its grid and community. */
export interface SubjectPlace {
  householdId: string;
  gridId: string;
  communityCode: string;
}

/** Keys per look-up statement. */
const BATCH = 10_000;

async function inBatches<Row>(keys: readonly string[], read: (batch: string[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < keys.length; i += BATCH) rows.push(...(await read(keys.slice(i, i + BATCH))));
  return rows;
}

/**
 * The registered household of each hub person id that has one here (police 户籍 household, its
 * building's grid and community), in batched look-ups: hub index → police persons → police
 * households → hub household index and buildings. Persons with no household here are absent from
 * the map. Reads only; the ID numbers and household numbers stay in this function.
 */
export async function placesOfPersons(dbs: Databases, personIds: readonly string[]): Promise<Map<string, SubjectPlace>> {
  const hub: Knex = dbs.hub;
  const index = await inBatches(personIds, (b) => personIndexByHubId(hub, b));
  const idOfNumber = new Map(index.map((r) => [r.id_number, r.id]));
  const persons = await inBatches([...idOfNumber.keys()], (b) =>
    runSql<{ id_number: string; household_no: string }>(dbs.police, 'SELECT id_number, household_no FROM persons WHERE id_number = ANY($1::bpchar[]) AND household_no IS NOT NULL', [b], { prepare: false }));
  const numbers = [...new Set(persons.map((p) => p.household_no))];
  const households = await inBatches(numbers, (b) =>
    runSql<{ household_no: string; building_code: string }>(dbs.police, 'SELECT household_no, building_code FROM households WHERE household_no = ANY($1::text[])', [b], { prepare: false }));
  const buildingOf = new Map(households.map((h) => [h.household_no, h.building_code]));
  const hubHouseholds = new Map((await inBatches(numbers, (b) => householdIndexByNumber(hub, b))).map((h) => [h.household_no, h.id]));
  const buildings = new Map((await inBatches([...new Set(buildingOf.values())], (b) => buildingsByCode(hub, b))).map((b) => [b.code, b]));
  const places = new Map<string, SubjectPlace>();
  for (const p of persons) {
    const building = buildings.get(buildingOf.get(p.household_no) ?? '');
    const householdId = hubHouseholds.get(p.household_no);
    if (building && householdId) places.set(idOfNumber.get(p.id_number)!, { householdId, gridId: building.grid_id, communityCode: building.community_code });
  }
  return places;
}
