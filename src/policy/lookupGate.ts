import {
  DocumentNode, getArgumentValues, getNamedType, getVariableValues, GraphQLInputType, GraphQLNamedType, GraphQLSchema, isInputObjectType,
  isInterfaceType, isListType, isNonNullType, isObjectType, isUnionType, Kind, OperationDefinitionNode, TypeInfo, visit, visitWithTypeInfo,
} from 'graphql';
import { LOOKUP_ONLY_PURPOSES } from '../auth/vocabulary';
import { RefusedError } from '../errors';
import type { Access } from './access';
import { IDENTIFIER_ARGUMENTS, IdentifierArgument } from './identifierArguments';

const BY_COORDINATE = new Map(IDENTIFIER_ARGUMENTS.map((a) => [a.coordinate, a]));
const WHAT: Record<IdentifierArgument['kind'], string> = { ID_NUMBER: 'a full ID number', PHONE: 'a full phone number' };

/** Registered identifier input fields present (not null) in a coerced input value. */
function inputLookups(type: GraphQLInputType, value: unknown, path: string, out: Array<{ lookup: IdentifierArgument; argument: string }>): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return inputLookups(type.ofType, value, path, out);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const item of value) inputLookups(type.ofType, item, path, out);
    return;
  }
  if (!isInputObjectType(type) || typeof value !== 'object') return;
  for (const field of Object.values(type.getFields())) {
    const fieldValue = (value as Record<string, unknown>)[field.name];
    if (fieldValue === null || fieldValue === undefined) continue;
    const lookup = BY_COORDINATE.get(`${type.name}.${field.name}`);
    if (lookup) out.push({ lookup, argument: `${path}.${field.name}` });
    inputLookups(field.type, fieldValue, `${path}.${field.name}`, out);
  }
}

/** Named types from which a file type (one implementing Node) can be reached through fields. */
const reachingFiles = new WeakMap<GraphQLSchema, Set<string>>();
function typesReachingFiles(schema: GraphQLSchema): Set<string> {
  let found = reachingFiles.get(schema);
  if (found) return found;
  found = new Set<string>();
  const node = schema.getType('Node');
  if (node && isInterfaceType(node)) {
    found.add(node.name);
    for (const t of schema.getPossibleTypes(node)) found.add(t.name);
  }
  const next = (t: GraphQLNamedType): string[] => {
    if (isObjectType(t) || isInterfaceType(t)) return Object.values(t.getFields()).map((f) => getNamedType(f.type).name);
    if (isUnionType(t)) return t.getTypes().map((m) => m.name);
    return [];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of Object.values(schema.getTypeMap())) {
      if (found.has(t.name) || t.name.startsWith('__')) continue;
      if (next(t).some((n) => found!.has(n))) {
        found.add(t.name);
        changed = true;
      }
    }
  }
  reachingFiles.set(schema, found);
  return found;
}

/** Root fields that take an identifier argument directly (what a lookup-only purpose may call). */
function lookupRootFields(schema: GraphQLSchema): Set<string> {
  const root = schema.getQueryType()!.name;
  return new Set(IDENTIFIER_ARGUMENTS.filter((a) => a.coordinate.startsWith(`${root}.`) && a.coordinate.includes('(')).map((a) => a.coordinate.slice(root.length + 1, a.coordinate.indexOf('('))));
}

/**
 * The pre-execution check of look-ups by identifier (issue 11, "no lookup oracles"). Walks the
 * operation (through fragments and under every alias) with its variables and refuses the whole
 * request, before anything is read, when:
 *  - it looks residents up by a full identifier (IDENTIFIER_ARGUMENTS) the caller may not read in
 *    full for the declared purpose — the request's decision for that field is not ALLOW:
 *    FILTER_NOT_PERMITTED, once for the request however many aliases ask;
 *  - the purpose is lookup-only (ID_VERIFICATION) and the operation does anything but such a
 *    look-up, or follows a link from the looked-up person to any field that leads to another
 *    file: PURPOSE_NOT_APPLICABLE.
 * Variables that cannot be coerced are left to execution, which then runs no resolver.
 * `access.purpose` and `access.decisions` must already be set.
 */
export function checkLookups(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, access: Access): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const variableValues = 'coerced' in coerced && coerced.coerced ? coerced.coerced : null;
  const lookupOnly = access.purpose !== null && LOOKUP_ONLY_PURPOSES.has(access.purpose);
  const roots = lookupOnly ? lookupRootFields(schema) : new Set<string>();
  const fileTypes = lookupOnly ? typesReachingFiles(schema) : new Set<string>();
  const rootType = schema.getQueryType()!;
  const used: Array<{ lookup: IdentifierArgument; argument: string }> = [];
  let notApplicable = false;

  const typeInfo = new TypeInfo(schema);
  const definitions = [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !def) return;
        if (lookupOnly && node.name.value !== '__typename') {
          if (parent === rootType ? !roots.has(def.name) : fileTypes.has(getNamedType(def.type).name)) notApplicable = true;
        }
        if (!def.args.length || !variableValues) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, variableValues);
        } catch {
          return; // execution refuses this field's arguments the same way; no resolver runs
        }
        for (const arg of def.args) {
          const value = values[arg.name];
          if (value === null || value === undefined) continue;
          const lookup = BY_COORDINATE.get(`${parent.name}.${def.name}(${arg.name}:)`);
          if (lookup) used.push({ lookup, argument: arg.name });
          inputLookups(arg.type, value, arg.name, used);
        }
      },
    }),
  );

  if (notApplicable) {
    throw new RefusedError('PURPOSE_NOT_APPLICABLE', `${access.purpose} covers a look-up by ID number and the looked-up person's own fields only.`, 403);
  }
  const refused = used.find(({ lookup }) => access.decisions.get(lookup.field) !== 'ALLOW');
  if (refused) {
    throw new RefusedError('FILTER_NOT_PERMITTED', `Your role may not look residents up by ${WHAT[refused.lookup.kind]} for the declared purpose.`, 403, {
      argument: refused.argument,
    });
  }
}
