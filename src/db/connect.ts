import { Config } from '../config';
import { closeDatabases, Databases, migrateAll, openDatabases } from './databases';
import { startEmbeddedPostgres } from './embeddedPostgres';

/** Open, migrated databases and how to release them (and the embedded server, if one was started). */
export interface Connected {
  dbs: Databases;
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
  const dbs = openDatabases(config.databaseUrls ?? cluster!.urls, poolMax);
  try {
    await migrateAll(dbs);
  } catch (err) {
    await closeDatabases(dbs);
    await cluster?.stop();
    throw err;
  }
  return {
    dbs,
    embedded: cluster !== undefined,
    async close() {
      await closeDatabases(dbs);
      await cluster?.stop();
    },
  };
}
