import type { Knex } from 'knex';
import { submitWave } from './sharedWaves';
import type { WavePart, WaveRequest } from './waveTypes';

export type { PartSql, WavePart } from './waveTypes';
export { isStatementError } from './sharedWaves';

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
 * - A wave is collected per request (made with the request's loaders, never outliving it); it is
 *   READ by its database's shared reader (src/sources/sharedWaves.ts), which may read the waves of
 *   several requests waiting together in one statement and hands each request only the rows of its
 *   own keys: what the request's own statement would have returned.
 */

/** Whether waves combine parts; off only to measure the per-table reads in the same run (bench target `hub-pertable`). */
export const waveReads = { combine: true };

/** A department's wave: `read(part)` gives the fetch function for a per-table loader. */
export interface DepartmentWave {
  read<R>(part: WavePart<R>): (keys: readonly string[]) => Promise<R[]>;
}

const resolved = Promise.resolve();

/**
 * A wave collector over one department database, for one request. A batch is held until every
 * loader dispatching in the same tick has joined (a promise job and a tick later, the way
 * DataLoader itself schedules), then the wave is handed to its database's shared reader
 * (`submitWave`), which reads it at once or, while earlier waves of any request are still being
 * read, with the waves that wait with it. `toggle` switches combining off (each part alone), to
 * measure against per-table reads in the same run.
 */
export function createDepartmentWave(db: Knex, toggle: { readonly combine: boolean } = waveReads): DepartmentWave {
  let pending: WaveRequest[] = [];
  const flush = () => {
    const wave = pending;
    pending = [];
    submitWave(db, wave);
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

/**
 * The json array of row arrays a part's subquery returns: `columns` read from `from` (a table
 * with its alias and WHERE), in `orderBy` order when given. `textColumns` are sent as text (numerics).
 */
export function jsonRows(alias: string, columns: readonly string[], from: string, orderBy?: string, textColumns: readonly string[] = []): string {
  const exprs = columns.map((c) => (textColumns.includes(c) ? `${alias}.${c}::text` : `${alias}.${c}`));
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  return `SELECT coalesce(json_agg(json_build_array(${exprs.join(', ')})${order}), '[]'::json) FROM ${from}`;
}
