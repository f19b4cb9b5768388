import knexFactory, { Knex } from 'knex';
import { types } from 'pg';
import { DATABASE_NAMES, DatabaseName, DatabaseUrls } from '../config';
import { knexConfig } from '../../knexfile';
import { DEV_APP_PASSWORD } from '../startup/mode';

// A DATE is a calendar day, not an instant: keep PostgreSQL's 'YYYY-MM-DD' text instead of a
// JavaScript Date at local midnight, which shifts days across time zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** One knex pool per database. Department pools never see each other: joins happen in the gateway. */
export type Databases = Record<DatabaseName, Knex>;

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

/** Opens a knex pool per database. Connections are made lazily on first query. */
export function openDatabases(urls: DatabaseUrls, options: OpenOptions = {}): Databases {
  const { poolMax = 10, as = 'serve' } = options;
  const dbs = {} as Databases;
  for (const name of DATABASE_NAMES) {
    const url = name === 'hub' && as === 'serve' ? servingHubUrl(urls.hub) : urls[name];
    dbs[name] = knexFactory(knexConfig(name, url, { min: 0, max: poolMax }));
  }
  return dbs;
}

/** Closes every pool; safe to call once the server has stopped taking requests. */
export async function closeDatabases(dbs: Databases): Promise<void> {
  await Promise.all(DATABASE_NAMES.map((n) => dbs[n].destroy()));
}

/** Brings each database to its latest migration from `migrations/<db>/`; returns what ran, per database. */
export async function migrateAll(dbs: Databases): Promise<Record<DatabaseName, string[]>> {
  const applied = {} as Record<DatabaseName, string[]>;
  for (const name of DATABASE_NAMES) applied[name] = (await dbs[name].migrate.latest())[1] as string[];
  return applied;
}
