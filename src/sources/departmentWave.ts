import type { Knex } from 'knex';
import { runSql } from './runSql';

/**
 * One statement per department per loader wave (issue 15).
 *
 * A request's per-table loaders over one department database (civil affairs' marital status,
 * assistance, disability, …) dispatch their batches in the same tick when the fields asking for
 * them resolve together. Sent one by one, each is a round trip, a parse/bind/execute and an answer
 * of its own: per statement, not per row, is what a file cost on both sides of the wire
 * (bench/RESULTS.md). A wave collects the batches dispatched in one tick and reads them all in ONE
 * statement, `SELECT (<part 1 as a json array>) AS p0, (<part 2>) AS p1, …`, each part keeping its
 * own WHERE (keys, row scope) and its own row order, then hands every loader its own rows.
 *
 * Contracts:
 * - Rows are equal to what the part's own statement returns (`alone`): same columns, same values,
 *   same order (test/departmentWave.test.ts compares them over the seeded rows). A part's json
 *   row is an array of its columns in `columns` order; numeric columns are sent as text by the
 *   part (pg returns numerics as strings), dates are ISO strings either way.
 * - A part alone in its wave runs its own statement, unchanged.
 * - Parts are placed in the statement in the order of their names, so one set of parts is always
 *   one statement text (prepared once per connection, generic-planned on department pools).
 * - A failure stays with the part that fails, as with per-table statements: when the combined
 *   statement fails with a statement error (a missing table, a bad value: a SQLSTATE outside the
 *   connection, resource and operator classes), each part is read alone, so only the broken one's
 *   fields answer SOURCE_UNAVAILABLE. Any other failure (the database unreachable, a deadline, an
 *   open circuit) rejects every part of the wave with that error, without asking again (each
 *   loader's guard turns it into its source's SourceUnavailableError).
 * - Waves are per request (made with the request's loaders) and never outlive it.
 */
export interface WavePart<R> {
  /** Names the part in the statement's order; unique within a department. */
  readonly name: string;
  /** Column names, in the order of the part's json arrays; the loader's rows get these keys. */
  readonly columns: readonly string[];
  /** The part's own statement, run when it is alone in its wave (the per-table read). */
  alone(keys: readonly string[]): Promise<R[]>;
  /**
   * The part as one scalar subquery returning a json array of row arrays (never NULL: `[]` when
   * no row matches), its parameters numbered from `$first`.
   */
  combined(keys: readonly string[], first: number): Promise<PartSql> | PartSql;
}

/** A part's subquery and its parameter values. */
export interface PartSql {
  text: string;
  values: readonly unknown[];
}

/** Whether waves combine parts; off only to measure the per-table reads in the same run (bench target `hub-pertable`). */
export const waveReads = { combine: true };

interface Pending {
  part: WavePart<unknown>;
  keys: readonly string[];
  resolve: (rows: unknown[]) => void;
  reject: (err: unknown) => void;
}

/** A department's wave: `read(part)` gives the fetch function for a per-table loader. */
export interface DepartmentWave {
  read<R>(part: WavePart<R>): (keys: readonly string[]) => Promise<R[]>;
}

const resolved = Promise.resolve();

/**
 * A wave collector over one department database, for one request. A batch is held until every
 * loader dispatching in the same tick has joined (a promise job and a tick later, the way
 * DataLoader itself schedules), then the wave is read. `toggle` switches combining off (each part
 * alone), to measure against per-table reads in the same run.
 */
export function createDepartmentWave(db: Knex, toggle: { readonly combine: boolean } = waveReads): DepartmentWave {
  let pending: Pending[] = [];
  const flush = () => {
    const wave = pending;
    pending = [];
    void readWave(db, wave);
  };
  return {
    read<R>(part: WavePart<R>) {
      return (keys: readonly string[]) => {
        if (!toggle.combine) return part.alone(keys);
        return new Promise<R[]>((resolve, reject) => {
          if (pending.length === 0) void resolved.then(() => process.nextTick(flush));
          pending.push({ part: part as WavePart<unknown>, keys, resolve: resolve as (rows: unknown[]) => void, reject });
        });
      };
    },
  };
}

async function readWave(db: Knex, wave: Pending[]): Promise<void> {
  if (wave.length === 1) {
    const [only] = wave;
    only.part.alone(only.keys).then(only.resolve, only.reject);
    return;
  }
  try {
    const ordered = [...wave].sort((a, b) => (a.part.name < b.part.name ? -1 : a.part.name > b.part.name ? 1 : 0));
    const selects: string[] = [];
    const values: unknown[] = [];
    for (const [i, p] of ordered.entries()) {
      const part = await p.part.combined(p.keys, values.length + 1);
      selects.push(`(${part.text}) AS p${i}`);
      values.push(...part.values);
    }
    const [row] = await runSql<Record<string, Array<readonly unknown[]>>>(db, `SELECT ${selects.join(',\n       ')}`, values);
    ordered.forEach((p, i) => p.resolve(rowsOf(p.part.columns, row[`p${i}`])));
  } catch (err) {
    if (isStatementError(err)) for (const p of wave) p.part.alone(p.keys).then(p.resolve, p.reject);
    else for (const p of wave) p.reject(err);
  }
}

/** SQLSTATE classes that say the database, not the statement, failed: connection, resources, operator, system. */
const DATABASE_FAILURE = /^(08|53|57|58|XX)/;

/** Whether PostgreSQL refused the statement itself (its SQLSTATE), so its parts alone may still be answered. */
export function isStatementError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !DATABASE_FAILURE.test(code);
}

/** Row arrays back into objects keyed by the part's column names. */
function rowsOf(columns: readonly string[], arrays: Array<readonly unknown[]>): Record<string, unknown>[] {
  return arrays.map((values) => {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c += 1) row[columns[c]] = values[c];
    return row;
  });
}

/**
 * The json array of row arrays a part's subquery returns: `columns` read from `from` (a table
 * with its alias and WHERE), in `orderBy` order when given. `textColumns` are sent as text (numerics).
 */
export function jsonRows(alias: string, columns: readonly string[], from: string, orderBy?: string, textColumns: readonly string[] = []): string {
  const exprs = columns.map((c) => (textColumns.includes(c) ? `${alias}.${c}::text` : `${alias}.${c}`));
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  return `SELECT coalesce(json_agg(json_build_array(${exprs.join(', ')})${order}), '[]'::json) FROM ${from}`;
}
