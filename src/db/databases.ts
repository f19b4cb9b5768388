import knexFactory, { Knex } from 'knex';
import { types } from 'pg';
import { databaseNames, DatabaseName, DatabaseUrls } from '../config';
import { identityModule, isHubDatabase } from '../departments/registry';
import { knexConfig } from '../../knexfile';
import { DEV_APP_PASSWORD } from '../startup/mode';
import { registerSourceGuard, SourceHealth } from '../sources/sourceHealth';
import { servingPlanMode } from './planModes';
import { readSourceLimits, SourceLimits } from './sourceLimits';

// A DATE is a calendar day, not an instant: keep PostgreSQL's 'YYYY-MM-DD' text instead of a
// JavaScript Date at local midnight, which shifts days across time zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * One knex pool per database. Department pools never see each other: joins happen in the gateway.
 * Serving sets also carry `auditReads`: a small pool of its own on the hub database for the access
 * log's readers (auditors, residents' history), so a heavy audit query never takes a connection
 * the access-log append or a resident read needs. It is not enumerable: `Object.entries(dbs)`
 * lists the registered databases only; `closeDatabases` closes it. Serving sets also carry `searchPool`
 * (not enumerable either): the searches' pool on the database of the module that declares `identity`
 * (the identity spine, police), whose statements are planned for their values, while the
 * department pools reuse generic plans (src/db/planModes.ts). It shares that database's circuit and
 * deadlines, and its statements are reported as `query` events of that database, so statement
 * counts per database stay whole.
 */
export type Databases = Record<DatabaseName, Knex> & { auditReads?: Knex; searchPool?: Knex };

/** The role the hub serves requests as on its own database (created by the hub migrations). */
export const HUB_APP_ROLE = 'onefile_app';

export interface OpenOptions {
  poolMax?: number;
  /**
   * `serve` (the default): the hub database is reached as the `onefile_app` login, which may read
   * and append access records (through `append_access_records`) but never change them.
   * `owner`: the configured user's own rights, for migrations, seeding and partition upkeep only.
   */
  as?: 'serve' | 'owner';
  /** Deadlines and circuits of a serving set (default: from the environment, see sourceLimits.ts). */
  limits?: SourceLimits;
  /** `auto`: every serving pool left to PostgreSQL's plan choice (benchmarks compare it); default src/db/planModes.ts. */
  plans?: 'auto';
}

/**
 * The serving login's URL for the hub database: HUB_APP_DATABASE_URL if set, else the hub URL with
 * the user replaced by `onefile_app` and its password (ONEFILE_APP_PASSWORD, or the dev default the
 * migration set).
 */
export function servingHubUrl(hubUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.HUB_APP_DATABASE_URL) return env.HUB_APP_DATABASE_URL;
  const url = new URL(hubUrl);
  url.username = HUB_APP_ROLE;
  url.password = env.ONEFILE_APP_PASSWORD || DEV_APP_PASSWORD;
  return url.toString();
}

/**
 * Opens a knex pool per database. Connections are made lazily on first query. A serving set
 * (`as: 'serve'`) runs under deadlines and a circuit per database (`limits`; its SourceHealth is
 * `sourceHealthOf(dbs.hub)`) and gets the `auditReads` pool; an owner set (migrations, seeding,
 * upkeep) has no deadlines.
 */
export function openDatabases(urls: DatabaseUrls, options: OpenOptions = {}): Databases {
  const { poolMax = 10, as = 'serve' } = options;
  const dbs = {} as Databases;
  if (as === 'owner') {
    for (const name of databaseNames()) dbs[name] = knexFactory(knexConfig(name, urls[name], { min: 0, max: poolMax }));
    return dbs;
  }
  const limits = options.limits ?? readSourceLimits();
  const health = new SourceHealth(limits);
  for (const name of databaseNames()) {
    const url = isHubDatabase(name) ? servingHubUrl(urls[name]) : urls[name];
    dbs[name] = knexFactory(knexConfig(name, url, { min: 0, max: poolMax }, limits, options.plans ?? servingPlanMode(name)));
    registerSourceGuard(dbs[name], health, name);
  }
  const spine = identityModule().name;
  const searchPool = knexFactory(knexConfig(spine, urls[spine], { min: 0, max: poolMax }, limits, 'auto'));
  registerSourceGuard(searchPool, health, spine);
  searchPool.on('query', (q: unknown) => dbs[spine].emit('query', q));
  const audit = limits.auditStatementTimeoutMs;
  const auditReads = knexFactory(knexConfig('hub', servingHubUrl(urls.hub), { min: 0, max: limits.auditReadPoolMax }, {
    ...limits, statementTimeoutMs: audit, queryTimeoutMs: audit + 1000, acquireTimeoutMs: audit,
  }));
  // Not enumerable: code that walks the set (readiness, query counters) keeps seeing the registered databases.
  Object.defineProperty(dbs, 'auditReads', { value: auditReads, enumerable: false });
  Object.defineProperty(dbs, 'searchPool', { value: searchPool, enumerable: false });
  return dbs;
}

/** Closes every pool; safe to call once the server has stopped taking requests. */
export async function closeDatabases(dbs: Databases): Promise<void> {
  await Promise.all([...Object.values(dbs).map((db) => db.destroy()), dbs.auditReads?.destroy(), dbs.searchPool?.destroy()]);
}

/** Brings each database to its latest migration from `migrations/<db>/`; returns what ran, per database. */
export async function migrateAll(dbs: Databases): Promise<Record<DatabaseName, string[]>> {
  const applied = {} as Record<DatabaseName, string[]>;
  for (const name of databaseNames()) applied[name] = (await dbs[name].migrate.latest())[1] as string[];
  return applied;
}
