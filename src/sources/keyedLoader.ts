import DataLoader from 'dataloader';
import { SourceUnavailableError } from '../errors';
import { redactIdentifiers } from '../identity/identifierShapes';
import { logger } from '../logger';
import { CircuitOpenError } from './sourceHealth';

/**
 * The batch's keys in UTF-16 code-unit order, for `= ANY($1)`: PostgreSQL sorts the array before
 * an index scan, and an already sorted one costs it a single pass (a grid's ~600 ID numbers:
 * ~0.25 ms less per statement, bench/SEARCH.md). That holds where the column's collation orders
 * the keys the same way: always for ID numbers, uuids and digit codes; under a non-C collation
 * other text keys may still be re-sorted there. Rows are mapped back by key, so the order is free
 * to change.
 */
export function sortedKeys<K extends string>(keys: readonly K[]): K[] {
  return [...keys].sort();
}

/**
 * A per-request DataLoader whose batch function fetches every key in one query
 * (`WHERE key = ANY($1)`, keys sorted) and returns, per key, the matching row or null. Database
 * errors are logged with their cause and surface as `SourceUnavailableError(source)`, so SQL text
 * never reaches a client.
 */
export function oneByKey<K extends string, R>(
  source: string,
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await guarded(source, () => fetch(sortedKeys(keys)));
    const byKey = new Map<K, R>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Rows grouped by their key, in the order they came. */
export function groupByKey<K, R>(rows: readonly R[], keyOf: (row: R) => K): Map<K, R[]> {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(row);
    else byKey.set(keyOf(row), [row]);
  }
  return byKey;
}

/** Like `oneByKey`, but every key maps to the list of its rows (empty when there are none). */
export function manyByKey<K extends string, R>(
  source: string,
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const byKey = groupByKey(await guarded(source, () => fetch(sortedKeys(keys))), keyOf);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/**
 * Runs one source statement: a database error — a failed query, a deadline hit, or the
 * database's circuit being open (refused at once) — is logged (ID numbers scrubbed) and surfaces
 * as `SourceUnavailableError(source)`, so SQL text never reaches a client. A nested call's
 * SourceUnavailableError passes through unchanged.
 */
export async function guarded<R>(source: string, fetch: () => Promise<R>): Promise<R> {
  try {
    return await fetch();
  } catch (err) {
    if (err instanceof SourceUnavailableError) throw err;
    const { message, code } = err as { message?: string; code?: string };
    if (err instanceof CircuitOpenError) logger.debug({ source }, 'source circuit open');
    else logger.error({ source, err: { code, message: redactIdentifiers(String(message)) } }, 'source query failed');
    throw new SourceUnavailableError(source, err);
  }
}
