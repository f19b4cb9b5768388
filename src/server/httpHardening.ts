import type http from 'node:http';
import type { ErrorCode } from '../errors';

/**
 * Headers on every answer: no sniffing, no framing, no referrer, and a Content-Security-Policy that
 * allows nothing (the hub serves JSON; a page it served would run no script and load nothing).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'cross-origin-resource-policy': 'same-origin',
};

export function setSecurityHeaders(res: http.ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** Wraps the server's outermost handler so every answer, a shed or refused one included, has the headers. */
export function withSecurityHeaders(handler: http.RequestListener): http.RequestListener {
  return (req, res) => {
    setSecurityHeaders(res);
    handler(req, res);
  };
}

/** Headers a browser may send cross-origin once its origin is configured. */
const CORS_REQUEST_HEADERS = 'authorization, content-type, x-purpose, x-case-number, x-ticket-id, apollo-require-preflight, x-apollo-operation-name';

/** What CORS says about a request: go on, or answer it now (a preflight) with this status. */
export type CorsAnswer = { handled: false } | { handled: true; status: number };

/**
 * CORS, denied unless the origin is configured: a configured origin gets `Access-Control-Allow-Origin`
 * on its answers and a 204 to its preflights; any other origin's preflight is refused with 403 and
 * no CORS header, so the browser never sends the request. A request without an Origin (curl, an
 * app's server) is not a CORS request and goes on.
 */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse, origins: readonly string[]): CorsAnswer {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  const allowed = origin !== undefined && origins.includes(origin);
  if (origin !== undefined) res.setHeader('vary', 'Origin');
  if (allowed) res.setHeader('access-control-allow-origin', origin);
  if (req.method !== 'OPTIONS') return { handled: false };
  if (origin !== undefined && !allowed) return { handled: true, status: 403 };
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST');
    res.setHeader('access-control-allow-headers', CORS_REQUEST_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.setHeader('allow', 'GET, POST, OPTIONS');
  return { handled: true, status: 204 };
}

/** An HTTP-level refusal with its status and code, answered as a GraphQL-shaped error. */
export class HttpRefusal extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/** Beyond this, an oversized body is not drained any further: the connection is dropped. */
const DRAIN_CAP_BYTES = 16 * 1024 * 1024;

/**
 * Reads a request body as text. A body over `maxBytes` is read to its end without being kept (so
 * the client, still sending, gets the answer instead of a reset) and refused with 413
 * PAYLOAD_TOO_LARGE; past 16 MiB the connection is dropped. Bytes that are not valid UTF-8 are
 * refused with 400 INVALID_TEXT rather than silently replaced.
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length']) > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_CAP_BYTES) req.destroy();
      if (over || size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return reject(new HttpRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`));
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpRefusal(400, 'INVALID_TEXT', 'The request body is not valid UTF-8.'));
      }
    });
    req.on('error', reject);
  });
}

/** Refuses a query string whose percent-escapes are not valid UTF-8 (URLSearchParams would replace them). */
export function checkQueryString(search: string): void {
  for (const part of search.replace(/^\?/, '').split(/[&=]/)) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new HttpRefusal(400, 'INVALID_TEXT', 'The query string is not valid UTF-8.');
    }
  }
}

/**
 * Checks a POST body's shape before Apollo sees it: JSON content type (else 415), one operation
 * (a batched array is refused: one request, one operation, one access record).
 */
export function checkPostBody(contentType: string | undefined, body: unknown): void {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw new HttpRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send GraphQL requests as JSON with content-type: application/json.');
  }
  if (Array.isArray(body)) throw new HttpRefusal(400, 'BATCHING_NOT_SUPPORTED', 'Send one operation per request; batched arrays are not accepted.');
  if (body === null || typeof body !== 'object') throw new HttpRefusal(400, 'BAD_REQUEST', 'The request body must be a JSON object with a query.');
}
