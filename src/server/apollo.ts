import { ApolloServer } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import type { Context } from '../schema/context';
import { formatError } from './formatError';

/**
 * The Apollo Server for the unified schema, with query limits from graphql-armor (depth, cost,
 * aliases, directives), no stack traces in responses, and coded errors only.
 */
export function createApolloServer(schema: GraphQLSchema): ApolloServer<Context> {
  const armor = new ApolloArmor({
    maxDepth: { n: 10, exposeLimits: false },
    maxAliases: { n: 30, allowList: [], exposeLimits: false },
    costLimit: { maxCost: 20000, exposeLimits: false },
    // armor's token limit throws from a request hook, which Apollo answers with HTTP 500; the HTTP
    // layer caps the document length instead (see MAX_QUERY_CHARS).
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  return new ApolloServer<Context>({
    ...protection,
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: true,
    plugins: [...protection.plugins],
    validationRules: [...protection.validationRules],
  });
}
