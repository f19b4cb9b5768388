import type { Knex } from 'knex';
import { selectByIdNumber } from './byIdNumber';
import { jsonRows, WavePart } from './departmentWave';

/**
 * A department table keyed by ID number as a wave part (src/sources/departmentWave.ts): alone it
 * is `selectByIdNumber(db, table, columns, keys, orderBy)`; in a wave, the same rows as a json
 * array in the same order. `textColumns` are the numeric columns (sent as text, as pg returns
 * them); `orderBy` is a trusted constant over the table's columns.
 */
export function byIdNumberPart<R>(
  db: Knex,
  table: string,
  columns: readonly string[],
  options: { orderBy?: string; textColumns?: readonly string[] } = {},
): WavePart<R> {
  const orderBy = options.orderBy?.split(',').map((c) => `t.${c.trim()}`).join(', ');
  return {
    name: table,
    columns,
    key: 'id_number',
    shareKey: () => '',
    alone: (keys) => selectByIdNumber<R>(db, table, columns, keys, options.orderBy),
    combined: (keys, first) => ({
      text: jsonRows('t', columns, `${table} t WHERE t.id_number = ANY($${first}::bpchar[])`, orderBy, options.textColumns),
      values: [keys],
    }),
  };
}
