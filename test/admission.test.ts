import net from 'node:net';
import { AuditStore } from '../src/audit/auditStore';
import { closeDatabases, Databases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { metricsRegistry } from '../src/metrics';
import { buildServedSchema } from '../src/schema/buildSchema';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { PrincipalBudgets } from '../src/limits/principalBudgets';
import { createApolloServer } from '../src/server/apollo';
import type { HttpHub } from '../src/server/httpServer';
import { requestIdentity } from '../src/server/requestId';
import { EMERGENCY_OFFICER, headersFor, testAuthSettings } from './support/auth';
import { openOwnerTestDatabases, openTestDatabases } from './support/testDatabases';

const NAME = 'query Name($id: ID!) { person(id: $id) { name } }';

async function shedCount(): Promise<number> {
  const text = await metricsRegistry.getSingleMetricAsString('onefile_http_requests_shed_total');
  return Number(/reason="overloaded"} (\d+)/.exec(text)?.[1] ?? 0);
}

describe('load shedding', () => {
  let dbs: Databases;
  let owner: Databases;
  let hub: HttpHub;
  let personId: string;

  beforeAll(async () => {
    dbs = openTestDatabases();
    owner = openOwnerTestDatabases();
    hub = await startHub(dbs, { port: 0, auth: await testAuthSettings(), operations: { maxInFlight: 2 } });
    personId = (await dbs.hub('person_index').orderBy('id_number').first()).id;
  });
  afterAll(async () => {
    await hub.close();
    await closeDatabases(dbs);
    await closeDatabases(owner);
  });

  const post = async () =>
    fetch(hub.url, { method: 'POST', headers: { ...(await headersFor(EMERGENCY_OFFICER)), 'content-type': 'application/json' }, body: JSON.stringify({ query: NAME, variables: { id: personId } }) });

  it('answers 503 OVERLOADED with Retry-After at once past MAX_IN_FLIGHT, keeps probes answering, and admits again once requests finish', async () => {
    const shedBefore = await shedCount();
    let held: Array<Promise<Response>> = [];
    await owner.police.transaction(async (trx) => {
      // The police table locked: reads of a name wait, so two requests stay in flight.
      await trx.raw('LOCK TABLE persons IN ACCESS EXCLUSIVE MODE');
      held = [post(), post()];
      for (let waiting = 0; waiting < 2; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const { rows } = await owner.police.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
        waiting = rows[0].n;
      }
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await refused.json()).toEqual({ errors: [{ message: 'The hub is at capacity; retry shortly.', extensions: { code: 'OVERLOADED' } }] });
      expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
      expect((await fetch(hub.url.replace('/graphql', '/readyz'))).status).toBe(200);
    });
    const answered = await Promise.all(held);
    expect(answered.map((r) => r.status)).toEqual([200, 200]);
    const again = await post();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { data: { person: { name: string } } }).data.person.name).toBeTruthy();
    expect(await shedCount()).toBe(shedBefore + 1);
  });
});

describe('the admission gate', () => {
  it('answers a request target that does not parse with 400 BAD_REQUEST, not 500, and keeps serving', async () => {
    const dbs = openTestDatabases();
    const hub = await startHub(dbs, { port: 0, auth: await testAuthSettings() });
    try {
      const { port } = new URL(hub.url);
      const head = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        let text = '';
        socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
        socket.on('end', () => resolve(text.split('\r\n')[0]));
        socket.on('error', reject);
      });
      expect(head).toBe('HTTP/1.1 400 Bad Request');
      expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
    } finally {
      await hub.close();
      await closeDatabases(dbs);
    }
  });
});

describe('request identity', () => {
  it('honours a UUID x-request-id (lower-cased) and a valid traceparent', () => {
    expect(requestIdentity({ 'x-request-id': '5F0E3C52-8A41-4D5E-9C1B-2A7D6E4F8B90', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })).toEqual({
      requestId: '5f0e3c52-8a41-4d5e-9c1b-2a7d6e4f8b90', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7',
    });
  });

  it('replaces an x-request-id that is not a UUID, too long, or carries ID-number or mobile-number digits', () => {
    for (const bad of ['req-42', '110101194909222648', `${'a'.repeat(200)}`, '123e4567-e89b-42d3-a456-a13812345678',
      // ID and mobile digits split across the UUID's hyphens
      '11010119-4909-2226-48ab-cdef01234567', 'abcd1381-2345-678e-0000-aaaaaaaaaaaa', ['5f0e3c52-8a41-4d5e-9c1b-2a7d6e4f8b90', 'x']]) {
      const { requestId } = requestIdentity({ 'x-request-id': bad });
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(requestId).not.toBe(bad);
    }
  });

  it('ignores a malformed, all-zero or digit-smuggling traceparent', () => {
    for (const bad of ['01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-110101194909222648aaaaaaaaaaaaaa-00f067aa0ba902b7-01', 'garbage']) {
      expect(requestIdentity({ traceparent: bad }).traceId).toBeUndefined();
    }
  });
});

describe('Apollo in production mode', () => {
  it('installs no signal handlers of its own (the hub has one shutdown path)', async () => {
    const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const dbs = openTestDatabases();
    try {
      const limits = withoutRateLimits(DEFAULT_LIMITS);
      const apollo = createApolloServer(buildServedSchema(), new AuditStore(dbs.hub), limits, await PrincipalBudgets.create(limits.rate));
      await apollo.start();
      expect({ term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') }).toEqual(before);
      await apollo.stop();
    } finally {
      process.env.NODE_ENV = nodeEnv;
      await closeDatabases(dbs);
    }
  });
});
