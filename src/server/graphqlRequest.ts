import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { newRequestAudit } from '../audit/requestAudit';
import { AuthenticationError, Authenticator } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { Databases } from '../db/databases';
import { errorBody } from '../errors';
import { initialAccess } from '../policy/access';
import type { Context } from '../schema/context';
import { createLoaders } from '../sources/loaders';
import { applyCors, checkPostBody, checkQueryString, readBody } from './httpHardening';
import { header, sendJson } from './httpJson';
import { requestDeadlineOf, watchRequest } from './requestLifetime';
import { reportOf } from './requestReport';

/** Longest GraphQL document accepted (characters); larger ones are refused before parsing. */
export const MAX_QUERY_CHARS = 20_000;

function queryTooLarge(body: unknown, search: URLSearchParams): boolean {
  const query = (body as { query?: unknown } | undefined)?.query ?? search.get('query');
  return typeof query === 'string' && query.length > MAX_QUERY_CHARS;
}

export interface GraphQLEndpointOptions {
  dbs: Databases;
  authenticate: Authenticator;
  maxBodyBytes: number;
  corsOrigins: readonly string[];
}

/** The caller, or null once a 401 UNAUTHENTICATED has been answered. */
async function principalOf(req: http.IncomingMessage, res: http.ServerResponse, authenticate: Authenticator): Promise<Principal | null> {
  try {
    return await authenticate(header(req, 'authorization') ?? undefined);
  } catch (err) {
    if (!(err instanceof AuthenticationError)) throw err;
    res.setHeader('www-authenticate', 'Bearer realm="onefile"');
    sendJson(res, 401, errorBody('UNAUTHENTICATED', 'A valid bearer token is required.', { reason: err.reason }));
    return null;
  }
}

/**
 * The request's body (POST JSON) or query string, checked; `answered` once a coded 400 has been
 * sent. Other refusals (size, media type, batching, text) are thrown as HttpRefusal.
 */
async function graphqlBody(req: http.IncomingMessage, res: http.ServerResponse, url: URL, maxBodyBytes: number): Promise<{ body: unknown } | 'answered'> {
  let body: unknown;
  if (req.method === 'POST') {
    const text = await readBody(req, maxBodyBytes);
    try {
      body = text.length ? JSON.parse(text) : undefined;
    } catch {
      sendJson(res, 400, errorBody('BAD_REQUEST', 'The request body is not valid JSON.'));
      return 'answered';
    }
    checkPostBody(header(req, 'content-type') ?? undefined, body);
  } else checkQueryString(url.search);
  if (queryTooLarge(body, url.searchParams)) {
    sendJson(res, 400, errorBody('QUERY_TOO_LARGE', `The query is longer than ${MAX_QUERY_CHARS} characters.`));
    return 'answered';
  }
  return { body };
}

function headerMapOf(req: http.IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Serves one request to `/graphql`: CORS, then a valid bearer token (HTTP 401 before any resolver
 * runs), then the body checks, then Apollo with the request's own context — the caller's access
 * state (with its row scope) and fresh loaders bound to that scope.
 */
export function graphqlEndpoint(apollo: ApolloServer<Context>, options: GraphQLEndpointOptions) {
  const { dbs, authenticate, maxBodyBytes, corsOrigins } = options;
  const requestDeadlineMs = requestDeadlineOf(dbs);
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const cors = applyCors(req, res, corsOrigins);
    if (cors.handled) {
      if (cors.status === 204) return void res.writeHead(204).end();
      return sendJson(res, cors.status, errorBody('CORS_ORIGIN_DENIED', 'This origin may not call the hub.'));
    }
    const principal = await principalOf(req, res, authenticate);
    if (!principal) return;
    const headers = headerMapOf(req);
    const checked = await graphqlBody(req, res, url, maxBodyBytes);
    if (checked === 'answered') return;
    const report = reportOf(req);
    const lifetime = watchRequest(res, requestDeadlineMs);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: checked.body },
      context: async () => {
        const access = initialAccess(principal, header(req, 'x-purpose'), header(req, 'x-case-number'));
        const renewRequestId = () => (report.requestId = randomUUID());
        return { requestId: report.requestId, access, audit: newRequestAudit(), loaders: createLoaders(dbs, () => access.rowScope, lifetime.signal), report, lifetime, renewRequestId };
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('x-request-id', report.requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
