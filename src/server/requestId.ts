import { randomUUID } from 'node:crypto';
import { looksLikeIdentifier } from '../identity/identifierShapes';

/** Longest header value looked at; anything longer is ignored unread. */
const MAX_HEADER_CHARS = 128;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** W3C Trace Context `traceparent`: version 00, 32-hex trace id, 16-hex parent id, 2-hex flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** How one request is known: in the log line, the `x-request-id` response header and its access record. */
export interface RequestIdentity {
  /** A UUID: the caller's `x-request-id` if it was one, else a new one. */
  requestId: string;
  /** The W3C trace id from a valid `traceparent`, if any. */
  traceId?: string;
  /** The caller's span (the `traceparent` parent id), if any. */
  parentSpanId?: string;
}

function acceptable(value: string | string[] | undefined, shape: RegExp): RegExpExecArray | null {
  if (typeof value !== 'string' || value.length > MAX_HEADER_CHARS) return null;
  const lower = value.trim().toLowerCase();
  const match = shape.exec(lower);
  // Digits joined across the hyphens count too: a UUID-shaped value can carry an ID number.
  return match && !looksLikeIdentifier(lower) ? match : null;
}

/**
 * Reads the request's identity from its headers. An incoming `x-request-id` is honoured only if it
 * is a UUID (the access log stores request ids as UUIDs) and `traceparent` only if it is valid
 * W3C Trace Context; either is also refused when it contains digits shaped like an ID
 * number or a mobile number, because both end up in logs (and the request id in the append-only
 * access log). A refused or missing value is replaced, never echoed. Values are lower-cased.
 */
export function requestIdentity(headers: Record<string, string | string[] | undefined>): RequestIdentity {
  const incoming = acceptable(headers['x-request-id'], UUID);
  const trace = acceptable(headers.traceparent, TRACEPARENT);
  const identity: RequestIdentity = { requestId: incoming ? incoming[0] : randomUUID() };
  if (trace && !/^0+$/.test(trace[1]) && !/^0+$/.test(trace[2])) {
    identity.traceId = trace[1];
    identity.parentSpanId = trace[2];
  }
  return identity;
}
