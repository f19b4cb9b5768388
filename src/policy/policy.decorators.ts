import { Directive } from 'type-graphql';
import { Declaration, Level, Mask, Owner } from './declaration';

/** Name of the field directive that carries a declaration into the schema. */
export const POLICY_DIRECTIVE = 'policy';
/** Name of the type directive that marks a type as resident data (every field must be declared). */
export const RESIDENT_DATA_DIRECTIVE = 'residentData';

function args(d: Partial<Declaration>): string {
  const parts: string[] = [];
  if (d.owner) parts.push(`owner: "${d.owner}"`);
  if (d.level) parts.push(`level: ${d.level}`);
  if (d.mask) parts.push(`mask: "${d.mask}"`);
  if (d.alsoReveals) parts.push(`alsoReveals: "${d.alsoReveals.owner}:${d.alsoReveals.level}"`);
  return parts.length ? `(${parts.join(', ')})` : '';
}

/**
 * Declares a resident-data field's owner, level and mask, next to the field's own definition.
 * Lands in the schema as `@policy(...)`; the access matrix, the enforcement and the access log's
 * field list are all derived from it.
 */
export function Policy(owner: Owner, level: Level, mask: Mask = 'NONE', alsoReveals?: Declaration['alsoReveals']): MethodDecorator & PropertyDecorator {
  return Directive(`@${POLICY_DIRECTIVE}${args({ owner, level, mask, alsoReveals })}`) as MethodDecorator & PropertyDecorator;
}

/**
 * Marks an object type as resident data: the schema refuses to build unless each of its fields
 * has a declaration, either its own `@Policy` or the defaults given here.
 */
export function ResidentData(defaults: Partial<Declaration> = {}): ClassDecorator {
  return Directive(`@${RESIDENT_DATA_DIRECTIVE}${args(defaults)}`) as ClassDecorator;
}
