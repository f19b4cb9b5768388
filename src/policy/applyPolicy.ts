import { defaultFieldResolver, getNamedType, GraphQLFieldResolver, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { applyMiddleware, IMiddlewareFieldMap } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { Owned } from '../audit/disclosureRecorder';
import type { Context } from '../schema/context';
import { FieldDeclarations, isResidentType } from './declarations';
import { FieldDeniedError, RoleRequiredError } from './fieldDenied';
import { applyMask } from './masks';

/** Root fields and who may call them; any root field not listed is denied (shield fallback). */
export type RootRules = Record<string, 'RESIDENT_DATA' | 'AUTHENTICATED' | 'AUDITOR' | 'RESIDENT'>;

/** Shield rule: only this role may call the field (one rule per role, shared by name). */
const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();
function onlyRole(role: 'AUDITOR' | 'RESIDENT') {
  if (!roleRules.has(role)) {
    roleRules.set(role, rule(`only${role}`, { cache: 'contextual' })((_p, _a, ctx: Context) => (ctx.access.principal.role === role ? true : new RoleRequiredError(role))));
  }
  return roleRules.get(role)!;
}

const DENIED = new FieldDeniedError();

/**
 * Shield rule for object-valued resident fields (edges such as `Person.household`): reads the
 * operation's precomputed decision. MASK reaches an edge only when it is declared PRESENCE (a
 * NONE mask was already turned into DENY): the record is shown and its own fields decide.
 */
const declaredEdge = rule('declaredEdge', { cache: 'no_cache' })((parent, _args, ctx: Context, info) => {
  const key = `${info.parentType.name}.${info.fieldName}`;
  const decision = ctx.access.decisions.get(key) ?? 'DENY';
  ctx.audit.recorder.record(parent as Owned, key, decision);
  return decision === 'ALLOW' || decision === 'MASK' ? true : new FieldDeniedError();
});

/** Shield rule for root fields that read resident data: the purpose check must have passed. */
const residentDataEntry = rule('residentDataEntry', { cache: 'no_cache' })((_parent, _args, ctx: Context) =>
  ctx.access.purpose !== null ? true : new FieldDeniedError(),
);

function isLeafField(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
  const type = schema.getType(typeName);
  return isObjectType(type) && isLeafType(getNamedType(type.getFields()[fieldName].type));
}

/**
 * The one permission tree, generated from the declarations:
 *  - root fields: `rootRules` (resident-data entries need a passed purpose check);
 *  - object-valued declared fields: the `declaredEdge` rule;
 *  - reference data (grids, communities, the viewer): allowed;
 *  - everything else: denied (shield's fallback).
 * Declared scalar fields are enforced by `wrapLeaf` below from the same decisions.
 */
function ruleTree(schema: GraphQLSchema, declarations: FieldDeclarations, rootRules: RootRules) {
  const tree: Record<string, Record<string, unknown>> = {};
  const query: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(rootRules)) {
    query[field] = kind === 'RESIDENT_DATA' ? residentDataEntry : kind === 'AUTHENTICATED' ? allow : onlyRole(kind);
  }
  tree.Query = query;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Query') continue;
    const fields: Record<string, unknown> = {};
    for (const field of Object.keys(type.getFields())) {
      const key = `${type.name}.${field}`;
      if (declarations.has(key)) fields[field] = isLeafField(schema, type.name, field) ? allow : declaredEdge;
      else if (!isResidentType(schema, type)) fields[field] = allow;
    }
    tree[type.name] = fields;
  }
  return tree;
}

/**
 * Enforces a declared scalar field synchronously and records the disclosure: ALLOW passes the resolver through untouched,
 * DENY returns a coded error (null on this path only), MASK resolves then masks. No promise is
 * added for allowed fields, which keeps the policy's cost per value near zero (shield's own async
 * wrapping costs ~5× on large lists, see shared/STACK.md).
 */
function wrapLeaf(key: string, mask: Parameters<typeof applyMask>[0], resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return (source, args, ctx, info) => {
    const decision = ctx.access.decisions.get(key) ?? 'DENY';
    ctx.audit.recorder.record(source as Owned, key, decision);
    if (decision === 'ALLOW') return resolve(source, args, ctx, info);
    if (decision !== 'MASK') return DENIED;
    const value = resolve(source, args, ctx, info);
    return value instanceof Promise ? value.then((v) => applyMask(mask, v, source)) : applyMask(mask, value, source);
  };
}

/**
 * Returns the schema with the policy applied: shield middleware on root fields and edges (only
 * those entries of shield's generated map, so plain scalars are not wrapped in promises) and the
 * synchronous leaf wrapper on declared scalar fields. Deny is the fallback everywhere.
 */
export function applyPolicy(schema: GraphQLSchema, declarations: FieldDeclarations, rootRules: RootRules): GraphQLSchema {
  const leaves = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const key = `${typeName}.${fieldName}`;
      const declaration = declarations.get(key);
      if (!declaration || !isLeafField(schema, typeName, fieldName)) return config;
      return { ...config, resolve: wrapLeaf(key, declaration.mask, (config.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>) };
    },
  });
  const generated = shield(ruleTree(leaves, declarations, rootRules) as never, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new FieldDeniedError(),
  }).generate(leaves) as IMiddlewareFieldMap;
  const edgesOnly: IMiddlewareFieldMap = {};
  for (const [typeName, fields] of Object.entries(generated)) {
    const kept: Record<string, unknown> = {};
    for (const [fieldName, middleware] of Object.entries(fields as Record<string, unknown>)) {
      const leafDeclared = declarations.has(`${typeName}.${fieldName}`) && isLeafField(leaves, typeName, fieldName);
      const reference = !isResidentType(leaves, leaves.getType(typeName) as never) && typeName !== 'Query' && isLeafField(leaves, typeName, fieldName);
      if (!leafDeclared && !reference) kept[fieldName] = middleware;
    }
    edgesOnly[typeName] = kept as never;
  }
  return applyMiddleware(leaves, edgesOnly);
}
