import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync, NonEmptyArray } from 'type-graphql';
import { AddressResolver, GridResolver } from './address/address.resolver';
import { CivilAffairsResolver, PersonCivilAffairsResolver } from './civil/civilAffairs.resolver';
import { HealthSectionResolver, PersonHealthResolver } from './health/health.resolver';
import { HouseholdResolver } from './household/household.resolver';
import { PersonResolver } from './person/person.resolver';

/** Every resolver of the unified schema. A new department adds its block's resolvers here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  PersonResolver,
  HouseholdResolver,
  AddressResolver,
  GridResolver,
  PersonCivilAffairsResolver,
  CivilAffairsResolver,
  PersonHealthResolver,
  HealthSectionResolver,
];

/** Builds the unified schema from the type-graphql classes. Pure: no database needed. */
export function buildOneFileSchema(): GraphQLSchema {
  return buildSchemaSync({ resolvers: RESOLVERS, validate: false });
}
