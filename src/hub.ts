import { AuthSettings, createAuthenticator } from './auth/authenticate';
import { AuditStore } from './audit/auditStore';
import { LimitSettings, loadLimitSettings } from './limits/limitSettings';
import { PrincipalBudgets } from './limits/principalBudgets';
import type { DatabaseName, OperationsConfig } from './config';
import type { IntrospectionPolicy } from './startup/mode';
import type { Databases } from './db/databases';
import { watchPools } from './db/poolMetrics';
import { identityModule } from './departments/registry';
import { createEventBus } from './events/createEventBus';
import { EventSettings, loadEventSettings } from './events/eventSettings';
import { processTicketEvents, TicketEvents, useProcessTicketEvents } from './events/ticketEvents';
import { buildServedSchema } from './schema/buildSchema';
import { AccessLogPrivacyOptions, createApolloServer } from './server/apollo';
import { HttpHub, startHttpServer } from './server/httpServer';
import { ConsoleOptions, consoleRoutes } from './server/consoleRoutes';
import { sourceHealthOf } from './sources/sourceHealth';
import { feedSourceMetrics } from './sources/sourceMetrics';

export interface HubOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  auth: AuthSettings;
  /**
   * The access log's checkpoint signer (a child process under `npm start`; absent when it runs as a
   * service of its own, AUDIT_SIGNER=external). The hub only asks it for a final checkpoint on close.
   */
  signer?: { finalCheckpoint(): Promise<unknown> };
  /** Document-fingerprint key and case-number format (defaults: a per-process key, the default format). */
  accessLogPrivacy?: AccessLogPrivacyOptions;
  /** Load shedding and /metrics access (defaults: 64 in flight, ADMIN tokens only). */
  operations?: Partial<Pick<OperationsConfig, 'maxInFlight' | 'metricsToken'>>;
  /** Query, body and rate limits; unset: read from the environment (src/limits/limitSettings.ts). */
  limits?: LimitSettings;
  /** NODE_ENV=production: no landing page; introspection ADMIN-only unless `introspection` says off. */
  production?: boolean;
  introspection?: IntrospectionPolicy;
  /** The browser console at `/` and development sign-in (omitted: API only). */
  console?: ConsoleOptions;
  /** Ticket events' bus (REDIS_URL: shared by replicas) and WebSocket limits; unset: read from the environment. */
  events?: EventSettings;
}

/** The running hub: HTTP and WebSocket, and its ticket events (publish through them after a committed ticket write). */
export interface RunningHub extends HttpHub {
  ticketEvents: TicketEvents;
}

/**
 * Starts the OneFile hub over already-migrated databases: builds the policed schema (refusing to
 * start if a resident-data field is undeclared) and serves it over HTTP. Resolves once listening.
 */
export async function startHub(dbs: Databases, options: HubOptions): Promise<RunningHub> {
  const limits = options.limits ?? loadLimitSettings();
  const served = buildServedSchema();
  const auditStore = new AuditStore(dbs.hub);
  // The serving pools' circuits (issue 13): their state in /readyz and, with call latency and timeouts, in /metrics.
  const sources = sourceHealthOf(dbs.hub);
  const budgets = await PrincipalBudgets.create(limits.rate);
  const eventSettings = options.events ?? loadEventSettings();
  const ticketEvents = new TicketEvents(await createEventBus(eventSettings));
  // One hub per process in production: publishTicketEvent(event) reaches it without being handed it.
  if (!processTicketEvents()) useProcessTicketEvents(ticketEvents);
  const apollo = createApolloServer(served, auditStore, limits, budgets, options.accessLogPrivacy, {
    production: options.production,
    introspection: options.introspection,
  });
  const http = await startHttpServer(apollo, {
    dbs,
    auditStore,
    authenticate: createAuthenticator(options.auth),
    host: options.host ?? '127.0.0.1',
    port: options.port,
    ...options.operations,
    limits: limits.query,
    corsOrigins: limits.corsOrigins,
    routes: options.console ? consoleRoutes(options.console, dbs) : undefined,
    circuitState: (department) => sources?.states()[department as DatabaseName],
    subscriptions: { schema: served.schema, ticketEvents, settings: eventSettings },
  });
  // auditReads and the search pool are not enumerable on the set (code walking the databases skips them): name
  // them (the search pool, on the identity spine's database, as `<its database>Search`, e.g. policeSearch, as the
  // metrics always called it).
  const searchPoolName = `${identityModule().name}Search`;
  const unwatchPools = watchPools({ ...dbs, ...(dbs.auditReads ? { auditReads: dbs.auditReads } : {}), ...(dbs.searchPool ? { [searchPoolName]: dbs.searchPool } : {}) });
  const unfeedSources = sources ? feedSourceMetrics(sources) : () => undefined;
  return {
    ...http,
    ticketEvents,
    async close() {
      await http.close();
      if (processTicketEvents() === ticketEvents) useProcessTicketEvents(undefined);
      await ticketEvents.close();
      // Sign the head once the last request has been logged.
      await options.signer?.finalCheckpoint();
      unwatchPools();
      unfeedSources();
      await budgets.close();
    },
  };
}
