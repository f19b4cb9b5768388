import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { knexConfig } from '../knexfile';
import type { DatabaseName } from '../src/config';
import { closeDatabases, migrateAll, openDatabases } from '../src/db/databases';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';

/**
 * A department's database alone in a second embedded PostgreSQL cluster, so the soak can hang it
 * the way a stopped server hangs — SIGSTOP on every process of that cluster, no reset, no refusal —
 * without touching the cluster the hub and the other departments live in.
 */
export interface SecondCluster {
  /** Owner URL of the department's copy (the hub's departments connect as the owner login). */
  url: string;
  /** An owner pool on the copy (for table locks). */
  db: Knex;
  /** SIGSTOP the postmaster and every backend; `resume` sends SIGCONT. */
  hang(): void;
  resume(): void;
  close(): Promise<void>;
}

/** The postmaster of the cluster in `dataDir` and its children (backends, background workers), from /proc. */
function clusterPids(dataDir: string): number[] {
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
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
}

/**
 * Starts a throw-away embedded cluster on `port` in `dataDir`, migrates it, and copies every table
 * of department `name` from `sourceUrl` (its data only; the copy is read, never written, by the hub).
 */
export async function startSecondCluster(name: DatabaseName, sourceUrl: string, port: number, dataDir: string): Promise<SecondCluster> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const cluster = await startEmbeddedPostgres({ dataDir, port, prefix: 'onefile_soak2', persistent: false });
  const migrating = openDatabases(cluster.urls, { as: 'owner', poolMax: 2 });
  try {
    await migrateAll(migrating);
  } finally {
    await closeDatabases(migrating);
  }
  const source = new Client({ connectionString: sourceUrl });
  const target = new Client({ connectionString: cluster.urls[name] });
  await Promise.all([source.connect(), target.connect()]);
  try {
    const tables = (await source.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'knex\\_%' ORDER BY 1")).rows.map((r) => r.tablename as string);
    await target.query('SET session_replication_role = replica');
    for (const table of tables) {
      await pipeline(source.query(copyTo(`COPY "${table}" TO STDOUT`)), target.query(copyFrom(`COPY "${table}" FROM STDIN`)));
    }
    await target.query('ANALYZE');
  } finally {
    await Promise.all([source.end(), target.end()]);
  }
  const db = knexFactory(knexConfig(name, cluster.urls[name], { min: 0, max: 2 }));
  let stopped: number[] = [];
  return {
    url: cluster.urls[name],
    db,
    hang() {
      stopped = clusterPids(dataDir);
      signal(stopped, 'SIGSTOP');
    },
    resume() {
      signal(stopped, 'SIGCONT');
      stopped = [];
    },
    async close() {
      signal(stopped, 'SIGCONT');
      await db.destroy();
      await cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
