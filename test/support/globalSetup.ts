import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadCheckpointKeys } from '../../src/audit/checkpoints';
import { readDatabaseUrls } from '../../src/config';
import { closeDatabases, migrateAll, openDatabases } from '../../src/db/databases';
import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { DEMO_RESIDENTS, seedDatabases } from '../../seeds/seed';
import { TEST_URLS_VARIABLE } from './testDatabases';

/**
 * Prepares real PostgreSQL for the suite: the four configured databases when `*_DATABASE_URL`
 * are set (they are migrated and re-seeded: point them at test databases), else a throw-away
 * embedded cluster. Either way the demo street is seeded once, deterministically.
 */
export default async function globalSetup(): Promise<void> {
  let urls = readDatabaseUrls();
  if (!urls) {
    const dataDir = path.resolve('.data', `test-pg-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const port = Number(process.env.TEST_EMBEDDED_PG_PORT || 54330 + (process.pid % 1000));
    const cluster = await startEmbeddedPostgres({ dataDir, port, prefix: 'onefile_test', persistent: false });
    (globalThis as { __ONEFILE_CLUSTER__?: unknown }).__ONEFILE_CLUSTER__ = { cluster, dataDir };
    urls = cluster.urls;
  }
  process.env[TEST_URLS_VARIABLE] = JSON.stringify(urls);
  const keysDir = path.resolve('.data', `test-keys-${process.pid}`);
  fs.rmSync(keysDir, { recursive: true, force: true });
  loadCheckpointKeys(keysDir);
  process.env.ONEFILE_TEST_KEYS_DIR = keysDir;
  const witnessDir = path.resolve('.data', `test-witness-${process.pid}`);
  fs.rmSync(witnessDir, { recursive: true, force: true });
  process.env.ONEFILE_TEST_WITNESS_FILE = path.join(witnessDir, 'checkpoints.jsonl');
  const dbs = openDatabases(urls, { poolMax: 4, as: 'owner' });
  try {
    await migrateAll(dbs);
    await seedDatabases(dbs, { residents: DEMO_RESIDENTS });
  } finally {
    await closeDatabases(dbs);
  }
}
