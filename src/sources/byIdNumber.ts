import type { Knex } from 'knex';

/**
 * `SELECT columns FROM table WHERE id_number = ANY($1)`: the one query shape department tables
 * keyed by ID number need. `orderBy` (a trusted SQL fragment, never user input) fixes the order of
 * rows within a person's list.
 */
export function selectByIdNumber<R>(
  db: Knex,
  table: string,
  columns: readonly string[],
  idNumbers: readonly string[],
  orderBy?: string,
): Promise<R[]> {
  const query = db(table).select(columns).whereRaw('id_number = ANY(?::bpchar[])', [[...idNumbers]]);
  return (orderBy ? query.orderByRaw(orderBy) : query) as unknown as Promise<R[]>;
}
