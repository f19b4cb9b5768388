import { closeDatabases, Databases } from '../../src/db/databases';
import { startHub } from '../../src/hub';
import type { HttpHub } from '../../src/server/httpServer';
import { openTestDatabases } from './testDatabases';

export interface GraphQLResponse<D = Record<string, any>> {
  status: number;
  data?: D | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  text: string;
}

/** A hub on a free port over the test databases, for tests that go through real HTTP. */
export interface TestHub {
  dbs: Databases;
  hub: HttpHub;
  /** POSTs a GraphQL operation and returns the parsed body, the status and the raw text. */
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
  close(): Promise<void>;
}

export async function startTestHub(dbs: Databases = openTestDatabases()): Promise<TestHub> {
  const hub = await startHub(dbs, { port: 0 });
  return {
    dbs,
    hub,
    async query(query, variables, headers = {}) {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, text, ...JSON.parse(text) };
    },
    async close() {
      await hub.close();
      await closeDatabases(dbs);
    },
  };
}
