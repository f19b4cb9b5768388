import type { Knex } from 'knex';
import { createDepartmentWave } from '../departmentWave';
import { oneByKey } from '../keyedLoader';
import * as hub from './hubSource';
import { hubParts, hubWaveReads, lookUpThenRegister } from './hubWaveParts';

/**
 * Per-request loaders over the hub's own database. The keyed reads a page needs together
 * (buildings, household and person index look-ups) dispatched in one tick share one statement
 * (src/sources/departmentWave.ts, parts in hubWaveParts.ts); registrations of index entries not
 * yet seen stay statements of their own.
 */
export function createHubLoaders(db: Knex) {
  const wave = createDepartmentWave(db, hubWaveReads);
  const parts = hubParts(db);
  return {
    personIndexByHubId: oneByKey('hub', wave.read(parts.personIndexByHubId), (r) => r.id),
    /** Look-up only: null for an ID number the index does not hold (nothing is registered). */
    personIndexByIdNumber: oneByKey('hub', wave.read(parts.personIndexByIdNumber), (r) => r.id_number),
    /** For ID numbers of police rows only: registers the ones the index has not seen (hubSource.registerPolicePersons). */
    personIndexOfPoliceRow: oneByKey(
      'hub',
      lookUpThenRegister(wave, parts.personIndexByIdNumber, (r) => r.id_number, (missing) => hub.registerPolicePersons(db, missing)),
      (r) => r.id_number,
    ),
    householdIndexByHubId: oneByKey('hub', wave.read(parts.householdIndexByHubId), (r) => r.id),
    /** For household numbers of police rows only: registers the ones the index has not seen (hubSource.householdIndexByNumber). */
    householdIndexByNumber: oneByKey(
      'hub',
      lookUpThenRegister(wave, parts.householdIndexByNumber, (r) => r.household_no, (missing) => hub.householdIndexByNumber(db, missing)),
      (r) => r.household_no,
    ),
    buildingByCode: oneByKey('hub', wave.read(parts.buildingByCode), (r) => r.code),
    gridById: oneByKey('hub', (ids) => hub.gridsById(db, ids), (r) => r.id),
    communityByCode: oneByKey('hub', (codes) => hub.communitiesByCode(db, codes), (r) => r.code),
  };
}

export type HubLoaders = ReturnType<typeof createHubLoaders>;
