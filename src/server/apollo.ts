import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { auditPlugin } from '../audit/auditPlugin';
import type { AuditStore } from '../audit/auditStore';
import { purposeCheckPlugin } from '../policy/purposeCheck';
import { randomBytes } from 'node:crypto';
import type { ServedSchema } from '../schema/buildSchema';
import type { Context } from '../schema/context';
import { formatError } from './formatError';
import { reportPlugin } from './reportPlugin';

/**
 * The Apollo Server for the policed schema: the purpose check on resident-data operations, the
 * access log written before each response leaves, query limits from graphql-armor (depth, cost,
 * aliases, directives), no stack traces in responses, and coded errors only.
 *
 * Apollo's built-in reporting and cache-control plugins are switched off explicitly: usage and
 * schema reporting or inline traces would send operation details to a third party if an
 * APOLLO_KEY ever appeared in the environment, and cache-control hints are meaningless for
 * responses that must never be cached — while its per-field hook made Apollo wrap every
 * resolver of every response (~1.5% of the hub's CPU in bench/SEARCH.md's profile).
 */
export interface AccessLogPrivacyOptions {
  /** Key of the access log's document fingerprints; default: a random one for this process only. */
  documentKey?: Buffer;
  /** The case-number format; default DEFAULT_CASE_NUMBER_PATTERN. */
  caseNumberPattern?: RegExp;
}

export function createApolloServer(served: ServedSchema, auditStore: AuditStore, privacy: AccessLogPrivacyOptions = {}): ApolloServer<Context> {
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
    schema: served.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: true,
    // One shutdown path, the hub's own (src/server/shutdown.ts): Apollo's handlers stopped it while
    // kept-alive connections still sent requests (HTTP 500s), and its second stop() never resolved.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...protection.plugins,
      purposeCheckPlugin(served.engine, served.residentRootFields, { caseNumberPattern: privacy.caseNumberPattern }),
      auditPlugin(auditStore, privacy.documentKey ?? randomBytes(32)),
      reportPlugin(),
    ],
    validationRules: [...protection.validationRules],
  });
}
