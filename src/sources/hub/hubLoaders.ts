import type { Knex } from 'knex';
import { oneByKey } from '../keyedLoader';
import * as hub from './hubSource';

/** Per-request loaders over the hub's own database. */
export function createHubLoaders(db: Knex) {
  return {
    personIndexByHubId: oneByKey('hub', (ids) => hub.personIndexByHubId(db, ids), (r) => r.id),
    /** Look-up only: null for an ID number the index does not hold (nothing is registered). */
    personIndexByIdNumber: oneByKey('hub', (ns) => hub.personIndexByIdNumber(db, ns), (r) => r.id_number),
    /** For ID numbers of police rows only: registers the ones the index has not seen (hubSource.registerPolicePersons). */
    personIndexOfPoliceRow: oneByKey('hub', (ns) => hub.registerPolicePersons(db, ns), (r) => r.id_number),
    householdIndexByHubId: oneByKey('hub', (ids) => hub.householdIndexByHubId(db, ids), (r) => r.id),
    householdIndexByNumber: oneByKey('hub', (ns) => hub.householdIndexByNumber(db, ns), (r) => r.household_no),
    buildingByCode: oneByKey('hub', (codes) => hub.buildingsByCode(db, codes), (r) => r.code),
    gridById: oneByKey('hub', (ids) => hub.gridsById(db, ids), (r) => r.id),
    communityByCode: oneByKey('hub', (codes) => hub.communitiesByCode(db, codes), (r) => r.code),
  };
}

export type HubLoaders = ReturnType<typeof createHubLoaders>;
