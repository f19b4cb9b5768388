import { GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { Declaration, Level, Mask, MASKS, Owner, OWNERS } from './declaration';
import { POLICY_DIRECTIVE, RESIDENT_DATA_DIRECTIVE } from './policy.decorators';

/** Every declared field of the schema, keyed `Type.field`. */
export type FieldDeclarations = ReadonlyMap<string, Declaration>;

/** A resident-data field without a complete declaration: the schema must not be served. */
export class UndeclaredFieldError extends Error {
  override name = 'UndeclaredFieldError';
  constructor(readonly fields: string[]) {
    super(`Resident-data fields without a policy declaration: ${fields.join(', ')}`);
  }
}

function directiveArgs(schema: GraphQLSchema, node: Parameters<typeof getDirective>[1], name: string): DirectiveArgs | undefined {
  const found = getDirective(schema, node, name);
  return found?.[0] as DirectiveArgs | undefined;
}

/** Whether a type was marked `@residentData`. */
export function isResidentType(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return directiveArgs(schema, type, RESIDENT_DATA_DIRECTIVE) !== undefined;
}

type DirectiveArgs = Omit<Partial<Declaration>, 'alsoReveals'> & { alsoReveals?: string };

function complete(partial: DirectiveArgs): Declaration | undefined {
  const { owner, level } = partial;
  const mask = partial.mask ?? 'NONE';
  if (!owner || !OWNERS.includes(owner as Owner)) return undefined;
  if (!level || ![1, 2, 3, 4].includes(level)) return undefined;
  if (!MASKS.includes(mask as Mask)) return undefined;
  const declaration: Declaration = { owner: owner as Owner, level: level as Level, mask: mask as Mask };
  if (partial.alsoReveals !== undefined) {
    const [revealedOwner, revealedLevel] = partial.alsoReveals.split(':');
    if (!OWNERS.includes(revealedOwner as Owner) || ![1, 2, 3, 4].includes(Number(revealedLevel))) return undefined;
    declaration.alsoReveals = { owner: revealedOwner as Owner, level: Number(revealedLevel) as Level };
  }
  return declaration;
}

/**
 * Reads the declarations from the built schema: each field of a `@residentData` type takes its
 * own `@policy` merged over the type's defaults. Throws `UndeclaredFieldError` naming every field
 * left without a complete declaration, so an undeclared field can never be served.
 */
export function readDeclarations(schema: GraphQLSchema): FieldDeclarations {
  const declarations = new Map<string, Declaration>();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const defaults = directiveArgs(schema, type, RESIDENT_DATA_DIRECTIVE);
    for (const field of Object.values(type.getFields())) {
      const own = directiveArgs(schema, field, POLICY_DIRECTIVE);
      if (!defaults && !own) continue;
      const declaration = complete({ ...defaults, ...own });
      if (declaration) declarations.set(`${type.name}.${field.name}`, declaration);
      else missing.push(`${type.name}.${field.name}`);
    }
  }
  if (missing.length) throw new UndeclaredFieldError(missing);
  return declarations;
}
