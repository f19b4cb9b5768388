import { ensureMonthlyPartitions } from '../audit/partitions';
import { Config, DatabaseUrls } from '../config';
import { closeDatabases, Databases, migrateAll, openDatabases } from './databases';
import { startEmbeddedPostgres } from './embeddedPostgres';

/** Open, migrated databases and how to release them (and the embedded server, if one was started). */
export interface Connected {
  /** Pools with the owner's rights: for migrations, seeding and upkeep. */
  dbs: Databases;
  urls: DatabaseUrls;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to the configured databases, or starts the embedded PostgreSQL when none are
 * configured, and migrates all four. `close` destroys the pools and stops an embedded server.
 */
export async function connectDatabases(config: Config, poolMax = 10): Promise<Connected> {
  const cluster = config.databaseUrls
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
  const urls = config.databaseUrls ?? cluster!.urls;
  const dbs = openDatabases(urls, { poolMax, as: 'owner' });
  try {
    await migrateAll(dbs);
    await ensureMonthlyPartitions(dbs.hub, new Date(), 3);
  } catch (err) {
    await closeDatabases(dbs);
    await cluster?.stop();
    throw err;
  }
  return {
    dbs,
    urls,
    embedded: cluster !== undefined,
    async close() {
      await closeDatabases(dbs);
      await cluster?.stop();
    },
  };
}
