import net from 'node:net';
import knexFactory from 'knex';
import { closeDatabases, Databases } from '../src/db/databases';
import type { DatabaseName } from '../src/config';
import { startHub } from '../src/hub';
import type { HttpHub } from '../src/server/httpServer';
import { departmentHealth } from '../src/server/readiness';
import { knexConfig } from '../knexfile';
import { EMERGENCY_OFFICER, headersFor, testAuthSettings } from './support/auth';
import { freePort } from './support/compiledHub';
import { openTestDatabases } from './support/testDatabases';

/**
 * A database that hangs: it accepts TCP connections and never says a word (as a SIGSTOPped
 * PostgreSQL does). Counts the connections it was offered.
 */
async function hungDatabase() {
  const sockets = new Set<net.Socket>();
  let offered = 0;
  const server = net.createServer((socket) => {
    offered++;
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://onefile:x@127.0.0.1:${port}/hung`,
    offered: () => offered,
    /** Ends every connection (so pending connects fail and pools can close) and stops listening. */
    async release() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function readyz(hub: HttpHub) {
  const started = performance.now();
  const res = await fetch(hub.url.replace('/graphql', '/readyz'));
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: performance.now() - started };
}

async function hubWith(replace: Partial<Record<DatabaseName, string>>): Promise<{ hub: HttpHub; dbs: Databases }> {
  const dbs = openTestDatabases();
  for (const [name, url] of Object.entries(replace)) {
    await dbs[name as DatabaseName].destroy();
    dbs[name as DatabaseName] = knexFactory(knexConfig(name as DatabaseName, url!, { min: 0, max: 2 }));
  }
  const hub = await startHub(dbs, { port: 0, auth: await testAuthSettings() });
  return { hub, dbs };
}

/** Generous against a loaded CI machine; the probes time out at 800 ms by design. */
const ANSWER_BOUND_MS = 1500;

describe('/readyz', () => {
  it('is ready, listing every department up, when all databases answer', async () => {
    const { hub, dbs } = await hubWith({});
    try {
      const res = await readyz(hub);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', hub: 'up', accessLog: 'writable', departments: { police: 'up', civil: 'up', health: 'up', street: 'up' }, degraded: [] });
    } finally {
      await hub.close();
      await closeDatabases(dbs);
    }
  });

  it('stays ready but lists a hung department and a refusing one as down, answering in bounded time without piling probes onto the hung one', async () => {
    const hung = await hungDatabase();
    const { hub, dbs } = await hubWith({ health: hung.url, civil: `postgres://onefile:x@127.0.0.1:${await freePort()}/gone` });
    try {
      for (let i = 0; i < 4; i++) {
        const res = await readyz(hub);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ status: 'degraded', hub: 'up', accessLog: 'writable', departments: { police: 'up', civil: 'down', health: 'down', street: 'up' }, degraded: ['civil', 'health'] });
        expect(res.ms).toBeLessThan(ANSWER_BOUND_MS);
      }
      const together = await Promise.all([readyz(hub), readyz(hub), readyz(hub)]);
      for (const res of together) expect(res.ms).toBeLessThan(ANSWER_BOUND_MS);
      // Seven readiness calls, one probe (one connection attempt) still waiting on the hung database.
      expect(hung.offered()).toBe(1);
      // The hub still serves the rest of the file.
      const file = await fetch(hub.url, {
        method: 'POST', headers: { ...(await headersFor(EMERGENCY_OFFICER)), 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect(file.status).toBe(200);
    } finally {
      await hung.release();
      await hub.close();
      await closeDatabases(dbs);
    }
  });

  it('is unavailable (503) in bounded time when the hub database hangs', async () => {
    const hung = await hungDatabase();
    const { hub, dbs } = await hubWith({ hub: hung.url });
    try {
      const res = await readyz(hub);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', hub: 'timeout', accessLog: 'unavailable' });
      expect(res.ms).toBeLessThan(ANSWER_BOUND_MS);
    } finally {
      await hung.release();
      await hub.close();
      await closeDatabases(dbs);
    }
  });
});

describe('departmentHealth', () => {
  it('follows the probe until circuits exist, and an open circuit wins over a lucky probe', () => {
    expect(departmentHealth('up', undefined)).toBe('up');
    expect(departmentHealth('timeout', undefined)).toBe('down');
    expect(departmentHealth('down', 'closed')).toBe('down');
    expect(departmentHealth('up', 'half-open')).toBe('degraded');
    expect(departmentHealth('up', 'open')).toBe('down');
  });
});
