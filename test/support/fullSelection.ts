import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType, isObjectType } from 'graphql';

/**
 * A selection of every field of `type`, following object fields into their types but never into a
 * type already on the path (so Person → household → members stops at Person). Used to ask for
 * every declared field at once in the table-driven policy tests.
 */
export function fullSelection(schema: GraphQLSchema, type: GraphQLObjectType, path: string[] = []): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && !path.includes(named.name)) {
      parts.push(`${field.name} { ${fullSelection(schema, named, [...path, type.name])} }`);
    }
  }
  return parts.join(' ');
}
