import { GraphQLError, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, defaultFieldResolver, getNamedType, isLeafType, responsePathAsArray } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { FieldDeniedError } from '../src/policy/fieldDenied';

/**
 * The change recommended for `src/policy/applyPolicy.ts` (wrapLeaf's DENY branch), emulated here
 * so the benchmark can measure it without editing src/: return an error that is already located
 * (path and nodes set), built with stack capture switched off. graphql-js passes a located
 * GraphQLError through as it is (`locatedError` returns it), so it no longer builds one per denied
 * value with a captured — and, under ts-node's source-map-support, formatted — stack trace.
 */
export function deniedAt(info: GraphQLResolveInfo, original: FieldDeniedError): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(original.message, { nodes: info.fieldNodes, path: responsePathAsArray(info.path), originalError: original });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The served schema with every leaf resolver's FieldDeniedError turned into `deniedAt(...)`. */
export function withLocatedDenials(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config) => {
      if (!isLeafType(getNamedType(config.type))) return config;
      const resolve = (config.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, unknown>;
      return {
        ...config,
        resolve: (source, args, ctx, info) => {
          const value = resolve(source, args, ctx, info);
          return value instanceof FieldDeniedError ? deniedAt(info, value) : value;
        },
      };
    },
  });
}
