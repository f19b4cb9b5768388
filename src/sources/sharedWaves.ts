import type { Knex } from 'knex';
import { sortedKeys } from './keyedLoader';
import { runSql } from './runSql';
import type { PartSql, WavePart, WaveRequest } from './waveTypes';

/**
 * Waves of concurrent requests read together (issue 15): group commit for keyed reads.
 *
 * Under load most of a file's cost is per statement, not per row — on the hub's side (driver,
 * pool, parse of the answer) and on the database's (a backend woken, bind, execute, answer) —
 * while the same few statements (a household's members, their civil and health sections) are
 * sent by every request. So each database has one reader: a wave goes out at once while fewer
 * than `maxInFlight` reads of that database are under way; otherwise it waits, and every wave
 * waiting when a read finishes goes out in ONE statement. At one client nothing waits and nothing
 * changes; at 32 a statement carries several requests' keys.
 *
 * Contracts:
 * - Each request gets exactly the rows its own statement would return: parts of different
 *   requests share a subquery only when their text and every value but the keys are equal plain
 *   data (the same part under the same row scope; `valuesSignature`); the subquery reads the
 *   union of their keys, and each request gets back the rows whose `part.key` is one of its keys,
 *   in the statement's order.
 *   Parts that differ (another caller's row scope) are separate subqueries of the statement.
 * - Nothing is kept: rows are handed out and forgotten (the per-request loaders cache, nothing
 *   here does), so no request can be served another's rows later.
 * - A failure stays with the request that caused it: when the shared statement fails with a
 *   statement error (a bad value in one request's keys, a missing table), every request's wave is
 *   read again on its own. A database failure (unreachable, a deadline, an open circuit) rejects
 *   every part that was in the statement.
 * - Parts tell their row scope by `shareKey` (or, without one, by their subquery's text and values).
 * - Parts of one name are one subquery per row scope: a statement with two subqueries of the same
 *   name (different callers' scopes) is sent unnamed, so mixed traffic cannot pile up prepared
 *   statements on a connection.
 */
export const waveSharing = {
  /** Off only to measure against per-request waves in the same run (bench target `hub-noshare`). */
  on: true,
  /** Reads of one database under way before waves wait for each other. */
  maxInFlight: 2,
};

interface Reader {
  inFlight: number;
  waiting: WaveRequest[];
}

const readers = new WeakMap<Knex, Reader>();

/**
 * Reads `wave` (one request's parts, collected in one tick) on `db`: now, or with the waves
 * waiting with it once a read of `db` finishes. Every part's promise is settled; nothing throws.
 *
 * What the parts' signatures wait for — the request's row scope, read from the hub database the first
 * time it is needed (rowScope.ts, memoised) — is waited for first, in the request's own time: inside
 * a read of `db` it would hold that read, and with it every other request's wave queued behind it,
 * for another database's answer (a congested or locked hub stalled every police read).
 */
export function submitWave(db: Knex, wave: WaveRequest[]): void {
  if (!waveSharing.on) {
    void readWaves(db, wave);
    return;
  }
  const signed = wave.map(async (r) => {
    r.signature = await signatureOf(r);
  });
  void Promise.all(signed).then(() => {
    const ready = wave.filter((r) => r.signature !== null);
    if (ready.length) queue(db, ready);
  });
}

/** Queues `wave` on `db`'s reader; reads at once while fewer than `maxInFlight` reads are under way. */
function queue(db: Knex, wave: WaveRequest[]): void {
  let reader = readers.get(db);
  if (!reader) readers.set(db, (reader = { inFlight: 0, waiting: [] }));
  for (const r of wave) reader.waiting.push(r);
  if (reader.inFlight < waveSharing.maxInFlight) drain(db, reader);
}

function drain(db: Knex, reader: Reader): void {
  const batch = reader.waiting;
  reader.waiting = [];
  reader.inFlight += 1;
  void readWaves(db, batch).finally(() => {
    reader.inFlight -= 1;
    if (reader.waiting.length && reader.inFlight < waveSharing.maxInFlight) drain(db, reader);
  });
}

/** Parts of one or more requests that read as one subquery: same part text and scope values. */
interface Slot {
  part: WavePart<unknown>;
  /** The part's name and what tells its subquery apart (`signatureOf`), for ordering and telling slots apart. */
  signature: string;
  keys: string[];
  requests: WaveRequest[];
}

/**
 * Reads the parts in one statement (a single slot: the part's own statement over the union of
 * keys) and settles every request's promise; resolves when all are settled and never rejects
 * (a part that throws, even synchronously, rejects its own requests).
 */
export async function readWaves(db: Knex, requests: readonly WaveRequest[]): Promise<void> {
  try {
    if (requests.length === 1) {
      requests[0].resolve(await requests[0].part.alone(requests[0].keys));
      return;
    }
    const slots = await slotsOf(requests);
    if (slots.length === 1) {
      handOut(slots[0], await slots[0].part.alone(slots[0].keys));
      return;
    }
    const selects: string[] = [];
    const values: unknown[] = [];
    const read: Slot[] = [];
    for (const slot of slots) {
      const part = await settledOrRejected(slot.requests, () => slot.part.combined(slot.keys, values.length + 1));
      if (!part) continue;
      selects.push(`(${part.text}) AS p${read.length}`);
      values.push(...part.values);
      read.push(slot);
    }
    if (!read.length) return;
    const sameName = read.some((s, i) => i > 0 && s.part.name === read[i - 1].part.name);
    const [row] = await runSql<Record<string, Array<readonly unknown[]>>>(db, `SELECT ${selects.join(',\n       ')}`, values, { prepare: !sameName });
    read.forEach((slot, i) => handOut(slot, rowsOf(slot.part.columns, row[`p${i}`])));
  } catch (err) {
    if (requests.length > 1 && isStatementError(err)) await readAlone(requests);
    else for (const r of requests) r.reject(err);
  }
}

/**
 * `build()`'s subquery, or null after rejecting `requests` with its error: a part whose SQL cannot
 * be built (its request's row scope failed to resolve) fails its own requests, not the statement.
 */
async function settledOrRejected(requests: readonly WaveRequest[], build: () => Promise<PartSql> | PartSql): Promise<PartSql | null> {
  try {
    return await build();
  } catch (err) {
    for (const r of requests) rejected(r, err);
    return null;
  }
}

/** Rejects `r` and marks it settled (signature null), so a re-read after a statement error skips it. */
function rejected(r: WaveRequest, err: unknown): void {
  r.signature = null;
  r.reject(err);
}

/** The parts of requests still unsettled read again on their own statements (after a statement error). */
async function readAlone(requests: readonly WaveRequest[]): Promise<void> {
  await Promise.all(requests.filter((r) => r.signature !== null).map((r) => Promise.resolve().then(() => r.part.alone(r.keys)).then(r.resolve, r.reject)));
}

/**
 * The requests' parts grouped into slots, ordered by part name then signature (one set of parts
 * is one statement text). A part asked once keeps its own keys; parts of one name are compared
 * by their subquery's text and non-key values.
 */
async function slotsOf(requests: readonly WaveRequest[]): Promise<Slot[]> {
  const byName = new Map<string, WaveRequest[]>();
  for (const r of requests) {
    const list = byName.get(r.part.name);
    if (list) list.push(r);
    else byName.set(r.part.name, [r]);
  }
  const slots: Slot[] = [];
  for (const [name, list] of byName) {
    if (list.length === 1) {
      slots.push({ part: list[0].part, signature: name, keys: [...list[0].keys], requests: list });
      continue;
    }
    const bySignature = new Map<string, Slot>();
    for (const r of list) {
      const signature = r.signature === undefined ? await signatureOf(r) : r.signature;
      if (signature === null) continue;
      const slot = bySignature.get(signature);
      if (slot) slot.requests.push(r);
      else bySignature.set(signature, { part: r.part, signature, keys: [], requests: [r] });
    }
    for (const slot of bySignature.values()) {
      const keys = new Set<string>();
      for (const r of slot.requests) for (const k of r.keys) keys.add(k);
      slot.keys = sortedKeys([...keys]);
      slots.push(slot);
    }
  }
  return slots.sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
}

/**
 * The part's slot signature: its name and share key, or (a part without one) its subquery's text
 * and non-key values (`valuesSignature`); null after rejecting the request when neither can be had
 * (its scope failed). Worked out before the wave queues (`submitWave`) and kept on the request.
 */
async function signatureOf(r: WaveRequest): Promise<string | null> {
  const name = r.part.name;
  try {
    if (r.part.shareKey) return `${name}\u0000${await r.part.shareKey()}`;
    const sql = await r.part.combined(r.keys, 1);
    // A value that is not plain data is never taken to equal another request's: its part reads alone.
    const values = valuesSignature(sql.values.slice(1));
    return `${name}\u0001${sql.text}\u0000${values ?? `unshared ${(unshared += 1)}`}`;
  } catch (err) {
    rejected(r, err);
    return null;
  }
}

let unshared = 0;

/**
 * The non-key values of a part's subquery as text that is equal for two lists exactly when they
 * are the same plain data — strings, numbers, booleans, BigInts, null (or undefined, which pg also
 * binds as NULL) and arrays of these — or undefined when a value is anything else. Not JSON:
 * JSON.stringify throws on a BigInt (failing every request waiting on the database) and maps
 * values pg binds differently to one text (NaN and Infinity to null, an object pg binds through
 * `toPostgres()` to its enumerable fields, a Date to an ISO string), which would read one request's
 * part under another request's row scope.
 */
export function valuesSignature(values: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) parts.push('N');
    else if (typeof v === 'string') parts.push(JSON.stringify(v));
    else if (typeof v === 'number') parts.push(`n${String(v)}`);
    else if (typeof v === 'bigint') parts.push(`b${v.toString()}`);
    else if (typeof v === 'boolean') parts.push(v ? 'T' : 'F');
    else if (Array.isArray(v)) {
      const inner = valuesSignature(v);
      if (inner === undefined) return undefined;
      parts.push(`[${inner}]`);
    } else return undefined;
  }
  return parts.join(',');
}

/** Each request of the slot gets the rows of its own keys (all of them when it is the slot's only request). */
function handOut(slot: Slot, rows: unknown[]): void {
  if (slot.requests.length === 1) {
    slot.requests[0].resolve(rows);
    return;
  }
  const column = slot.part.key;
  for (const r of slot.requests) {
    const mine = new Set(r.keys);
    r.resolve(rows.filter((row) => mine.has((row as Record<string, unknown>)[column] as string)));
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
