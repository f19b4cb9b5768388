import { getNamedType, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { Declaration, Level, Mask, MASKS, Owner, owners } from './declaration';
import { POLICY_DIRECTIVE, RESIDENT_DATA_DIRECTIVE } from './policy.decorators';
import { readSubjectKinds } from './subjects';
import { isValueFormatName, parseRevelation } from './valueFormats';

/** Every declared resident-data field of the schema, keyed `Type.field`. */
export type FieldDeclarations = ReadonlyMap<string, Declaration>;

/** A field reachable from resident data without a complete declaration of its own: the schema must not be served. */
export class UndeclaredFieldError extends Error {
  override name = 'UndeclaredFieldError';
  constructor(readonly fields: string[], readonly unknownOwners: string[] = []) {
    super(unknownOwners.length
      ? `Fields declared with an owner no department module registers (src/departments/registry.ts): ${unknownOwners.join(', ')}`
      : `Fields reachable from resident data without their own policy declaration (@Policy or @Structural): ${fields.join(', ')}`);
  }
}

type DirectiveArgs = Omit<Partial<Declaration>, 'alsoReveals' | 'value' | 'reveals'> & { alsoReveals?: string; value?: string; reveals?: string; structural?: string };

function directiveArgs(schema: GraphQLSchema, node: Parameters<typeof getDirective>[1], name: string): DirectiveArgs | undefined {
  const found = getDirective(schema, node, name);
  return found?.[0] as DirectiveArgs | undefined;
}

/** Whether a type was marked `@residentData`. */
export function isResidentType(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return directiveArgs(schema, type, RESIDENT_DATA_DIRECTIVE) !== undefined;
}

/** Whether a root field's type is resident data (a resident type, or an interface one implements). */
export function returnsResidentData(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  if (isObjectType(type)) return isResidentType(schema, type);
  if (isInterfaceType(type) || isUnionType(type)) return schema.getPossibleTypes(type).some((t) => isResidentType(schema, t));
  return false;
}

function complete(args: DirectiveArgs): Declaration | undefined {
  const { owner, level } = args;
  const mask = args.mask ?? 'NONE';
  if (!owner || !owners().includes(owner as Owner)) return undefined;
  if (!level || ![1, 2, 3, 4].includes(level)) return undefined;
  if (!MASKS.includes(mask as Mask)) return undefined;
  const declaration: Declaration = { owner: owner as Owner, level: level as Level, mask: mask as Mask };
  if (args.alsoReveals !== undefined) {
    const [revealedOwner, revealedLevel] = args.alsoReveals.split(':');
    if (!owners().includes(revealedOwner as Owner) || ![1, 2, 3, 4].includes(Number(revealedLevel))) return undefined;
    declaration.alsoReveals = { owner: revealedOwner as Owner, level: Number(revealedLevel) as Level };
  }
  if (args.value !== undefined) {
    if (!isValueFormatName(args.value)) return undefined;
    declaration.value = args.value;
  }
  if (args.reveals !== undefined) {
    const revelation = parseRevelation(args.reveals);
    if (!revelation) return undefined;
    declaration.reveals = revelation;
  }
  return declaration;
}

/**
 * The object types a caller can reach from the root fields that return resident data, following
 * every field (lists, non-nulls, interfaces and unions included), plus every `@residentData` type.
 */
export function typesReachableFromResidentData(schema: GraphQLSchema): GraphQLObjectType[] {
  const seen = new Map<string, GraphQLObjectType>();
  const visit = (type: GraphQLNamedType): void => {
    const objects = isObjectType(type) ? [type] : isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type) : [];
    for (const object of objects) {
      if (seen.has(object.name)) continue;
      seen.set(object.name, object);
      for (const field of Object.values(object.getFields())) visit(getNamedType(field.type));
    }
  };
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const type = getNamedType(field.type);
    if (returnsResidentData(schema, type)) visit(type);
  }
  for (const type of Object.values(schema.getTypeMap())) if (isObjectType(type) && isResidentType(schema, type)) visit(type);
  return [...seen.values()];
}

/**
 * Reads the declarations from the built schema. Deny by default, for real: every field of every
 * type reachable from resident data must carry its own `@policy` — a complete resident-data
 * declaration (owner, level, optional mask, value format, revelation) or `structural` with a
 * reason — and nothing is inherited from the type. Throws `UndeclaredFieldError` naming every field
 * left without one, so an undeclared field can never be served; then throws
 * `UndeclaredSubjectError` (policy/subjects.ts) naming every type with resident-data declarations
 * that does not say whose data it is (per subject or aggregate). Returns the resident-data
 * declarations (structural fields are served as is and are not in the map).
 */
export function readDeclarations(schema: GraphQLSchema): FieldDeclarations {
  const declarations = new Map<string, Declaration>();
  const missing: string[] = [];
  const unknownOwners: string[] = [];
  const reachable = new Set(typesReachableFromResidentData(schema).map((t) => t.name));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const mustDeclare = reachable.has(type.name);
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const own = directiveArgs(schema, field, POLICY_DIRECTIVE);
      if (!own) {
        if (mustDeclare) missing.push(key);
        continue;
      }
      if (own.structural !== undefined) {
        const hasResidentArgs = own.owner !== undefined || own.level !== undefined || own.mask !== undefined;
        if (!own.structural.trim() || hasResidentArgs) missing.push(key);
        continue;
      }
      const declaration = complete(own);
      if (declaration) declarations.set(key, declaration);
      else missing.push(key);
      if (!declaration && own.owner !== undefined && !owners().includes(own.owner)) unknownOwners.push(`${key} (owner "${own.owner}")`);
    }
  }
  if (missing.length) throw new UndeclaredFieldError(missing.sort(), unknownOwners.sort());
  readSubjectKinds(schema, declarations);
  return declarations;
}
