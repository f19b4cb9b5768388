import type { Knex } from 'knex';
import { runSql } from './runSql';

/**
 * `SELECT columns FROM table WHERE id_number = ANY($1)`: the one query shape department tables
 * keyed by ID number need. `table`, `columns` and `orderBy` are trusted constants from the loader
 * definitions, never user input; `orderBy` fixes the order of rows within a person's list.
 */
export function selectByIdNumber<R>(
  db: Knex,
  table: string,
  columns: readonly string[],
  idNumbers: readonly string[],
  orderBy?: string,
): Promise<R[]> {
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  return runSql<R>(db, `SELECT ${columns.join(', ')} FROM ${table} WHERE id_number = ANY($1::bpchar[])${order}`, [idNumbers]);
}
