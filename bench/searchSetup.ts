import path from 'node:path';
import { ensureMonthlyPartitions } from '../src/audit/partitions';
import type { DatabaseUrls } from '../src/config';
import { closeDatabases, Databases, migrateAll, openDatabases } from '../src/db/databases';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { seedDatabases } from '../seeds/seed';

/** The search benchmark's own embedded cluster: a data directory and port no other run uses. */
export const SEARCH_BENCH_DATA_DIR = process.env.ONEFILE_DATA_DIR || '.data/bench-search';
export const SEARCH_BENCH_PORT = Number(process.env.BENCH_PG_PORT || 54470);

export interface SearchBenchDatabases {
  urls: DatabaseUrls;
  /** Owner pools: seeding, EXPLAIN, ground-truth samples. */
  owner: Databases;
  /** Seconds spent seeding; 0 when an earlier seed of the same size was reused. */
  seedSeconds: number;
  close(): Promise<void>;
}

/** True when police hold exactly `residents` persons, every one with its pinyin filled. */
async function holds(dbs: Databases, residents: number): Promise<boolean> {
  const { rows } = await dbs.police.raw('SELECT count(*)::int AS n, count(name_pinyin)::int AS spelled FROM persons');
  return rows[0].n === residents && rows[0].spelled === residents;
}

/**
 * Starts (or reuses) the benchmark's embedded PostgreSQL, migrates it, and seeds `residents`
 * unless that population is already there (a 1M seed takes about a minute; later runs reuse it).
 */
export async function searchBenchDatabases(residents: number, log: (line: string) => void): Promise<SearchBenchDatabases> {
  const dataDir = path.resolve(SEARCH_BENCH_DATA_DIR);
  const cluster = await startEmbeddedPostgres({ dataDir, port: SEARCH_BENCH_PORT, persistent: true });
  const owner = openDatabases(cluster.urls, { poolMax: 4, as: 'owner' });
  try {
    await migrateAll(owner);
    await ensureMonthlyPartitions(owner.hub, new Date(), 3);
    let seedSeconds = 0;
    if (!(await holds(owner, residents))) {
      log(`seeding ${residents} residents into ${dataDir} ...`);
      const started = performance.now();
      await seedDatabases(owner, { residents });
      // Settle statistics and the visibility map, and write the load out (see benchDatabases.ts).
      for (const db of Object.values(owner)) await db.raw('VACUUM (ANALYZE)');
      await owner.hub.raw('CHECKPOINT').catch(() => log('(no CHECKPOINT right on these databases: the first windows may pay for the seed)'));
      seedSeconds = (performance.now() - started) / 1000;
      log(`seeded in ${seedSeconds.toFixed(1)} s`);
    } else log(`reusing ${residents} residents in ${dataDir}`);
    return {
      urls: cluster.urls,
      owner,
      seedSeconds,
      async close() {
        await closeDatabases(owner);
        await cluster.stop();
      },
    };
  } catch (err) {
    await closeDatabases(owner);
    await cluster.stop();
    throw err;
  }
}

if (require.main === module) {
  searchBenchDatabases(Number(process.argv[2] ?? 1_000_000), console.log)
    .then((b) => b.close())
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
