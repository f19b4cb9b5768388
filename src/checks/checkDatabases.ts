import type { DatabaseUrls } from '../config';
import { Databases, openDatabases } from '../db/databases';
import { readSourceLimits } from '../db/sourceLimits';

/** How long one statement of a check run may take (a full scan of a department table at 1,000,000 residents takes seconds). */
export const CHECK_STATEMENT_TIMEOUT_MS = 300_000;

/**
 * Pools for a check run: the serving logins (the hub as `onefile_app`, which may record runs and
 * findings and nothing else of the hub's tables; the departments as configured, read-only for
 * OneFile), small (the run is sequential), with the long statement deadline a full scan needs
 * instead of the request path's. Separate from the serving pools, so a run never takes a
 * request's connection.
 */
export function openCheckDatabases(urls: DatabaseUrls, timeoutMs = CHECK_STATEMENT_TIMEOUT_MS): Databases {
  const limits = readSourceLimits();
  return openDatabases(urls, {
    poolMax: 2,
    limits: { ...limits, statementTimeoutMs: timeoutMs, queryTimeoutMs: timeoutMs + 1000, idleInTransactionTimeoutMs: timeoutMs, acquireTimeoutMs: Math.max(limits.acquireTimeoutMs, 30_000) },
  });
}
