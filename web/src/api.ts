import { pageData } from './pageData';

/**
 * The console's GraphQL client: a plain `fetch` POST to the hub's `/graphql` with the bearer token,
 * the declared purpose (`x-purpose`) and case number on every request. No cache at all, so nothing
 * read under one purpose is ever shown under another; partial data is kept (the equivalent of
 * Apollo's `errorPolicy: 'all'`): a denied field is null with a FIELD_DENIED error at its path, and
 * the rest of the answer is still shown.
 */
export interface GraphQLErrorItem {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface Result<D> {
  data: D | null;
  errors: GraphQLErrorItem[];
  /** Dotted paths of fields denied by policy (FIELD_DENIED). */
  denied: Set<string>;
  /** Errors other than denied fields: the whole request, or a department that did not answer. */
  failures: GraphQLErrorItem[];
  status: number;
}

export interface Session {
  token: string;
  purpose: string | null;
  caseNumber: string | null;
  /** TICKET_HANDLING: the ticket a read of the resident's file is bound to (sent as `x-ticket-id`). */
  ticketId?: string | null;
}

export function pathKey(path: ReadonlyArray<string | number>): string {
  return path.join('.');
}

export async function graphql<D>(session: Session, query: string, variables?: Record<string, unknown>): Promise<Result<D>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` };
  if (session.purpose) headers['x-purpose'] = session.purpose;
  if (session.caseNumber) headers['x-case-number'] = session.caseNumber;
  if (session.ticketId) headers['x-ticket-id'] = session.ticketId;
  let status = 0;
  let body: { data?: D | null; errors?: GraphQLErrorItem[] } = {};
  try {
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), cache: 'no-store', credentials: 'omit' });
    status = res.status;
    body = (await res.json()) as typeof body;
  } catch {
    body = { errors: [{ message: 'network', extensions: { code: 'NETWORK_ERROR' } }] };
  }
  const errors = body.errors ?? [];
  const denied = new Set(errors.filter((e) => e.extensions?.code === 'FIELD_DENIED' && e.path).map((e) => pathKey(e.path!)));
  return { data: body.data ?? null, errors, denied, failures: errors.filter((e) => e.extensions?.code !== 'FIELD_DENIED'), status };
}

/** Development sign-in: the picker's choices and a token from the hub's development-only endpoint. */
export interface DevPrincipals {
  roles: string[];
  grids: Array<{ id: string; name: string }>;
  residents: string[];
}

/** Sign-in methods the hub offers (`dev`, `oidc`), from the page's `<meta name="onefile-signin">`; null when absent (vite dev server). */
export function signInMethods(): string[] | null {
  const content = document.querySelector('meta[name=onefile-signin]')?.getAttribute('content');
  return content === null || content === undefined ? null : content.split(' ').filter(Boolean);
}

/**
 * The picker's choices: from the page's data block (`onefile-dev-principals`) where the hub embedded
 * them; else fetched with the default cache mode, so that the request the hub announced with
 * `Link: rel=preload` (sent with the page) is reused instead of a second round trip.
 */
export async function devPrincipals(): Promise<DevPrincipals | null> {
  const methods = signInMethods();
  if (methods && !methods.includes('dev')) return null;
  const embedded = pageData<DevPrincipals>('onefile-dev-principals');
  if (embedded) return embedded;
  const res = await fetch('/dev/principals').catch(() => null);
  return res && res.ok ? ((await res.json()) as DevPrincipals) : null;
}

export async function devToken(request: { role: string; grids?: string[]; subject?: string }): Promise<string> {
  const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), cache: 'no-store' });
  const body = (await res.json()) as { token?: string; errors?: GraphQLErrorItem[] };
  if (!res.ok || !body.token) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body.token;
}
