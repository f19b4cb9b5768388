/**
 * One knex configuration per database: the hub's own and one per department. Each reads its
 * connection from its own env variable (`HUB_DATABASE_URL`, `POLICE_DATABASE_URL`, ...) and
 * migrates from its own folder under `migrations/<db>/`. The running hub builds the same
 * configurations through `knexConfig` with the embedded server's URLs when none are set.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { DATABASE_NAMES, DatabaseName, databaseUrlVariable } from './src/config';
import { SourceNamedMigrations } from './src/db/migrationSource';
import { logger, scrubIdNumbers } from './src/logger';

interface RawConnection {
  query(sql: string, callback: (err: Error | null) => void): void;
}

/**
 * Every new connection reads and writes dates as ISO 'YYYY-MM-DD', whatever the server's default
 * DateStyle: the hub keeps DATEs as that text (the parser in src/db/databases.ts) and search
 * compares packed birth dates as strings.
 */
function isoDates(connection: RawConnection, done: (err: Error | null, connection: RawConnection) => void): void {
  connection.query('SET DateStyle TO ISO, YMD', (err) => done(err, connection));
}

/** The knex configuration for one database at `url`. */
export function knexConfig(name: DatabaseName, url: string, pool: Knex.PoolConfig = { min: 0, max: 10 }): Knex.Config {
  return {
    client: 'pg',
    connection: url,
    pool: { ...pool, afterCreate: isoDates },
    // knex prints connection errors to the console by default; route them through the scrubbing logger.
    log: {
      warn: (message: unknown) => logger.warn({ db: name, message: scrubIdNumbers(String(message)) }, 'knex'),
      error: (message: unknown) => logger.error({ db: name, message: scrubIdNumbers(String(message)) }, 'knex'),
      deprecate: (message: unknown) => logger.warn({ db: name, message: String(message) }, 'knex deprecation'),
      debug: () => undefined,
    },
    migrations: {
      migrationSource: new SourceNamedMigrations(path.join(__dirname, 'migrations', name)),
      tableName: 'knex_migrations',
    },
  };
}

const configs = Object.fromEntries(
  DATABASE_NAMES.map((name) => [name, knexConfig(name, process.env[databaseUrlVariable(name)] ?? '')]),
) as Record<DatabaseName, Knex.Config>;

export const { hub, police, civil, health } = configs;
export default configs;
