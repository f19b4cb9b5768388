import knexFactory, { Knex } from 'knex';
import { types } from 'pg';
import { DATABASE_NAMES, DatabaseName, DatabaseUrls } from '../config';
import { knexConfig } from '../../knexfile';

// A DATE is a calendar day, not an instant: keep PostgreSQL's 'YYYY-MM-DD' text instead of a
// JavaScript Date at local midnight, which shifts days across time zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** One knex pool per database. Department pools never see each other: joins happen in the gateway. */
export type Databases = Record<DatabaseName, Knex>;

/** Opens a knex pool per database. Connections are made lazily on first query. */
export function openDatabases(urls: DatabaseUrls, poolMax = 10): Databases {
  const dbs = {} as Databases;
  for (const name of DATABASE_NAMES) dbs[name] = knexFactory(knexConfig(name, urls[name], { min: 0, max: poolMax }));
  return dbs;
}

/** Closes every pool; safe to call once the server has stopped taking requests. */
export async function closeDatabases(dbs: Databases): Promise<void> {
  await Promise.all(DATABASE_NAMES.map((n) => dbs[n].destroy()));
}

/** Brings each database to its latest migration from `migrations/<db>/`. */
export async function migrateAll(dbs: Databases): Promise<void> {
  for (const name of DATABASE_NAMES) await dbs[name].migrate.latest();
}
