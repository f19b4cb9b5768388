import { EMERGENCY_OFFICER, headersFor, Caller } from '../support/auth';

/** What an attack request got back: status, headers, the parsed body (if JSON) and the raw text. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Sends a raw request (any method, body and headers) and reads the answer without assuming JSON. */
export async function send(url: string, init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string> }): Promise<Answer> {
  const res = await fetch(url, { method: init.method ?? 'POST', body: init.body, headers: init.headers });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Signed headers per caller, made once per test file (tokens live an hour). */
const signed = new Map<string, Promise<Record<string, string>>>();

/** POSTs one GraphQL operation as JSON for `caller` (default: a police officer in an emergency). */
export async function ask(url: string, query: string, variables?: Record<string, unknown>, caller: Caller = EMERGENCY_OFFICER): Promise<Answer> {
  const key = JSON.stringify(caller);
  if (!signed.has(key)) signed.set(key, headersFor(caller));
  const headers = { 'content-type': 'application/json', ...(await signed.get(key)!) };
  return send(url, { body: JSON.stringify({ query, variables }), headers });
}

/** The error codes of an answer, in order. */
export function codes(a: Answer): string[] {
  return (a.body?.errors ?? []).map((e: { extensions?: { code?: string } }) => String(e.extensions?.code));
}

/** Fails if an answer shows a stack trace, SQL text, a driver message or an internal error. */
export function expectNoLeak(a: Answer): void {
  expect(a.status).toBeLessThan(500);
  expect(codes(a)).not.toContain('INTERNAL_SERVER_ERROR');
  expect(a.text).not.toMatch(/\bat .+\.(ts|js):\d+|stacktrace|\bselect\b.+\bfrom\b|syntax error at|relation "|ECONNREFUSED|knex|node_modules/i);
}
