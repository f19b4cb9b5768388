import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { AuditStore } from '../audit/auditStore';
import type { Authenticator } from '../auth/authenticate';
import type { Databases } from '../db/databases';
import type { EventSettings } from '../events/eventSettings';
import type { TicketEvents } from '../events/ticketEvents';
import { errorBody } from '../errors';
import type { Context } from '../schema/context';
import type { QueryLimits } from '../limits/limitSettings';
import { Admission } from './admission';
import { DrainOptions, DrainResult, drainer } from './drain';
import { graphqlEndpoint } from './graphqlRequest';
import { withSecurityHeaders } from './httpHardening';
import { answerFailure, sendJson } from './httpJson';
import { metricsEndpoint } from './metricsEndpoint';
import { CircuitState, readinessOf } from './readiness';
import { attachSubscriptions, SubscriptionServer } from './subscriptions';
import type { RouteHandler } from './staticAssets';
import { CLAIMS_JWKS_PATH, statementKeys } from '../claims/statementKeys';

export { MAX_QUERY_CHARS } from './graphqlRequest';

export interface HttpHub {
  server: http.Server;
  url: string;
  /** Stops taking requests and lets the in-flight ones finish (see drain.ts). */
  drain(options: DrainOptions): Promise<DrainResult>;
  /** Drains (5 s at most, idle connections closed at once) and stops Apollo. Idempotent. */
  close(): Promise<void>;
}

export interface HttpOptions {
  dbs: Databases;
  auditStore: AuditStore;
  authenticate: Authenticator;
  host: string;
  port: number;
  /** Most GraphQL requests in flight before new ones are shed with 503 OVERLOADED (default 64). */
  maxInFlight?: number;
  /** Static bearer token that may read `/metrics` besides ADMIN tokens (see metricsEndpoint.ts). */
  metricsToken?: string;
  /** Per-department circuit state for `/readyz`, once circuits exist (see readiness.ts). */
  circuitState?: (department: string) => CircuitState | undefined;
  limits: QueryLimits;
  /** Origins browsers may call from (CORS); none: every cross-origin preflight is refused. */
  corsOrigins: readonly string[];
  /** Routes besides the API (the console's assets, development sign-in), tried before a 404. */
  routes?: RouteHandler;
  /** Subscriptions over WebSocket at `/graphql` (subscriptions.ts): the policed schema, the hub's ticket events and the connection limits; omitted, no WebSocket. */
  subscriptions?: { schema: GraphQLSchema; ticketEvents: TicketEvents; settings: EventSettings };
}

/**
 * Serves GraphQL at `/graphql` (POST JSON, or GET for queries; subscriptions over WebSocket on the
 * same path, subscriptions.ts), liveness at `/healthz`, readiness at `/readyz` (readiness.ts),
 * metrics at `/metrics` (metricsEndpoint.ts) and the claim statements' public key set at
 * `/.well-known/claims-jwks.json` (claims/statementKeys.ts), all behind
 * the admission gate (admission.ts: request ids, load shedding, draining, the request log line).
 * A GraphQL request must carry a valid bearer token: otherwise it gets HTTP 401 before any
 * resolver runs. Each request gets its own context: the caller's access state
 * and fresh loaders bound to their row scope. Malformed bodies get a coded 400; nothing here ever
 * answers with a stack trace. Every response carries `Cache-Control: no-store`.
 */
export async function startHttpServer(apollo: ApolloServer<Context>, options: HttpOptions): Promise<HttpHub> {
  const { dbs, auditStore, authenticate, host, port, limits, corsOrigins } = options;
  await apollo.start();
  const gate = new Admission({ maxInFlight: options.maxInFlight ?? 64 });
  const readiness = readinessOf({ dbs, auditStore, circuitState: options.circuitState });
  const metrics = metricsEndpoint(authenticate, options.metricsToken);
  const graphql = graphqlEndpoint(apollo, { dbs, authenticate, maxBodyBytes: limits.maxBodyBytes, corsOrigins });
  const server = http.createServer(withSecurityHeaders(gate.wrap((req, res) => {
    // Resident data must never sit in a browser or proxy cache; no answer here is cacheable.
    res.setHeader('cache-control', 'no-store');
    handle(req, res).catch((err) => answerFailure(res, err));
  })));

  // Idle kept-alive sockets stay open longer than a client's or proxy's own idle timeout (Node's
  // 5 s default is shorter than undici's reuse window under load, and than the 60 s of common
  // proxies), so the hub is never the side that closes a socket a client is about to reuse: that
  // race answers the client with ECONNRESET instead of a response.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const { ready, body } = await readiness();
      return sendJson(res, ready ? 200 : 503, body);
    }
    if (url.pathname === '/metrics') return metrics(req, res);
    // The public key set claim statements are checked with (issue 18): published, no token needed.
    if (url.pathname === CLAIMS_JWKS_PATH) return sendJson(res, 200, (await statementKeys()).jwks);
    if (url.pathname === '/graphql') return graphql(req, res, url);
    if (options.routes && (await options.routes(req, res, url))) return;
    return sendJson(res, 404, errorBody('NOT_FOUND', 'Not found.'));
  }

  const subscriptions = options.subscriptions ? attachSubscriptions(server, { ...options.subscriptions, dbs, authenticate, limits, gate }) : undefined;
  const drainHttp = drainer(server, gate);
  // WebSocket clients are told first (1001), so they reconnect elsewhere while HTTP requests finish.
  const drain: HttpHub['drain'] = (o) => {
    subscriptions?.closeAll();
    return drainHttp(o);
  };
  const url = await listen(server, host, port);
  return hubOf(server, url, drain, apollo, subscriptions);
}

async function listen(server: http.Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}/graphql`;
}

function hubOf(server: http.Server, url: string, drain: HttpHub['drain'], apollo: ApolloServer<Context>, subscriptions: SubscriptionServer | undefined): HttpHub {
  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    drain,
    close() {
      // Apollo's stop() must run once: a second call never resolves.
      closing ??= (async () => {
        await drain({ deadlineMs: 5000, idleGraceMs: 0 });
        await subscriptions?.dispose();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await apollo.stop();
      })();
      return closing;
    },
  };
}
