/**
 * Loading tables with COPY ... FROM STDIN (text format) through pg-copy-streams.
 *
 * A table is a list of columns and a generator of text chunks (~64 KB, whole rows), pulled by the
 * COPY stream only as fast as PostgreSQL accepts it, so nothing but the model is held in memory.
 * One database is loaded in one transaction on one connection: secondary indexes and foreign keys
 * touching the tables are dropped, the tables truncated and copied (FREEZE), then the indexes and
 * keys recreated and the tables analysed. A failure rolls everything back, old data included.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | null;

export interface TableLoad {
  table: string;
  columns: readonly string[];
  /** Text chunks of whole rows in COPY text format (see `CopyText`). */
  chunks: () => Iterable<string>;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format: `\N` for null, t/f for booleans, \\ \t \n \r escaped. */
export function encodeCell(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/** Accumulates rows as COPY text; a writer yields `take()` whenever `full`. */
export class CopyText {
  private text = '';
  rows = 0;

  constructor(private readonly chunkSize = 1 << 16) {}

  row(cells: readonly Cell[]): void {
    let line = encodeCell(cells[0]);
    for (let i = 1; i < cells.length; i++) line += '\t' + encodeCell(cells[i]);
    this.text += line + '\n';
    this.rows++;
  }

  get full(): boolean {
    return this.text.length >= this.chunkSize;
  }

  take(): string {
    const chunk = this.text;
    this.text = '';
    return chunk;
  }
}

/**
 * Turns a row writer into a chunk generator. The writer adds rows to `out` and yields after each
 * row or group of rows; whenever ~64 KB have accumulated they are handed on as one chunk.
 */
export function* chunked(write: (out: CopyText) => Generator<void, void, void>): Generator<string, void, void> {
  const out = new CopyText();
  for (const _ of write(out)) {
    if (out.full) yield out.take();
  }
  const rest = out.take();
  if (rest) yield rest;
}

interface ForeignKey {
  name: string;
  tbl: string;
  def: string;
}

/** Foreign keys from or to the tables (also those of tables this seed does not own). */
const FOREIGN_KEYS = `
  SELECT k.conname AS name, k.conrelid::regclass::text AS tbl, pg_get_constraintdef(k.oid) AS def
  FROM pg_constraint k
  WHERE k.contype = 'f' AND (k.conrelid = ANY($1::regclass[]) OR k.confrelid = ANY($1::regclass[]))
  ORDER BY k.conname`;

/** Indexes of the tables that do not back a constraint (primary keys and unique constraints stay). */
const SECONDARY_INDEXES = `
  SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i
  WHERE i.indrelid = ANY($1::regclass[])
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
  ORDER BY 1`;

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** Loads `tables` into one database in a single transaction; returns the rows copied per table. */
export async function loadTables(knex: Knex, tables: readonly TableLoad[]): Promise<Record<string, number>> {
  const client = (await knex.client.acquireConnection()) as Client;
  const counts: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    await client.query('SET LOCAL synchronous_commit = off');
    const names = tables.map((t) => t.table);
    const keys = (await client.query<ForeignKey>(FOREIGN_KEYS, [names])).rows;
    const indexes = (await client.query<{ name: string; def: string }>(SECONDARY_INDEXES, [names])).rows;
    for (const k of keys) await client.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${quote(k.name)}`);
    for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
    await client.query(`TRUNCATE ${names.map(quote).join(', ')} RESTART IDENTITY`);
    for (const t of tables) {
      const stream = client.query(copyFrom(`COPY ${quote(t.table)} (${t.columns.map(quote).join(', ')}) FROM STDIN (FREEZE)`));
      await pipeline(Readable.from(t.chunks(), { objectMode: false }), stream);
      counts[t.table] = stream.rowCount;
    }
    for (const i of indexes) await client.query(i.def);
    for (const k of keys) await client.query(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${quote(k.name)} ${k.def}`);
    for (const name of names) await client.query(`ANALYZE ${quote(name)}`);
    await client.query('COMMIT');
    return counts;
  } catch (err) {
    // A connection that cannot even roll back is ended, so the pool drops it instead of reusing it.
    await client.query('ROLLBACK').catch(() => client.end().catch(() => undefined));
    throw err;
  } finally {
    await knex.client.releaseConnection(client);
  }
}
