/**
 * One knex configuration per registered database (src/departments/registry.ts): the hub's own and
 * one per department. Each reads its connection from its own env variable (`<NAME>_DATABASE_URL`)
 * and migrates from its module's folder, `migrations/<name>/` by default. The running hub builds the same
 * configurations through `knexConfig` with the embedded server's URLs when none are set.
 */
import type { Knex } from 'knex';
import { databaseNames, DatabaseName, databaseUrlVariable } from './src/config';
import { abandonOnReadTimeout } from './src/db/abandonOnTimeout';
import { migrationsDirectoryOf } from './src/departments/registry';
import { SourceNamedMigrations } from './src/db/migrationSource';
import { redactIdentifiers } from './src/identity/identifierShapes';
import { logger } from './src/logger';

/**
 * Every connection reads and writes dates as ISO 'YYYY-MM-DD', whatever the server's or the
 * database's default DateStyle: the hub keeps DATEs as that text (the parser in
 * src/db/databases.ts) and search compares packed birth dates as strings. Sent as a startup
 * option, so it costs no round trip and outranks `ALTER DATABASE … SET DateStyle`.
 */
const ISO_DATES = '-c DateStyle=ISO,YMD';

/** Deadlines of a serving pool (src/db/sourceLimits.ts); owner pools have none. */
export interface PoolDeadlines {
  connectTimeoutMs: number;
  acquireTimeoutMs: number;
  /** PostgreSQL's statement_timeout on every connection (sent as a startup option, no round trip). */
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /**
   * pg's client-side query_timeout: also bounds knex-built queries when the server answers nothing;
   * a connection whose query hit it is abandoned (src/db/abandonOnTimeout.ts), never reused.
   */
  queryTimeoutMs: number;
}

/**
 * How PostgreSQL plans the prepared statements of a connection (`plan_cache_mode`, sent as a startup
 * option like DateStyle: per session, no round trip, nothing written to the database). `generic`:
 * every execution reuses the statement's generic plan (src/db/planModes.ts says which pools).
 */
export type PlanMode = 'auto' | 'generic';

/** The knex configuration for one database at `url`, with deadlines when given. */
export function knexConfig(
  name: DatabaseName, url: string, pool: Knex.PoolConfig = { min: 0, max: 10 }, deadlines?: PoolDeadlines, plans: PlanMode = 'auto',
): Knex.Config {
  const planOption = plans === 'generic' ? ' -c plan_cache_mode=force_generic_plan' : '';
  const connection = deadlines
    ? {
        connectionString: url,
        options: `${ISO_DATES} -c statement_timeout=${deadlines.statementTimeoutMs} -c idle_in_transaction_session_timeout=${deadlines.idleInTransactionTimeoutMs}${planOption}`,
        connectionTimeoutMillis: deadlines.connectTimeoutMs,
        query_timeout: deadlines.queryTimeoutMs,
      }
    : { connectionString: url, options: `${ISO_DATES}${planOption}` };
  return {
    client: 'pg',
    connection,
    pool: deadlines ? { ...pool, afterCreate: abandonOnReadTimeout } : pool,
    ...(deadlines ? { acquireConnectionTimeout: deadlines.acquireTimeoutMs } : {}),
    // knex prints connection errors to the console by default; route them through the scrubbing logger.
    log: {
      warn: (message: unknown) => logger.warn({ db: name, message: redactIdentifiers(String(message)) }, 'knex'),
      error: (message: unknown) => logger.error({ db: name, message: redactIdentifiers(String(message)) }, 'knex'),
      deprecate: (message: unknown) => logger.warn({ db: name, message: String(message) }, 'knex deprecation'),
      debug: () => undefined,
    },
    migrations: {
      migrationSource: new SourceNamedMigrations(migrationsDirectoryOf(name)),
      tableName: 'knex_migrations',
    },
  };
}

const configs = Object.fromEntries(
  databaseNames().map((name) => [name, knexConfig(name, process.env[databaseUrlVariable(name)] ?? '')]),
) as Record<DatabaseName, Knex.Config>;

/** The knex CLI's environments: one per registered database (`npx knex --env police migrate:latest`). */
export default configs;
