import knexFactory, { Knex } from 'knex';
import { types } from 'pg';
import { DATABASE_NAMES, DatabaseName, DatabaseUrls } from '../config';
import { knexConfig } from '../../knexfile';

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
   * `serve` (the default): hub connections `SET ROLE onefile_app`, which may read and insert
   * access records but never change them. `owner`: the configured user's own rights, for
   * migrations, seeding and partition upkeep only.
   */
  as?: 'serve' | 'owner';
}

/** Opens a knex pool per database. Connections are made lazily on first query. */
export function openDatabases(urls: DatabaseUrls, options: OpenOptions = {}): Databases {
  const { poolMax = 10, as = 'serve' } = options;
  const dbs = {} as Databases;
  for (const name of DATABASE_NAMES) {
    const pool: Knex.PoolConfig = { min: 0, max: poolMax };
    if (name === 'hub' && as === 'serve') {
      pool.afterCreate = (conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) =>
        conn.query(`SET ROLE ${HUB_APP_ROLE}`, (err) => done(err, conn));
    }
    dbs[name] = knexFactory(knexConfig(name, urls[name], pool));
  }
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
