import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocket, WebSocketServer } from 'ws';
import { newRequestAudit } from '../audit/requestAudit';
import { AuthenticationError, Authenticator } from '../auth/authenticate';
import type { Databases } from '../db/databases';
import { errorBody } from '../errors';
import { subscriptionsOpen } from '../events/eventMetrics';
import type { EventSettings } from '../events/eventSettings';
import type { TicketEvents } from '../events/ticketEvents';
import type { QueryLimits } from '../limits/limitSettings';
import { initialAccess } from '../policy/access';
import type { Context } from '../schema/context';
import { createLoaders } from '../sources/loaders';
import type { Admission } from './admission';
import { formatError } from './formatError';
import { ConnectionLimits } from '../limits/connectionLimits';
import { codedError, SubscribePayload, subscriptionChecker } from './subscriptionOperation';

/** graphql-ws close codes the hub uses besides the protocol's own. */
export const CLOSE = { UNAUTHENTICATED: 4401, TOO_MANY: 4429, GOING_AWAY: 1001 } as const;

export interface SubscriptionOptions {
  schema: GraphQLSchema;
  dbs: Databases;
  authenticate: Authenticator;
  limits: QueryLimits;
  settings: Pick<EventSettings, 'maxConnections' | 'maxConnectionsPerPrincipal' | 'maxSubscriptionsPerConnection'>;
  ticketEvents: TicketEvents;
  gate: Admission;
}

export interface SubscriptionServer {
  /** Open WebSocket connections. */
  readonly size: number;
  /** Closes every connection with 1001 SHUTTING_DOWN (the drain's first step); later upgrades are refused. */
  closeAll(): void;
  /** Cuts what is left and stops the WebSocket server. Idempotent. */
  dispose(): Promise<void>;
}

interface ConnectionState {
  principalKey: string;
  connectionParams: Record<string, unknown>;
  expiry?: NodeJS.Timeout;
  aborted: AbortController;
}

function refuseUpgrade(socket: Duplex, status: number, text: string, body: object): void {
  const json = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
}

function param(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Authenticates a connection's `connection_init` and takes one of the principal's connection slots:
 * its state (with the token's expiry armed to close it), or null after closing the socket (4401
 * `UNAUTHENTICATED <reason>`, 4429 TOO_MANY_SUBSCRIPTIONS). Other errors propagate.
 */
async function openConnection(socket: WebSocket, params: Record<string, unknown>, authenticate: SubscriptionOptions['authenticate'], perPrincipal: ConnectionLimits): Promise<ConnectionState | null> {
  try {
    const authorization = param(params, 'authorization') ?? param(params, 'Authorization') ?? undefined;
    const principal = await authenticate(authorization);
    const token = (authorization as string).trim().slice('Bearer '.length);
    const principalKey = `${principal.role}:${principal.subject}`;
    if (!perPrincipal.take(principalKey)) {
      socket.close(CLOSE.TOO_MANY, 'TOO_MANY_SUBSCRIPTIONS');
      return null;
    }
    const state: ConnectionState = { principalKey, connectionParams: params, aborted: new AbortController() };
    const exp = decodeJwt(token).exp;
    if (typeof exp === 'number') state.expiry = setTimeout(() => socket.close(CLOSE.UNAUTHENTICATED, 'UNAUTHENTICATED EXPIRED'), Math.max(0, exp * 1000 - Date.now()));
    return state;
  } catch (err) {
    if (!(err instanceof AuthenticationError)) throw err;
    socket.close(CLOSE.UNAUTHENTICATED, `UNAUTHENTICATED ${err.reason}`);
    return null;
  }
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol `graphql-transport-ws`) on the HTTP
 * server's `/graphql` path (issue 17):
 *  - the upgrade is refused (503) while draining or when WS_MAX_CONNECTIONS are open, 404 elsewhere;
 *  - `connection_init` must carry `{ authorization: 'Bearer <JWT>' }`, verified exactly as HTTP's
 *    header (a failure closes 4401 `UNAUTHENTICATED <reason>`); a principal may hold
 *    WS_MAX_CONNECTIONS_PER_PRINCIPAL connections (more: closed 4429 TOO_MANY_SUBSCRIPTIONS);
 *  - the token's expiry closes the connection (4401 `UNAUTHENTICATED EXPIRED`), ending its subscriptions;
 *  - each operation passes the HTTP path's limits and must be a subscription (subscriptionOperation.ts);
 *    at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION run at once on a connection; it executes against the
 *    policed schema, so shield decides who may subscribe; `x-purpose` / `x-case-number` may be sent in
 *    the connection parameters like the HTTP headers, though no subscription reads resident data;
 *  - every error is shaped by the HTTP path's `formatError` (coded, scrubbed, no stack).
 */
export function attachSubscriptions(server: http.Server, options: SubscriptionOptions): SubscriptionServer {
  const { schema, dbs, authenticate, settings, ticketEvents, gate } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxBodyBytes });
  const check = subscriptionChecker(schema, options.limits);
  const perPrincipal = new ConnectionLimits(settings.maxConnectionsPerPrincipal);
  const states = new WeakMap<object, ConnectionState>();
  let closing = false;

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') return refuseUpgrade(socket, 404, 'Not Found', errorBody('NOT_FOUND', 'Not found.'));
    if (closing || gate.draining) return refuseUpgrade(socket, 503, 'Service Unavailable', errorBody('SHUTTING_DOWN', 'The hub is shutting down; retry on another instance.'));
    if (wss.clients.size >= settings.maxConnections) return refuseUpgrade(socket, 503, 'Service Unavailable', errorBody('OVERLOADED', 'The hub is at capacity; retry shortly.'));
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', () => subscriptionsOpen.set({ what: 'connections' }, wss.clients.size));

  useServer<Record<string, unknown>, { socket: WebSocket; request: http.IncomingMessage }>({
    schema,
    onConnect: async (ctx) => {
      const state = await openConnection(ctx.extra.socket, ctx.connectionParams ?? {}, authenticate, perPrincipal);
      if (state) states.set(ctx, state);
      return state !== null;
    },
    onSubscribe: async (ctx, _id, payload) => {
      const state = states.get(ctx);
      if (!state) return [codedError('UNAUTHENTICATED', 'Authenticate in connection_init first.')];
      if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
        return [codedError('TOO_MANY_SUBSCRIPTIONS', `At most ${settings.maxSubscriptionsPerConnection} subscriptions may run on one connection.`)];
      }
      const checked = check(payload as SubscribePayload);
      if (Array.isArray(checked)) return checked;
      const principal = await authenticate(param(state.connectionParams, 'authorization') ?? param(state.connectionParams, 'Authorization') ?? undefined).catch(() => null);
      if (!principal) return [codedError('UNAUTHENTICATED', 'The token is no longer valid.')];
      const access = initialAccess(principal, param(state.connectionParams, 'x-purpose'), param(state.connectionParams, 'x-case-number'));
      const contextValue: Context = {
        requestId: randomUUID(),
        access,
        audit: newRequestAudit(),
        loaders: createLoaders(dbs, access.rowScope, state.aborted.signal),
        ticketEvents,
      };
      return { schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
    },
    onOperation: () => void subscriptionsOpen.inc({ what: 'subscriptions' }),
    onComplete: () => void subscriptionsOpen.dec({ what: 'subscriptions' }),
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined,
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    onClose: (ctx) => {
      const state = states.get(ctx);
      subscriptionsOpen.set({ what: 'connections' }, wss.clients.size);
      if (!state) return;
      states.delete(ctx);
      clearTimeout(state.expiry);
      state.aborted.abort();
      perPrincipal.release(state.principalKey);
    },
  }, wss);

  return {
    get size() {
      return wss.clients.size;
    },
    closeAll() {
      closing = true;
      for (const client of wss.clients) client.close(CLOSE.GOING_AWAY, 'SHUTTING_DOWN');
    },
    async dispose() {
      closing = true;
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
