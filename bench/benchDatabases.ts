import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureMonthlyPartitions } from '../src/audit/partitions';
import { DatabaseUrls, readDatabaseUrls } from '../src/config';
import { closeDatabases, Databases, migrateAll, openDatabases } from '../src/db/databases';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { DEFAULT_SEED, seedDatabases } from '../seeds/seed';

/** The marker table the benchmarks keep in the hub database: which population is loaded. */
export const MARKER_TABLE = 'bench_seed_marker';

/** Databases ready for a benchmark: migrated and holding a population of `residents`. */
export interface BenchDatabases {
  urls: DatabaseUrls;
  /** Pools with the owner's rights (the hub's serving role cannot seed or create the marker). */
  dbs: Databases;
  residents: number;
  /** True when this run seeded; false when an earlier seed of the same size was reused. */
  seeded: boolean;
  /** Seconds spent seeding (0 when reused). */
  seedSeconds: number;
  /** `embedded <dir>` or `configured`. */
  where: string;
  /** The embedded cluster's data directory (its processes' CPU is measured); undefined when configured. */
  dataDir?: string;
  /** Closes the pools and stops an embedded server (removing its data unless kept). */
  close(): Promise<void>;
}

export interface BenchDatabaseOptions {
  residents: number;
  /** Embedded data directory; default `.data/bench-<residents>`. */
  dataDir?: string;
  /** Keep the embedded data directory after the run so the next run can reuse it. */
  keep: boolean;
  /** Pool size per database for `dbs`. */
  poolMax?: number;
  log?: (line: string) => void;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The repository's root (where package.json is), from the source or from its compiled copy in dist-bench/. */
function projectRoot(): string {
  let dir = path.join(__dirname, '..');
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * A hash of the seed generator and the migrations (every file under seeds/ and migrations/): a
 * population seeded by other code is not reused.
 */
export function seedFingerprint(root = projectRoot()): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of ['seeds', 'migrations'].flatMap((d) => walk(path.join(root, d))).sort()) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The population the marker describes, if the databases still hold it: the police still hold the
 * number of persons recorded when it was seeded (so a later `npm run seed` into the same databases
 * is noticed).
 */
async function seededPopulation(dbs: Databases): Promise<{ residents: number; seed: number; fingerprint: string } | null> {
  await dbs.hub.raw(`CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (residents integer NOT NULL, seed integer NOT NULL, persons bigint NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`);
  await dbs.hub.raw(`ALTER TABLE ${MARKER_TABLE} ADD COLUMN IF NOT EXISTS fingerprint text`);
  const marker = (await dbs.hub.raw(`SELECT residents, seed, persons, fingerprint FROM ${MARKER_TABLE} LIMIT 1`)).rows[0];
  if (!marker) return null;
  const persons = Number((await dbs.police.raw('SELECT count(*) AS n FROM persons')).rows[0].n);
  return persons === Number(marker.persons) ? { residents: marker.residents, seed: marker.seed, fingerprint: marker.fingerprint } : null;
}

/**
 * Opens the benchmark databases: the four `*_DATABASE_URL` databases when set, else an embedded
 * PostgreSQL in its own data directory on a free port. Migrates them, then reuses the loaded
 * population when the marker says it has this size and was made by the same seed and migration
 * code, or seeds it (deterministic, default seed) and records the marker.
 */
export async function prepareBenchDatabases(options: BenchDatabaseOptions): Promise<BenchDatabases> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const configured = readDatabaseUrls();
  let stopCluster: (() => Promise<void>) | undefined;
  let urls: DatabaseUrls;
  let where = 'configured';
  const dataDir = path.resolve(options.dataDir ?? path.join('.data', `bench-${options.residents}`));
  if (configured) {
    urls = configured;
  } else {
    // BENCH_PG_PORT (or EMBEDDED_PG_PORT) pins the embedded cluster's port (engineers sharing a machine each own a range).
    const pinned = Number(process.env.BENCH_PG_PORT) || Number(process.env.EMBEDDED_PG_PORT);
    const port = pinned || (await freePort());
    const cluster = await startEmbeddedPostgres({ dataDir, port, prefix: 'onefile_bench', persistent: options.keep });
    urls = cluster.urls;
    stopCluster = async () => {
      await cluster.stop();
      if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    };
    where = `embedded ${path.relative(process.cwd(), dataDir)} (port ${port})`;
  }
  const dbs = openDatabases(urls, { poolMax: options.poolMax ?? 10, as: 'owner' });
  const close = async () => {
    await closeDatabases(dbs);
    await stopCluster?.();
  };
  try {
    await migrateAll(dbs);
    await ensureMonthlyPartitions(dbs.hub, new Date(), 2);
    const found = await seededPopulation(dbs);
    const fingerprint = seedFingerprint();
    let seeded = false;
    let seedSeconds = 0;
    if (!found || found.residents !== options.residents || found.seed !== DEFAULT_SEED || found.fingerprint !== fingerprint) {
      log(`seeding ${options.residents} residents (${where}) ...`);
      const started = performance.now();
      await seedDatabases(dbs, { residents: options.residents, seed: DEFAULT_SEED });
      const persons = Number((await dbs.police.raw('SELECT count(*) AS n FROM persons')).rows[0].n);
      await dbs.hub.raw(`TRUNCATE ${MARKER_TABLE}`);
      await dbs.hub.raw(`INSERT INTO ${MARKER_TABLE} (residents, seed, persons, fingerprint) VALUES (?, ?, ?, ?)`, [options.residents, DEFAULT_SEED, persons, fingerprint]);
      // Settle the fresh tables now (visibility map, statistics), so autovacuum does not start
      // working on them in the middle of a measurement.
      for (const db of Object.values(dbs)) await db.raw('VACUUM (ANALYZE)');
      // And write the load's dirty pages out now: otherwise the checkpoint that follows a 1M seed
      // competes with the access log's commits (fsync) during the first windows, which then measured
      // up to 2 ms more per request with one client than on a settled cluster.
      await dbs.hub.raw('CHECKPOINT').catch(() => log('(no CHECKPOINT right on these databases: the first windows may pay for the seed)'));
      seedSeconds = (performance.now() - started) / 1000;
      seeded = true;
      log(`seeded in ${seedSeconds.toFixed(1)} s`);
    } else {
      log(`reusing ${options.residents} seeded residents (${where})`);
    }
    return { urls, dbs, residents: options.residents, seeded, seedSeconds, where, dataDir: configured ? undefined : dataDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}
