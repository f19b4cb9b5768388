import { policeTables } from '../../../seeds/tables/police';
import { AddressResolver, GridResolver } from '../../schema/address/address.resolver';
import { HouseholdResolver } from '../../schema/household/household.resolver';
import { PersonResolver } from '../../schema/person/person.resolver';
import { createPoliceLoaders, PoliceLoaders } from '../../sources/police/policeLoaders';
import type { DepartmentParts } from '../module';

/** The police module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<PoliceLoaders> = {
  resolvers: [PersonResolver, HouseholdResolver, AddressResolver, GridResolver],
  createLoaders: ({ dbs, resolveScope }) => createPoliceLoaders(dbs.police, resolveScope),
  seedTables: policeTables,
};
