import { closeDatabases, Databases } from '../../src/db/databases';
import { startHub } from '../../src/hub';
import { DEFAULT_LIMITS, LimitSettings, withoutRateLimits } from '../../src/limits/limitSettings';
import { DEFAULT_EVENT_SETTINGS, EventSettings } from '../../src/events/eventSettings';
import type { RunningHub } from '../../src/hub';
import { Caller, EMERGENCY_OFFICER, headersFor, testAuthSettings } from './auth';
import { testSigner } from './signer';
import { openTestDatabases } from './testDatabases';

export interface GraphQLResponse<D = Record<string, any>> {
  status: number;
  data?: D | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  text: string;
}

type QueryFn = <D = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<D>>;

/** A hub on a free port over the test databases, for tests that go through real HTTP. */
export interface TestHub {
  dbs: Databases;
  hub: RunningHub;
  /** POSTs an operation as `EMERGENCY_OFFICER` (or with exactly the given headers). */
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
  /** A query function for one caller (token, purpose, case number). */
  as(caller: Caller): QueryFn;
  close(): Promise<void>;
}

export async function postGraphQL(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, ...JSON.parse(text) };
}

/**
 * Starts a test hub. Tests send many requests as the same few principals, so the per-principal
 * budgets are off unless `limits` says otherwise (test/attacks sets them); the query limits are the
 * shipped defaults.
 */
export async function startTestHub(dbs: Databases = openTestDatabases(), limits: LimitSettings = withoutRateLimits(DEFAULT_LIMITS), events?: EventSettings): Promise<TestHub> {
  const signer = testSigner();
  signer.start(60_000);
  // Ticket events stay in this process unless a test passes its own settings (a Redis shared by replicas).
  const hub = await startHub(dbs, { port: 0, auth: await testAuthSettings(), signer, limits, events: events ?? DEFAULT_EVENT_SETTINGS });
  const officer = await headersFor(EMERGENCY_OFFICER);
  return {
    dbs,
    hub,
    query: (query, variables, headers) => postGraphQL(hub.url, query, variables, headers ?? officer) as never,
    as(caller) {
      const headers = headersFor(caller);
      return (async (query: string, variables?: Record<string, unknown>) => postGraphQL(hub.url, query, variables, await headers)) as QueryFn;
    },
    async close() {
      await hub.close();
      await closeDatabases(dbs);
    },
  };
}
