import { ensureMonthlyPartitions } from '../audit/partitions';
import { Config, DatabaseName, DatabaseUrls } from '../config';
import { ConfigError } from '../startup/configError';
import { closeDatabases, Databases, migrateAll, openDatabases, servingHubUrl } from './databases';
import { startEmbeddedPostgres } from './embeddedPostgres';
import { pendingMigrations } from './pendingMigrations';
import { probeDatabases, probeServingLogin } from './probeDatabases';

/** Open, migrated databases and how to release them (and the embedded server, if one was started). */
export interface Connected {
  /** Pools with the owner's rights: for migrations, seeding and upkeep. */
  dbs: Databases;
  urls: DatabaseUrls;
  embedded: boolean;
  /** Migrations this call applied, per database (empty when none were pending or none may run). */
  applied: Partial<Record<DatabaseName, string[]>>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  poolMax?: number;
  /**
   * `auto` (the default): the embedded cluster is OneFile's own and is migrated; configured
   * databases must already be migrated (`npm run migrate`), else a ConfigError lists what is
   * pending. `apply`: migrate whatever is connected (the migrate command).
   */
  migrations?: 'auto' | 'apply';
}

/**
 * Connects to the configured databases (each probed first: a bad URL is one ConfigError line, not
 * a hang), or starts the embedded PostgreSQL when none are configured; brings or checks the
 * migrations as `options.migrations` says, checks (`auto`) that the serving login can log in, and
 * keeps the access log's month partitions ahead.
 * Never seeds. `close` destroys the pools and stops an embedded server this call started.
 */
export async function connectDatabases(config: Config, options: ConnectOptions | number = {}): Promise<Connected> {
  const { poolMax = 10, migrations = 'auto' } = typeof options === 'number' ? { poolMax: options } : options;
  if (config.databaseUrls) await probeDatabases(config.databaseUrls);
  const cluster = config.databaseUrls
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
  const urls = config.databaseUrls ?? cluster!.urls;
  const dbs = openDatabases(urls, { poolMax, as: 'owner' });
  let applied: Connected['applied'] = {};
  try {
    if (migrations === 'apply' || cluster) applied = await migrateAll(dbs);
    else await refusePending(dbs);
    if (migrations === 'auto') await probeServingLogin(servingHubUrl(urls.hub));
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
    applied,
    async close() {
      await closeDatabases(dbs);
      await cluster?.stop();
    },
  };
}

/** Configured databases are migrated only by the operator's explicit `npm run migrate`. */
async function refusePending(dbs: Databases): Promise<void> {
  const pending = await pendingMigrations(dbs);
  const names = Object.entries(pending).map(([db, list]) => `${db} ${list!.length}`);
  if (names.length) {
    throw new ConfigError(`the configured databases have pending migrations (${names.join(', ')}): run \`npm run migrate\` first`);
  }
}
