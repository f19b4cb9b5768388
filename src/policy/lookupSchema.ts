import { getNamedType, GraphQLNamedType, GraphQLSchema, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { IDENTIFIER_ARGUMENTS } from './identifierArguments';

/**
 * What the look-up gate (lookupGate.ts) needs to know about a schema, worked out once per schema
 * and remembered: which fields take an identifier, which root fields are look-ups, and which
 * types lead to a resident's file.
 */

const BY_COORDINATE = new Map(IDENTIFIER_ARGUMENTS.map((a) => [a.coordinate, a]));

/**
 * Names of the fields that take an identifier, directly or inside an input object. An operation
 * that selects none of them (most do not) needs no walk with its variables: a quick scan of the
 * selection names decides, which keeps the gate at a few µs per request (bench/lookupGate.ts).
 */
const lookupFieldNames = new WeakMap<GraphQLSchema, Set<string>>();
export function fieldsTakingIdentifiers(schema: GraphQLSchema): Set<string> {
  let names = lookupFieldNames.get(schema);
  if (names) return names;
  const inputs = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(t) || inputs.has(t.name)) continue;
      const fields = Object.values(t.getFields());
      if (fields.some((f) => BY_COORDINATE.has(`${t.name}.${f.name}`) || inputs.has(getNamedType(f.type).name))) {
        inputs.add(t.name);
        changed = true;
      }
    }
  }
  names = new Set<string>();
  for (const t of Object.values(schema.getTypeMap())) {
    if (!isObjectType(t) && !isInterfaceType(t)) continue;
    for (const f of Object.values(t.getFields())) {
      if (f.args.some((a) => BY_COORDINATE.has(`${t.name}.${f.name}(${a.name}:)`) || inputs.has(getNamedType(a.type).name))) names.add(f.name);
    }
  }
  lookupFieldNames.set(schema, names);
  return names;
}

/** Named types from which a file type (one implementing Node) can be reached through fields. */
const reachingFiles = new WeakMap<GraphQLSchema, Set<string>>();
export function typesReachingFiles(schema: GraphQLSchema): Set<string> {
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
export function lookupRootFields(schema: GraphQLSchema): Set<string> {
  const root = schema.getQueryType()!.name;
  return new Set(IDENTIFIER_ARGUMENTS.filter((a) => a.coordinate.startsWith(`${root}.`) && a.coordinate.includes('(')).map((a) => a.coordinate.slice(root.length + 1, a.coordinate.indexOf('('))));
}
