import type { Knex } from 'knex';
import { databaseNames, DatabaseName } from '../config';
import { migrationsDirectoryOf } from '../departments/registry';
import type { Databases } from './databases';
import { SourceNamedMigrations } from './migrationSource';

/** The migrations directory of one database (its module's, see src/departments/registry.ts). */
export function migrationsDirectory(name: DatabaseName): string {
  return migrationsDirectoryOf(name);
}

/**
 * The migrations not yet applied to one database, read without writing anything: knex's own
 * `migrate.list()` creates its bookkeeping tables, which start must not do to a department's
 * database.
 */
export async function pendingMigrationsOf(db: Knex, name: DatabaseName): Promise<string[]> {
  const source = new SourceNamedMigrations(migrationsDirectory(name));
  const all = (await source.getMigrations()).map((f) => source.getMigrationName(f));
  const table = await db.raw("SELECT to_regclass('knex_migrations') AS t");
  if (!table.rows[0].t) return all;
  const done = new Set((await db('knex_migrations').select('name')).map((r: { name: string }) => r.name));
  return all.filter((m) => !done.has(m));
}

/** Pending migrations per database (only databases with any). */
export async function pendingMigrations(dbs: Databases): Promise<Partial<Record<DatabaseName, string[]>>> {
  const pending: Partial<Record<DatabaseName, string[]>> = {};
  for (const name of databaseNames()) {
    const list = await pendingMigrationsOf(dbs[name], name);
    if (list.length) pending[name] = list;
  }
  return pending;
}
