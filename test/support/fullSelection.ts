import { DEFAULT_LIMITS } from '../../src/limits/limitSettings';
import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType, isObjectType } from 'graphql';

/**
 * A selection of every field of `type`, following object fields into their types but never into a
 * type already on the path (so Person → household → members stops at Person), and no deeper than
 * the served depth limit allows below one root field (`levels`: the levels left for this
 * selection). Used to ask for every declared field at once in the table-driven policy tests; a type
 * cut off at depth is still asked for at a shallower path.
 */
export function fullSelection(schema: GraphQLSchema, type: GraphQLObjectType, path: string[] = [], levels = DEFAULT_LIMITS.query.maxDepth - 1): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && !path.includes(named.name) && levels > 1) {
      parts.push(`${field.name} { ${fullSelection(schema, named, [...path, type.name], levels - 1)} }`);
    }
  }
  return parts.join(' ');
}
