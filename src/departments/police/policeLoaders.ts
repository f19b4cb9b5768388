import type { Knex } from 'knex';
import { manyByKey, oneByKey } from '../../sources/keyedLoader';
import type { ResolvedScope } from '../../sources/rowScope';
import * as police from './policeSource';

/**
 * Per-request loaders over the police database, keyed by ID number or household number. Person
 * and household reads carry the request's row scope.
 */
export function createPoliceLoaders(db: Knex, scope: () => Promise<ResolvedScope>) {
  const personByIdNumber = oneByKey('police', async (ns) => police.personsByIdNumber(db, ns, await scope()), (r) => r.id_number);
  return {
    personByIdNumber,
    /** Members of each household; primes `personByIdNumber` so members are not fetched twice. */
    membersByHouseholdNo: manyByKey(
      'police',
      async (ns) => {
        const rows = await police.personsByHouseholdNo(db, ns, await scope());
        for (const row of rows) personByIdNumber.prime(row.id_number, row);
        return rows;
      },
      (r) => r.household_no as string,
    ),
    householdByNo: oneByKey('police', async (ns) => police.householdsByNo(db, ns, await scope()), (r) => r.household_no),
    residenceByIdNumber: oneByKey('police', (ns) => police.residenceByIdNumber(db, ns), (r) => r.id_number),
  };
}

export type PoliceLoaders = ReturnType<typeof createPoliceLoaders>;
