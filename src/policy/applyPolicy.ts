import {
  defaultFieldResolver, getNamedType, GraphQLError, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isLeafType, isObjectType,
  responsePathAsArray,
} from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { applyMiddleware, IMiddlewareFieldMap } from 'graphql-middleware';
import { allow, deny, shield } from 'graphql-shield';
import { RecordSubject, registerFieldDepartment } from '../audit/disclosureRecorder';
import { DeadlineExceededError } from '../errors';
import type { Context } from '../schema/context';
import type { Declaration } from './declaration';
import type { FieldDeclarations } from './declarations';
import { recordDecision, recordFailure, recordSection } from './disclosureLog';
import { gateSubscribe, onlyRole, residentDataEntry, RootRules, shieldFallbackError, SubscriptionRules } from './rootGates';

export { shieldFallbackError } from './rootGates';
export type { RootRules, SubscriptionRules } from './rootGates';
import { FieldDeniedError } from './fieldDenied';
import { applyMask } from './masks';
import type { SubjectKind } from './policy.decorators';
import { readSubjectKinds, subjectIdOf, unattributedAt } from './subjects';

const DENIED = new FieldDeniedError();

/**
 * The error a denied value resolves to, already located (path and nodes set) so graphql-js uses it
 * as is, and built without capturing a stack: a list of 500 people can deny thousands of values,
 * and a stack per value made denial ~20× dearer than the field itself (bench/RESULTS.md).
 */
function deniedAt(info: GraphQLResolveInfo): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(DENIED.message, { nodes: info.fieldNodes, path: responsePathAsArray(info.path), originalError: DENIED });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function isLeafField(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
  const type = schema.getType(typeName);
  return isObjectType(type) && isLeafType(getNamedType(type.getFields()[fieldName].type));
}

/** The error a field answers once the request's deadline has passed, located like a denial. */
function deadlineAt(info: GraphQLResolveInfo): GraphQLError {
  const err = new DeadlineExceededError();
  return new GraphQLError(err.message, { nodes: info.fieldNodes, path: responsePathAsArray(info.path), originalError: err });
}

/**
 * Enforces one declared field from the operation's precomputed decision and records the
 * disclosure for the access log. ALLOW passes the resolver through (a synchronous value untouched);
 * DENY returns a located FIELD_DENIED error (null on this path only); MASK on a scalar resolves
 * then masks, and on an object (declared PRESENCE) passes the record through so its own fields
 * decide. Synchronous on purpose: graphql-shield's per-field async middleware costs ~5× on large
 * lists (bench/policy.ts measures it), so shield keeps the root gate and the fallback, and the per-field work
 * is one map lookup.
 *
 * Attribution fails closed (policy/subjects.ts): a field of a PER_SUBJECT type is recorded under
 * its object's `subjectId`, and on an object without one it answers UNATTRIBUTED_DISCLOSURE
 * before its resolver runs — nothing is read, disclosed or silently left out of the record. A
 * field of an AGGREGATE type is recorded with no subject (about no single resident).
 *
 * The record tells the truth about failures: a value whose resolver rejects (its source failed,
 * timed out or has its circuit open) is recorded FAILED, not disclosed; once the request is past
 * its deadline no further field is resolved (DEADLINE_EXCEEDED, recorded FAILED); an object
 * resolved without a source call (a section) is noted so it counts as disclosed only if its
 * department returned something under it.
 */
function enforceField(key: string, { owner, mask, value: format }: Declaration, subjects: SubjectKind, leaf: boolean, resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return (source, args, ctx, info) => {
    let subject: RecordSubject | null = null;
    if (subjects === 'PER_SUBJECT') {
      if (subjectIdOf(source) === null) return unattributedAt(info);
      subject = source as RecordSubject;
    }
    const decision = ctx.access.decisions.get(key) ?? 'DENY';
    const audit = ctx.audit;
    recordDecision(audit, subject, key, decision);
    if (decision === 'DENY') return deniedAt(info);
    if (ctx.lifetime?.expired) {
      recordFailure(audit, subject, key, owner);
      return deadlineAt(info);
    }
    const value = resolve(source, args, ctx, info);
    if (value instanceof Promise) {
      const watched = value.then(undefined, (err: unknown) => {
        recordFailure(audit, subject, key, owner);
        throw err;
      });
      return decision === 'ALLOW' || !leaf ? watched : watched.then((v) => applyMask(mask, v, source, format));
    }
    if (!leaf && value != null) recordSection(audit, subject, key, owner);
    return decision === 'ALLOW' || !leaf ? value : applyMask(mask, value, source, format);
  };
}

/**
 * The one permission tree, generated from the declarations and the policy table:
 *  - graphql-shield gates the root fields (`rootRules`: resident-data entries need a passed purpose
 *    check, the access log needs its role) and denies any root field not listed (its fallback);
 *  - every subscription field opens its stream only past its rule (`subscriptionRules`, gateSubscribe:
 *    a department's events need a role of that department); a field with no rule is denied;
 *  - every declared field of a resident-data type is enforced by `enforceField` from the same
 *    precomputed decisions, deny by default, and recorded under the resident its type says it is
 *    about (per subject, refused without one) or under none (aggregate); a resident-data field without a declaration never
 *    reaches here because the schema refuses to build (policy/declarations.ts);
 *  - reference data (grids, communities, the viewer) is not resident data and is served as is.
 */
export function applyPolicy(schema: GraphQLSchema, declarations: FieldDeclarations, rootRules: RootRules, subscriptionRules: SubscriptionRules = {}): GraphQLSchema {
  const subscriptionType = schema.getSubscriptionType()?.name;
  const subjectKinds = readSubjectKinds(schema, declarations);
  const enforced = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      if (typeName === subscriptionType) return { ...config, subscribe: gateSubscribe(subscriptionRules[fieldName], config.subscribe as GraphQLFieldResolver<unknown, Context>) };
      const key = `${typeName}.${fieldName}`;
      const declaration = declarations.get(key);
      if (!declaration) return config;
      const resolve = (config.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
      registerFieldDepartment(key, declaration.owner);
      return { ...config, resolve: enforceField(key, declaration, subjectKinds.get(typeName)!, isLeafField(schema, typeName, fieldName), resolve) };
    },
  });
  const query: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(rootRules)) {
    query[field] = kind === 'RESIDENT_DATA' ? residentDataEntry : kind === 'AUTHENTICATED' ? allow : onlyRole(kind);
  }
  const generated = shield({ Query: query } as never, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: shieldFallbackError,
  }).generate(enforced) as IMiddlewareFieldMap;
  // Shield generates middleware for every field of every type (its fallback); only the root gate is
  // applied, so resident fields are not each turned into a promise.
  return applyMiddleware(enforced, { Query: generated.Query } as IMiddlewareFieldMap);
}

