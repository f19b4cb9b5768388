import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { auditPlugin } from '../audit/auditPlugin';
import { departmentModules } from '../departments/registry';
import type { AuditStore } from '../audit/auditStore';
import { armorProtection } from '../limits/armor';
import type { LimitSettings } from '../limits/limitSettings';
import type { PrincipalBudgets } from '../limits/principalBudgets';
import { queryLimitsPlugin } from '../limits/queryLimitsPlugin';
import { rateLimitPlugin } from '../limits/rateLimitPlugin';
import { purposeCheckPlugin } from '../policy/purposeCheck';
import { randomBytes } from 'node:crypto';
import type { ServedSchema } from '../schema/buildSchema';
import type { Context } from '../schema/context';
import { formatError } from './formatError';
import { reportPlugin } from './reportPlugin';
import { introspectionPolicyPlugin } from './introspectionPolicy';
import type { IntrospectionPolicy } from '../startup/mode';

/** What differs between development and production (NODE_ENV=production) in the GraphQL server. */
export interface ApolloModeOptions {
  /** Production: no landing page or IDE at all (Apollo's loads script from a CDN). */
  production?: boolean;
  /** Who may introspect (introspectionPolicy.ts); default `all`, production default `admin`. */
  introspection?: IntrospectionPolicy;
}

/**
 * The Apollo Server for the policed schema: the purpose check on resident-data operations, the
 * access log written before each response leaves, query limits (graphql-armor's depth, aliases and
 * directives; tokens; cost and files computed with variables; see src/limits), per-principal rate
 * limits, no stack traces in responses, and coded errors only.
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

export function createApolloServer(
  served: ServedSchema,
  auditStore: AuditStore,
  limits: LimitSettings,
  budgets: PrincipalBudgets,
  privacy: AccessLogPrivacyOptions = {},
  mode: ApolloModeOptions = {},
): ApolloServer<Context> {
  const protection = armorProtection(limits.query);
  return new ApolloServer<Context>({
    ...protection,
    schema: served.schema,
    formatError,
    parseOptions: { maxTokens: limits.query.maxTokens },
    // A bearer token is required on every GraphQL request, and a browser must preflight a request
    // that carries one, so its presence is proof enough against CSRF (as Apollo's own headers are);
    // GET queries from standard clients (urql) then work.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
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
      ...(mode.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      introspectionPolicyPlugin(mode.introspection ?? (mode.production ? 'admin' : 'all')),
      ...protection.plugins,
      // Order matters: the limits, then the purpose check, then the rate limits (see each plugin).
      queryLimitsPlugin(served.schema, limits.query, served.residentRootFields),
      purposeCheckPlugin(served.engine, served.residentRootFields, { caseNumberPattern: privacy.caseNumberPattern }),
      // The department modules' own request checks (e.g. the street office's ticket binding).
      ...departmentModules().flatMap((m) => m.parts().requestPlugins?.() ?? []),
      rateLimitPlugin(budgets),
      auditPlugin(auditStore, privacy.documentKey ?? randomBytes(32)),
      reportPlugin(),
    ],
    validationRules: [...protection.validationRules],
  });
}
