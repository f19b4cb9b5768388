import { randomUUID } from 'node:crypto';
import type { KeyLike } from 'jose';
import { issueToken, TokenRequest } from '../src/auth/issueToken';
import type { Role } from '../src/auth/vocabulary';

/** One kind of request the soak sends, from one role. */
export interface SoakRequest {
  name: string;
  /** Whether a 200 must have exactly one access record (it reads resident data). */
  discloses: boolean;
  weight: number;
  headers: Record<string, string>;
  body: () => string;
}

/** One response the soak received (or the transport error instead). */
export interface SoakExchange {
  kind: string;
  discloses: boolean;
  requestId: string;
  status?: number;
  codes: string[];
  ms: number;
  error?: string;
}

/** Ids from the seeded databases the mix reads. */
export interface SoakIds {
  persons: string[];
  gridHouseholds: string[];
  grid: string;
  resident: string;
}

const PERSON = 'query Soak($id: ID!) { person(id: $id) { name idNumber phone household { members { name } } civilAffairs { maritalStatus assistance { kind } } health { familyDoctor { doctorName } } } }';

function pick<T>(list: T[]): T {
  return list[Math.floor(Math.random() * list.length)];
}

/** The mixed traffic: every role, each with the purposes it is granted. Tokens live an hour past `minutes`. */
export async function soakMix(key: KeyLike, issuer: string, audience: string, ids: SoakIds, minutes: number): Promise<SoakRequest[]> {
  const ttl = Math.ceil(minutes * 60) + 3600;
  const token = (role: Role, extra: Partial<TokenRequest>) =>
    issueToken(key, 'EdDSA', issuer, audience, { role, subject: `soak-${role.toLowerCase()}`, ttlSeconds: ttl, ...extra });
  const auth = async (role: Role, purpose?: string, extra: Partial<TokenRequest> = {}) => ({
    authorization: `Bearer ${await token(role, extra)}`, ...(purpose ? { 'x-purpose': purpose } : {}),
  });
  const person = () => JSON.stringify({ query: PERSON, variables: { id: pick(ids.persons) } });
  return [
    { name: 'civil person file', discloses: true, weight: 4, headers: await auth('CIVIL_AFFAIRS_OFFICER', 'SUBSIDY_REVIEW'), body: person },
    { name: 'police person file', discloses: true, weight: 3, headers: { ...(await auth('POLICE_OFFICER', 'CASE_INVESTIGATION')), 'x-case-number': 'XS-2026-0042' }, body: person },
    { name: 'health person file', discloses: true, weight: 3, headers: await auth('HEALTH_WORKER', 'HEALTH_FOLLOW_UP'), body: person },
    {
      name: 'street household', discloses: true, weight: 3, headers: await auth('STREET_STAFF', 'HOME_VISIT', { grids: [ids.grid] }),
      body: () => JSON.stringify({ query: 'query H($id: ID!) { household(id: $id) { address { text } members { name idNumber age } } }', variables: { id: pick(ids.gridHouseholds) } }),
    },
    {
      name: 'street tag search', discloses: true, weight: 2, headers: await auth('STREET_STAFF', 'HOME_VISIT', { grids: [ids.grid] }),
      body: () => JSON.stringify({ query: '{ searchHouseholds(filter: { tags: [ELDERLY_LIVING_ALONE] }, first: 5) { totalCount edges { node { members { name } } } } }' }),
    },
    {
      name: 'resident own file', discloses: true, weight: 1, headers: await auth('RESIDENT', 'SELF_SERVICE', { subject: ids.resident }),
      body: () => JSON.stringify({ query: `{ person(id: "${ids.resident}") { name health { familyDoctor { doctorName } } } myAccessLog(first: 5) { edges { node { role purpose } } } }` }),
    },
    { name: 'auditor log page', discloses: false, weight: 1, headers: await auth('AUDITOR'), body: () => JSON.stringify({ query: '{ accessLog(first: 5) { totalCount edges { node { role purpose outcome } } } }' }) },
    { name: 'admin viewer', discloses: false, weight: 1, headers: await auth('ADMIN'), body: () => JSON.stringify({ query: '{ viewer { role } }' }) },
  ];
}

/** Sends one request of `kind` with a fresh `x-request-id`. Never rejects. */
export async function sendOne(url: string, kind: SoakRequest): Promise<SoakExchange> {
  const requestId = randomUUID();
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { ...kind.headers, 'content-type': 'application/json', 'x-request-id': requestId }, body: kind.body() });
    const text = await res.text();
    let codes: string[] = [];
    try {
      codes = ((JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED');
    } catch {
      codes = ['NOT_JSON'];
    }
    // The hub may replace the id sent (see src/server/requestId.ts); records carry the one it answered under.
    return { kind: kind.name, discloses: kind.discloses, requestId: res.headers.get('x-request-id') ?? requestId, status: res.status, codes, ms: performance.now() - started };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { kind: kind.name, discloses: kind.discloses, requestId, codes: [], ms: performance.now() - started, error: cause?.code ?? (err as Error).message };
  }
}

/** Picks a request kind by weight. */
export function weighted(mix: SoakRequest[]): () => SoakRequest {
  const total = mix.reduce((n, k) => n + k.weight, 0);
  return () => {
    let r = Math.random() * total;
    for (const k of mix) if ((r -= k.weight) < 0) return k;
    return mix[mix.length - 1];
  };
}
