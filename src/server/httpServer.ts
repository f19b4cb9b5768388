import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { AuditStore } from '../audit/auditStore';
import { AuthenticationError, Authenticator } from '../auth/authenticate';
import type { Databases } from '../db/databases';
import { errorBody, ErrorCode } from '../errors';
import { logger } from '../logger';
import { newRequestAudit } from '../audit/requestAudit';
import { initialAccess } from '../policy/access';
import { rowScopeFor } from '../policy/rowScopeFor';
import type { Context } from '../schema/context';
import { createLoaders } from '../sources/loaders';
import type { QueryLimits } from '../limits/limitSettings';
import { Admission } from './admission';
import { DrainOptions, DrainResult, drainer } from './drain';
import { applyCors, checkPostBody, checkQueryString, HttpRefusal, readBody, withSecurityHeaders } from './httpHardening';
import { metricsEndpoint } from './metricsEndpoint';
import { CircuitState, readinessOf } from './readiness';
import { watchRequest } from './requestLifetime';
import { reportOf } from './requestReport';
import type { RouteHandler } from './staticAssets';

/** Longest GraphQL document accepted (characters); larger ones are refused before parsing. */
export const MAX_QUERY_CHARS = 20_000;

function queryTooLarge(body: unknown, search: URLSearchParams): boolean {
  const query = (body as { query?: unknown } | undefined)?.query ?? search.get('query');
  return typeof query === 'string' && query.length > MAX_QUERY_CHARS;
}

export interface HttpHub {
  server: http.Server;
  url: string;
  /** Stops taking requests and lets the in-flight ones finish (see drain.ts). */
  drain(options: DrainOptions): Promise<DrainResult>;
  /** Drains (5 s at most, idle connections closed at once) and stops Apollo. Idempotent. */
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
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
}

/**
 * Serves GraphQL at `/graphql` (POST JSON, or GET for queries), liveness at `/healthz`,
 * readiness at `/readyz` (readiness.ts) and metrics at `/metrics` (metricsEndpoint.ts), all behind
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
  const server = http.createServer(withSecurityHeaders(gate.wrap((req, res) => {
    // Resident data must never sit in a browser or proxy cache; no answer here is cacheable.
    res.setHeader('cache-control', 'no-store');
    handle(req, res).catch((err) => {
      if (err instanceof HttpRefusal) {
        if (!res.headersSent) sendJson(res, err.status, errorBody(err.code, err.message));
        else res.end();
        return;
      }
      const status = (err as { status?: number }).status ?? 500;
      if (status >= 500) logger.error({ err: { message: (err as Error).message } }, 'http handler failed');
      if (!res.headersSent) {
        const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
        sendJson(res, status, errorBody(code, status === 413 ? 'Request body too large.' : 'Request failed.'));
      } else res.end();
    });
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
    if (url.pathname !== '/graphql' && options.routes && (await options.routes(req, res, url))) return;
    if (url.pathname !== '/graphql') return sendJson(res, 404, errorBody('NOT_FOUND', 'Not found.'));
    const cors = applyCors(req, res, corsOrigins);
    if (cors.handled) {
      if (cors.status === 204) return void res.writeHead(204).end();
      return sendJson(res, cors.status, errorBody('CORS_ORIGIN_DENIED', 'This origin may not call the hub.'));
    }

    let principal;
    try {
      principal = await authenticate(header(req, 'authorization') ?? undefined);
    } catch (err) {
      if (!(err instanceof AuthenticationError)) throw err;
      res.setHeader('www-authenticate', 'Bearer realm="onefile"');
      return sendJson(res, 401, errorBody('UNAUTHENTICATED', 'A valid bearer token is required.', { reason: err.reason }));
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req, limits.maxBodyBytes);
      try {
        body = text.length ? JSON.parse(text) : undefined;
      } catch {
        return sendJson(res, 400, errorBody('BAD_REQUEST', 'The request body is not valid JSON.'));
      }
      checkPostBody(header(req, 'content-type') ?? undefined, body);
    } else checkQueryString(url.search);
    if (queryTooLarge(body, url.searchParams)) {
      return sendJson(res, 400, errorBody('QUERY_TOO_LARGE', `The query is longer than ${MAX_QUERY_CHARS} characters.`));
    }
    const report = reportOf(req);
    const requestId = report.requestId;
    const lifetime = watchRequest(res, dbs);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => ({
        requestId,
        access: initialAccess(principal, header(req, 'x-purpose'), header(req, 'x-case-number')),
        audit: newRequestAudit(),
        loaders: createLoaders(dbs, rowScopeFor(principal), lifetime.signal),
        report,
        lifetime,
      }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('x-request-id', requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}/graphql`;
  const drain = drainer(server, gate);
  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    drain,
    close() {
      // Apollo's stop() must run once: a second call never resolves (STACK.md).
      closing ??= (async () => {
        await drain({ deadlineMs: 5000, idleGraceMs: 0 });
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await apollo.stop();
      })();
      return closing;
    },
  };
}
