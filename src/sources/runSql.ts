import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { abandonConnection } from '../db/cancelQuery';
import { SourceTimeoutError, sourceGuardOf } from './sourceHealth';

interface PgConnection {
  query(config: { name?: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

interface PooledClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
  emit(event: 'query', data: unknown): boolean;
}

/** Statement names by SQL text; the texts are fixed SQL built from code, so the set is small. */
const NAMES = new Map<string, string>();
const MAX_NAMES = 2000;

/**
 * The prepared-statement name for `text`: a digest of the text, so one name can never stand for
 * two statements (pg refuses that) and every connection of every pool agrees on it.
 */
export function statementName(text: string): string {
  let name = NAMES.get(text);
  if (name === undefined) {
    name = `of_${createHash('sha1').update(text).digest('base64url')}`;
    if (NAMES.size >= MAX_NAMES) NAMES.clear();
    NAMES.set(text, name);
  }
  return name;
}

/** An array element that needs no quoting in a PostgreSQL array literal: ID numbers, codes, uuids. */
const BARE_ELEMENT = /^[0-9A-Za-z_.:-]+$/;

function isBare(v: unknown): boolean {
  // The word NULL (any case) unquoted is SQL NULL in an array literal.
  return typeof v === 'string' && BARE_ELEMENT.test(v) && (v.length !== 4 || v.toLowerCase() !== 'null');
}

/**
 * `value` as pg would send it, but cheaper for the arrays the hot paths bind (hundreds of ID
 * numbers): when every element is a string of letters, digits and `_.:-`, the literal is the
 * elements joined, with no per-element quoting (pg's own serializer runs two regex replaces per
 * element and concatenates). Anything else is returned as is, for pg to serialize.
 */
export function bindable(value: unknown): unknown {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isBare)) return value;
  return `{${value.join(',')}}`;
}

/**
 * Runs one parameterised statement (`$1`, `$2`, … placeholders) on a connection from `db`'s pool,
 * without knex's query builder: the hot read paths are fixed SQL, and building them per batch
 * cost more CPU than GraphQL execution (bench/RESULTS.md profile). The statement is prepared
 * once per connection (a named statement): later runs skip parsing and, once PostgreSQL settles
 * on a generic plan, planning — about half the client and server CPU of a short keyed query on
 * these machines. Emits knex's `query` event like knex itself, so statement counting (tests,
 * benchmarks) stays true. Values are always bound, never spliced into the text.
 *
 * `prepare: false` sends an unnamed statement, planned afresh for its values: for statements
 * whose best plan depends on the values (search: a LIKE prefix, the size of an `= ANY` array, a
 * LIMIT), where PostgreSQL's generic plan can be a hundred times slower (bench/SEARCH.md).
 *
 * On a serving pool (see `openDatabases`) the call runs under its database's guard: the circuit
 * (refused at once while open), the pool's acquire timeout `DB_ACQUIRE_TIMEOUT_MS`, then the query
 * deadline `DB_QUERY_TIMEOUT_MS` from the moment the connection is acquired (src/db/sourceLimits.ts). Owner pools (migrations, seeding) run unbounded.
 */
export async function runSql<R>(db: Knex, text: string, values: readonly unknown[], options: { prepare?: boolean } = {}): Promise<R[]> {
  const guard = sourceGuardOf(db);
  if (!guard) return runOnPool<R>(db, text, values, options, undefined);
  return guard.run(() => runOnPool<R>(db, text, values, options, { source: guard.source, ms: guard.limits.queryTimeoutMs }));
}

/**
 * Acquires a connection and runs the statement, the query within `deadline` when given. The wait
 * for a connection is the pool's (knex's `acquireConnectionTimeout`, DB_ACQUIRE_TIMEOUT_MS: a full
 * pool is the hub's own congestion, KnexTimeoutError, which the circuit does not count); the
 * deadline starts once the connection is ours, so a call that queued for its connection still gets
 * its whole query time. On the deadline the call rejects with SourceTimeoutError at once, and the
 * query is cancelled and its connection dropped (a hung server never answers, and pg would queue
 * the next query behind it).
 */
async function runOnPool<R>(
  db: Knex, text: string, values: readonly unknown[], options: { prepare?: boolean }, deadline: { source: string; ms: number } | undefined,
): Promise<R[]> {
  const client = db.client as unknown as PooledClient;
  const connection = await client.acquireConnection();
  const work = (async () => {
    try {
      client.emit('query', { sql: text, bindings: values, method: 'raw' });
      const bound = values.map(bindable);
      const result = await connection.query(options.prepare === false ? { text, values: bound } : { name: statementName(text), text, values: bound });
      return result.rows as R[];
    } finally {
      await client.releaseConnection(connection);
    }
  })();
  if (!deadline) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandonConnection(connection);
      reject(new SourceTimeoutError(deadline.source, deadline.ms, 'query'));
    }, deadline.ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
