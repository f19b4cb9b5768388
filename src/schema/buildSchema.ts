import 'reflect-metadata';
import { GraphQLSchema, getNamedType, specifiedDirectives } from 'graphql';
import { buildSchemaSync, NonEmptyArray, PubSub } from 'type-graphql';
import { applyPolicy, RootRules, SubscriptionRules } from '../policy/applyPolicy';
import { FieldDeclarations, readDeclarations, returnsResidentData } from '../policy/declarations';
import { assertNoRecoverableValues } from '../policy/disclosureCheck';
import { POLICY_DIRECTIVES } from '../policy/directives';
import { createPolicyEngine, PolicyEngine } from '../policy/policyEngine';
import { BUILT_IN_DEPARTMENTS, departmentModules } from '../departments/registry';
import { logger } from '../logger';
import { departmentsWithoutPolicy } from '../policy/policyTable';

/** Departments' schema sections first, then the hub's own entry points (the order of the types built). */
function schemaOrder<M extends { kind: string }>(modules: readonly M[]): M[] {
  return [...modules.filter((m) => m.kind !== 'hub'), ...modules.filter((m) => m.kind === 'hub')];
}

/**
 * Every resolver of the unified schema: each registered department module's schema section
 * (src/departments/<name>/parts.ts), departments in registry order, then the hub's own. Read when
 * called, so modules registered through ONEFILE_EXTRA_DEPARTMENTS are included.
 */
export function schemaResolvers(): Resolvers {
  return schemaOrder(departmentModules()).flatMap((m) => [...m.parts().resolvers]) as unknown as Resolvers;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Resolvers = NonEmptyArray<Function>;

/** The resolvers of the built-in modules (what `schema/schema.graphql` shows). */
export const RESOLVERS: Resolvers = schemaOrder(BUILT_IN_DEPARTMENTS).flatMap((m) => [...m.parts().resolvers]) as unknown as Resolvers;

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
 * Subscription fields and who may subscribe (shield denies any other). Subscriptions carry ids
 * and codes only, never resident data: the schema refuses to build a subscription that returns it,
 * because events are not disclosures the access log could record.
 */
export const SUBSCRIPTION_RULES: SubscriptionRules = {
  ticketEvents: 'OWN_DEPARTMENT',
};

/** The fixed root rules and those of the registered modules' sections. */
function rootRulesOfModules(): RootRules {
  return Object.assign({ ...NON_RESIDENT_ROOT_FIELDS }, ...departmentModules().map((m) => m.parts().rootRules ?? {}));
}

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
  return buildSchemaSync({ resolvers: schemaResolvers(), validate: false, nullableByDefault: true, directives: [...specifiedDirectives, ...POLICY_DIRECTIVES], pubSub: NO_TOPICS });
}

/**
 * type-graphql asks for a PubSub as soon as the schema has a subscription, even one that opens its
 * own stream (`@Subscription({ subscribe })`, as every subscription here does: src/events carries
 * the events). Topic-based subscriptions are not used; one declared by mistake fails loudly.
 */
export const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('topic-based subscriptions are not used: publish through src/events');
  },
  subscribe() {
    throw new Error('topic-based subscriptions are not used: give @Subscription a `subscribe` function over src/events');
  },
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
  for (const department of departmentsWithoutPolicy()) {
    logger.warn({ department }, 'department has no policy rows: every field it owns is denied to every role');
  }
  const declarations = readDeclarations(raw);
  assertNoRecoverableValues(raw, declarations);
  const residentRootFields = new Set<string>();
  const rootRules: RootRules = rootRulesOfModules();
  for (const [name, field] of Object.entries(raw.getQueryType()!.getFields())) {
    if (returnsResidentData(raw, getNamedType(field.type))) {
      residentRootFields.add(name);
      rootRules[name] = 'RESIDENT_DATA';
    }
  }
  // Mutations that write resident data pass the same purpose check; who may write is each write's own rule.
  for (const [name, field] of Object.entries(raw.getMutationType()?.getFields() ?? {})) {
    if (returnsResidentData(raw, getNamedType(field.type))) residentRootFields.add(name);
  }
  for (const [name, field] of Object.entries(raw.getSubscriptionType()?.getFields() ?? {})) {
    if (returnsResidentData(raw, getNamedType(field.type))) throw new Error(`subscription ${name} returns resident data: events carry ids and codes only`);
  }
  return { schema: applyPolicy(raw, declarations, rootRules, SUBSCRIPTION_RULES), declarations, engine: createPolicyEngine(declarations), residentRootFields };
}
