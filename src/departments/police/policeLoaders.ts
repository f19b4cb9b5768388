import type { Knex } from 'knex';
import { createDepartmentWave } from '../../sources/departmentWave';
import { manyByKey, oneByKey } from '../../sources/keyedLoader';
import type { ResolvedScope } from '../../sources/rowScope';
import { policeParts } from './policeWaveParts';

/**
 * Per-request loaders over the police database, keyed by ID number or household number. Person
 * and household reads carry the request's row scope. Loaders dispatching in the same tick share
 * one statement (src/sources/departmentWave.ts).
 */
export function createPoliceLoaders(db: Knex, scope: () => Promise<ResolvedScope>) {
  const wave = createDepartmentWave(db);
  const parts = policeParts(db, scope);
  const personByIdNumber = oneByKey('police', wave.read(parts.personByIdNumber), (r) => r.id_number);
  const readMembers = wave.read(parts.membersByHouseholdNo);
  return {
    personByIdNumber,
    /** Members of each household; primes `personByIdNumber` so members are not fetched twice. */
    membersByHouseholdNo: manyByKey(
      'police',
      async (ns) => {
        const rows = await readMembers(ns);
        for (const row of rows) personByIdNumber.prime(row.id_number, row);
        return rows;
      },
      (r) => r.household_no as string,
    ),
    householdByNo: oneByKey('police', wave.read(parts.householdByNo), (r) => r.household_no),
    residenceByIdNumber: oneByKey('police', wave.read(parts.residenceByIdNumber), (r) => r.id_number),
  };
}

export type PoliceLoaders = ReturnType<typeof createPoliceLoaders>;
