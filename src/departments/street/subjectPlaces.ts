import type { Knex } from 'knex';
import type { Databases } from '../../db/databases';
import { identitySearch, spineDatabase } from '../spine';
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
 * The registered household of each hub person id that has one here (the identity spine's 户籍
 * household, its building's grid and community), in batched look-ups: hub index → the spine's
 * registrations (`registeredHouseholds`, src/departments/identity.ts, on the spine's own pool) →
 * hub household index and buildings. Persons with no household here are absent from the map.
 * Reads only, but for the hub's household index, which registers a household it does not hold yet
 * (`householdIndexByNumber`); the ID numbers and household numbers stay in this function.
 */
export async function placesOfPersons(dbs: Databases, personIds: readonly string[]): Promise<Map<string, SubjectPlace>> {
  const hub: Knex = dbs.hub;
  const spine = spineDatabase(dbs, 'department');
  const { registeredHouseholds } = identitySearch();
  const index = await inBatches(personIds, (b) => personIndexByHubId(hub, b));
  const idOfNumber = new Map(index.map((r) => [r.id_number, r.id]));
  const registered = await inBatches([...idOfNumber.keys()], (b) => registeredHouseholds(spine, b));
  const numbers = [...new Set(registered.map((r) => r.household_no))];
  const hubHouseholds = new Map((await inBatches(numbers, (b) => householdIndexByNumber(hub, b))).map((h) => [h.household_no, h.id]));
  const buildings = new Map((await inBatches([...new Set(registered.map((r) => r.building_code))], (b) => buildingsByCode(hub, b))).map((b) => [b.code, b]));
  const places = new Map<string, SubjectPlace>();
  for (const r of registered) {
    const building = buildings.get(r.building_code);
    const householdId = hubHouseholds.get(r.household_no);
    if (building && householdId) places.set(idOfNumber.get(r.id_number)!, { householdId, gridId: building.grid_id, communityCode: building.community_code });
  }
  return places;
}
