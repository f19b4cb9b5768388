import { ConfigError } from '../config';
import { readWholeNumber } from '../startup/envReaders';

/**
 * Deadlines and circuit settings for the serving pools (hub and departments), read from the
 * environment. Every department call is bounded several ways, so a department that refuses,
 * hangs (a stopped process), waits on a lock or runs slow costs only its own fields:
 *
 * - `connectTimeoutMs`: opening a TCP/PostgreSQL connection (pg `connectionTimeoutMillis`);
 * - `acquireTimeoutMs`: waiting for a free connection of the pool (knex `acquireConnectionTimeout`),
 *   longer than `connectTimeoutMs`; a pool with no free connection in time is the hub's own
 *   congestion and does not count toward the circuit;
 * - `statementTimeoutMs`: PostgreSQL's own `statement_timeout` on every serving connection (lock
 *   waits count), and `idleInTransactionTimeoutMs` its `idle_in_transaction_session_timeout`;
 * - `queryTimeoutMs`: the client-side deadline of one query, counted from the moment its connection
 *   was acquired (the wait before is `acquireTimeoutMs`'s), which also holds when the server answers
 *   nothing at all; a connection that hits it is cancelled and dropped, never reused — for runSql's
 *   calls and for queries knex builds (pg's `query_timeout`, src/db/abandonOnTimeout.ts) alike;
 * - `requestDeadlineMs`: no source call starts once a request is this old (its fields answer
 *   SOURCE_UNAVAILABLE), so a request does not chain deadlines without end.
 *
 * The circuit per database opens after `circuitFailures` consecutive failed calls, answers at once
 * while open, and lets one probe through after `circuitHalfOpenMs`.
 *
 * The access log's readers (auditors, residents' own history) use a pool of their own,
 * `auditReadPoolMax` connections with `auditStatementTimeoutMs`, so they can never take the
 * connections the access-log append and the resident reads need.
 */
export interface SourceLimits {
  connectTimeoutMs: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  queryTimeoutMs: number;
  requestDeadlineMs: number;
  circuitFailures: number;
  circuitHalfOpenMs: number;
  auditReadPoolMax: number;
  auditStatementTimeoutMs: number;
}

/** The variables, their defaults and what they set (README "Deadlines and circuits"). */
export const SOURCE_LIMIT_VARIABLES: ReadonlyArray<{ variable: string; key: keyof SourceLimits; fallback: number }> = [
  { variable: 'DB_CONNECT_TIMEOUT_MS', key: 'connectTimeoutMs', fallback: 800 },
  { variable: 'DB_ACQUIRE_TIMEOUT_MS', key: 'acquireTimeoutMs', fallback: 1200 },
  { variable: 'DB_STATEMENT_TIMEOUT_MS', key: 'statementTimeoutMs', fallback: 1400 },
  { variable: 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', key: 'idleInTransactionTimeoutMs', fallback: 5000 },
  { variable: 'DB_QUERY_TIMEOUT_MS', key: 'queryTimeoutMs', fallback: 1500 },
  { variable: 'REQUEST_DEADLINE_MS', key: 'requestDeadlineMs', fallback: 5000 },
  { variable: 'CIRCUIT_FAILURES', key: 'circuitFailures', fallback: 5 },
  { variable: 'CIRCUIT_HALF_OPEN_MS', key: 'circuitHalfOpenMs', fallback: 5000 },
  { variable: 'AUDIT_READ_POOL_MAX', key: 'auditReadPoolMax', fallback: 2 },
  { variable: 'AUDIT_STATEMENT_TIMEOUT_MS', key: 'auditStatementTimeoutMs', fallback: 10000 },
];

/** Reads and validates the limits; throws `ConfigError` naming the variable. */
export function readSourceLimits(env: NodeJS.ProcessEnv = process.env): SourceLimits {
  const limits = {} as SourceLimits;
  for (const { variable, key, fallback } of SOURCE_LIMIT_VARIABLES) {
    limits[key] = readWholeNumber(env, variable, fallback);
  }
  // A connect that fails must surface as the database's failure (it counts toward the circuit), not
  // as the pool's acquire timeout (congestion, which does not): connecting has to give up first.
  if (limits.connectTimeoutMs >= limits.acquireTimeoutMs) throw new ConfigError('DB_CONNECT_TIMEOUT_MS must be below DB_ACQUIRE_TIMEOUT_MS');
  return limits;
}
