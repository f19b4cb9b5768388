import 'reflect-metadata';
import { GraphQLSchema, getNamedType, specifiedDirectives } from 'graphql';
import { buildSchemaSync, NonEmptyArray } from 'type-graphql';
import { applyPolicy, RootRules } from '../policy/applyPolicy';
import { FieldDeclarations, readDeclarations, returnsResidentData } from '../policy/declarations';
import { assertNoRecoverableValues } from '../policy/disclosureCheck';
import { POLICY_DIRECTIVES } from '../policy/directives';
import { createPolicyEngine, PolicyEngine } from '../policy/policyEngine';
import { AddressResolver, GridResolver } from './address/address.resolver';
import { CivilAffairsResolver, PersonCivilAffairsResolver } from './civil/civilAffairs.resolver';
import { HealthSectionResolver, PersonHealthResolver } from './health/health.resolver';
import { HouseholdResolver } from './household/household.resolver';
import { PersonResolver } from './person/person.resolver';
import { AccessLogResolver } from './audit/accessLog.resolver';
import { AccessLogChainResolver } from './audit/chain.resolver';
import { NodeResolver } from './node/node.resolver';
import { ViewerResolver } from './viewer/viewer.resolver';
import { SearchResolver } from './search/search.resolver';
import { HouseholdTagsEdgeResolver, HouseholdTagsResolver, PersonTagsEdgeResolver, PersonTagsResolver } from './tags/tags.resolver';

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
  ViewerResolver,
  NodeResolver,
  SearchResolver,
  PersonTagsEdgeResolver,
  PersonTagsResolver,
  HouseholdTagsEdgeResolver,
  HouseholdTagsResolver,
  AccessLogResolver,
  AccessLogChainResolver,
];

/**
 * Root fields that do not return resident data, and who may call them. Root fields returning a
 * resident-data type are gated by the purpose check automatically; any other root field must be
 * listed here, or shield's fallback denies it.
 */
export const NON_RESIDENT_ROOT_FIELDS: RootRules = {
  viewer: 'AUTHENTICATED',
  accessLog: 'AUDITOR',
  accessLogSummary: 'AUDITOR',
  accessAnomalies: 'AUDITOR',
  accessLogChain: 'AUDITOR',
  verifyAccessLog: 'AUDITOR',
  myAccessLog: 'RESIDENT',
};

/**
 * Builds the unified schema from the type-graphql classes, without policy enforcement: what
 * `schema/schema.graphql` shows, with the `@policy` declarations. Pure: no database needed.
 * Fields are nullable unless marked otherwise, so one denial blanks one field. The standard
 * directives (`@include`, `@skip`, `@deprecated`, `@specifiedBy`, `@oneOf`) are passed along with the
 * policy's: type-graphql's `directives` option replaces them otherwise. They cannot change a
 * decision: `@include`/`@skip` only choose which fields run, and every field that runs is decided
 * and recorded as usual.
 */
export function buildOneFileSchema(): GraphQLSchema {
  return buildSchemaSync({ resolvers: RESOLVERS, validate: false, nullableByDefault: true, directives: [...specifiedDirectives, ...POLICY_DIRECTIVES] });
}

export interface ServedSchema {
  /** The schema with the policy applied: what the server executes. */
  schema: GraphQLSchema;
  declarations: FieldDeclarations;
  engine: PolicyEngine;
  /** Root fields that read resident data and so need a declared, granted purpose. */
  residentRootFields: ReadonlySet<string>;
}

/**
 * Builds the schema the server runs: reads every field's declaration (refusing to build if a field
 * reachable from resident data lacks its own), refuses a policy table that lets a masked or denied
 * identifier be recovered from what the same role and purpose may read (policy/disclosureCheck.ts),
 * precomputes the policy table and applies it.
 */
export function buildServedSchema(): ServedSchema {
  const raw = buildOneFileSchema();
  const declarations = readDeclarations(raw);
  assertNoRecoverableValues(raw, declarations);
  const residentRootFields = new Set<string>();
  const rootRules: RootRules = { ...NON_RESIDENT_ROOT_FIELDS };
  for (const [name, field] of Object.entries(raw.getQueryType()!.getFields())) {
    if (returnsResidentData(raw, getNamedType(field.type))) {
      residentRootFields.add(name);
      rootRules[name] = 'RESIDENT_DATA';
    }
  }
  return { schema: applyPolicy(raw, declarations, rootRules), declarations, engine: createPolicyEngine(declarations), residentRootFields };
}
