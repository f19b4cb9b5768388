import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType, isListType, isNonNullType, GraphQLOutputType } from 'graphql';
import type { Decision, Declaration } from '../../src/policy/declaration';
import { applyMask } from '../../src/policy/masks';

export interface Mismatch {
  path: string;
  decision: Decision;
  expected: unknown;
  received: unknown;
}

type Errors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }>;

function unwrap(type: GraphQLOutputType): { list: boolean; named: ReturnType<typeof getNamedType> } {
  let t = type;
  if (isNonNullType(t)) t = t.ofType;
  return { list: isListType(t), named: getNamedType(t) };
}

/**
 * Walks a policed response against the unpoliced ("raw") response of the same query and checks
 * every declared field: ALLOW equals the raw value, MASK equals the masked raw value (for PRESENCE
 * objects: present exactly when the raw one is), DENY is null with a FIELD_DENIED error on exactly
 * that path. Returns every mismatch (an empty list means the response matches the matrix).
 */
export function compareWithOracle(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  raw: Record<string, unknown>,
  policed: Record<string, unknown> | null,
  errors: Errors,
  decisionOf: (key: string) => Decision,
  declarations: ReadonlyMap<string, Declaration>,
  path: Array<string | number>,
  out: Mismatch[] = [],
): Mismatch[] {
  const deniedPaths = new Set(errors.filter((e) => e.extensions?.code === 'FIELD_DENIED').map((e) => (e.path ?? []).join('.')));
  for (const [name, rawValue] of Object.entries(raw)) {
    const field = type.getFields()[name];
    const key = `${type.name}.${name}`;
    const declaration = declarations.get(key);
    const fieldPath = [...path, name];
    const value = policed?.[name];
    const decision: Decision = declaration ? decisionOf(key) : 'ALLOW';
    const { list, named } = unwrap(field.type);
    const mismatch = (expected: unknown) => out.push({ path: fieldPath.join('.'), decision, expected, received: value });
    if (decision === 'DENY') {
      if (value !== null || !deniedPaths.has(fieldPath.join('.'))) mismatch('null + FIELD_DENIED');
      continue;
    }
    if (isLeafType(named)) {
      const expected = decision === 'MASK' ? (list ? (rawValue as unknown[] | null)?.map((v) => applyMask(declaration!.mask, v, null, declaration!.value)) : applyMask(declaration!.mask, rawValue, { roomNumber: raw.room }, declaration!.value)) : rawValue;
      if (JSON.stringify(expected) !== JSON.stringify(value)) mismatch(expected);
      continue;
    }
    if (rawValue === null || rawValue === undefined) {
      if (value !== null && value !== undefined) mismatch(null);
      continue;
    }
    if (value === null || value === undefined) {
      mismatch('an object');
      continue;
    }
    if (list) {
      const rawItems = rawValue as Record<string, unknown>[];
      const items = value as Record<string, unknown>[];
      if (rawItems.length !== items.length) mismatch(`${rawItems.length} items`);
      rawItems.forEach((item, i) => compareWithOracle(schema, named as GraphQLObjectType, item, items[i] ?? null, errors, decisionOf, declarations, [...fieldPath, i], out));
    } else {
      compareWithOracle(schema, named as GraphQLObjectType, rawValue as Record<string, unknown>, value as Record<string, unknown>, errors, decisionOf, declarations, fieldPath, out);
    }
  }
  return out;
}
