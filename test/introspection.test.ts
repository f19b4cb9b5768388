import { closeDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { ROLES } from '../src/auth/vocabulary';
import type { HttpHub } from '../src/server/httpServer';
import type { IntrospectionPolicy } from '../src/startup/mode';
import { testAuthSettings, testToken } from './support/auth';
import { postGraphQL } from './support/http';
import { openTestDatabases } from './support/testDatabases';

const SCHEMA = '{ __schema { queryType { name } } }';
const HIDDEN_IN_FRAGMENT = 'query { ...F } fragment F on Query { viewer { role } t: __type(name: "Person") { name } }';

/**
 * Introspection per role, over HTTP, under each INTROSPECTION policy: `all` (the development
 * default), `admin` (the production default; the compiled production hub is tested in
 * productionMode.test.ts) and `off`.
 */
describe('introspection per role', () => {
  const dbs = openTestDatabases();
  const hubs = new Map<IntrospectionPolicy, HttpHub>();
  beforeAll(async () => {
    for (const policy of ['all', 'admin', 'off'] as const) {
      hubs.set(policy, await startHub(dbs, { port: 0, auth: await testAuthSettings(), introspection: policy }));
    }
  });
  afterAll(async () => {
    for (const hub of hubs.values()) await hub.close();
    await closeDatabases(dbs);
  });

  async function ask(policy: IntrospectionPolicy, role: (typeof ROLES)[number], query = SCHEMA) {
    const grids = role === 'STREET_STAFF' ? ['110101001001-G01'] : undefined;
    const subject = role === 'RESIDENT' ? '398ed1e3-23cb-4d51-b268-9980d1db44a0' : `intro-${role}`;
    const res = await postGraphQL(hubs.get(policy)!.url, query, undefined, { authorization: `Bearer ${await testToken({ role, subject, grids })}` });
    return { status: res.status, code: res.errors?.[0]?.extensions?.code, data: res.data };
  }

  it.each(ROLES.map((r) => [r]))('development default (all): %s may introspect', async (role) => {
    expect(await ask('all', role)).toEqual({ status: 200, code: undefined, data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each(ROLES.filter((r) => r !== 'ADMIN').map((r) => [r]))('admin: %s is refused with 403 INTROSPECTION_DISABLED', async (role) => {
    expect(await ask('admin', role)).toEqual({ status: 403, code: 'INTROSPECTION_DISABLED', data: undefined });
  });

  it('admin: ADMIN may introspect', async () => {
    expect((await ask('admin', 'ADMIN')).status).toBe(200);
  });

  it('admin: __type hidden in a fragment is refused too, and __typename is not introspection', async () => {
    expect(await ask('admin', 'AUDITOR', HIDDEN_IN_FRAGMENT)).toMatchObject({ status: 403, code: 'INTROSPECTION_DISABLED' });
    expect(await ask('admin', 'AUDITOR', '{ __typename viewer { role } }')).toEqual({ status: 200, code: undefined, data: { __typename: 'Query', viewer: { role: 'AUDITOR' } } });
  });

  it('off: even ADMIN is refused', async () => {
    expect(await ask('off', 'ADMIN')).toMatchObject({ status: 403, code: 'INTROSPECTION_DISABLED' });
  });
});
