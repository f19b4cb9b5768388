import { policeCheckEvaluators } from './checkEvaluators';
import { policeTables } from '../../../seeds/tables/police';
import { AddressResolver, GridResolver } from './address.resolver';
import { HouseholdResolver } from './household.resolver';
import { PersonResolver } from './person.resolver';
import { createPoliceLoaders, PoliceLoaders } from './policeLoaders';
import type { DepartmentParts } from '../module';

/** The police module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<PoliceLoaders> = {
  checkEvaluators: policeCheckEvaluators,
  resolvers: [PersonResolver, HouseholdResolver, AddressResolver, GridResolver],
  createLoaders: ({ dbs, resolveScope }) => createPoliceLoaders(dbs.police, resolveScope),
  seedTables: policeTables,
  claimFacts: async (loaders, id, needed) => (needed.has('residence') ? { residence: await loaders.residenceByIdNumber.load(id) } : {}),
};
