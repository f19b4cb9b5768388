import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import type { DatabaseName, DatabaseUrls } from '../../src/config';
import { closeDatabases, migrateAll, openDatabases } from '../../src/db/databases';
import { testDatabaseUrls } from './testDatabases';

/** Tables copied per database: the data, never the access log (the copy starts its own chain). */
const COPIED: Partial<Record<DatabaseName, string[]>> = {
  hub: ['streets', 'communities', 'grids', 'buildings', 'person_index', 'household_index'],
  health: ['family_doctor_contracts', 'chronic_conditions', 'vaccinations', 'births', 'deaths'],
};

/** A TCP port: TEST_EXTRA_PG_PORT when set, else one the OS just handed out. */
async function clusterPort(): Promise<number> {
  if (process.env.TEST_EXTRA_PG_PORT) return Number(process.env.TEST_EXTRA_PG_PORT);
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The child process that runs the cluster (see faultClusterProcess.ts), and its line protocol. */
function spawnClusterProcess(dataDir: string, port: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'faultClusterProcess.ts'), dataDir, String(port)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`fault cluster process ended: ${stderr}`);
    return value as string;
  };
  return {
    next,
    async send(command: 'stop' | 'start'): Promise<void> {
      child.stdin!.write(`${command}\n`);
      await next();
    },
    async exit(): Promise<void> {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.write('exit\n');
      await exited;
    },
  };
}

async function copyTable(source: Client, target: Client, table: string): Promise<void> {
  await pipeline(source.query(copyTo(`COPY ${table} TO STDOUT`)), target.query(copyFrom(`COPY ${table} FROM STDIN`)));
}

/**
 * A second embedded PostgreSQL holding a migrated copy of the test databases' hub and health data,
 * so a test can stop, hang (SIGSTOP) or lock "a department" (or the hub) without touching the
 * suite's own cluster. `urls` are owner URLs of the copy; `hang` stops every process of the
 * cluster and `resume` continues them (call it in a finally).
 */
export interface FaultCluster {
  urls: DatabaseUrls;
  hang(): void;
  resume(): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultCluster(): Promise<FaultCluster> {
  const port = await clusterPort();
  const dataDir = path.resolve('.data', `test-fault-pg-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const owner = spawnClusterProcess(dataDir, port);
  const urls = (JSON.parse(await owner.next()) as { urls: DatabaseUrls }).urls;
  const migrating = openDatabases(urls, { as: 'owner', poolMax: 2 });
  try {
    await migrateAll(migrating);
  } finally {
    await closeDatabases(migrating);
  }
  const main = testDatabaseUrls();
  for (const [name, tables] of Object.entries(COPIED) as Array<[DatabaseName, string[]]>) {
    const source = new Client({ connectionString: main[name] });
    const target = new Client({ connectionString: urls[name] });
    await Promise.all([source.connect(), target.connect()]);
    try {
      await target.query('SET session_replication_role = replica');
      for (const table of tables) await copyTable(source, target, table);
      await target.query(`ANALYZE`);
    } finally {
      await Promise.all([source.end(), target.end()]);
    }
  }

  let stopped: number[] = [];
  const pids = (): number[] => {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    });
    return [postmaster, ...children.map(Number)];
  };
  const signal = (list: number[], sig: NodeJS.Signals) => {
    for (const pid of list) {
      try {
        process.kill(pid, sig);
      } catch {
        // the process is gone
      }
    }
  };
  return {
    urls,
    hang() {
      stopped = pids();
      signal(stopped, 'SIGSTOP');
    },
    resume() {
      signal(stopped, 'SIGCONT');
      stopped = [];
    },
    async stop() {
      await owner.send('stop');
    },
    async start() {
      await owner.send('start');
    },
    async close() {
      signal(stopped, 'SIGCONT');
      await owner.exit();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
