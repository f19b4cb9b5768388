import type http from 'node:http';
import type { Databases } from '../db/databases';
import { readSourceLimits } from '../db/sourceLimits';
import type { RequestLifetime } from '../schema/context';
import { sourceHealthOf } from '../sources/sourceHealth';

/**
 * The request deadline of a server on `dbs`: the serving pools' `requestDeadlineMs` (the environment's
 * for an owner set, which has no limits of its own). Read once when the server starts, not per request.
 */
export function requestDeadlineOf(dbs: Databases): number {
  return (sourceHealthOf(dbs.hub)?.limits ?? readSourceLimits()).requestDeadlineMs;
}

/**
 * Watches `res`: a timer marks the deadline `deadlineMs` (see requestDeadlineOf; cleared when the
 * response closes), and a `close` before the response finished marks the request abandoned and
 * aborts `signal`.
 */
export function watchRequest(res: http.ServerResponse, deadlineMs: number): RequestLifetime {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
  }, deadlineMs);
  timer.unref();
  res.once('close', () => {
    clearTimeout(timer);
    if (!res.writableFinished) controller.abort();
  });
  return {
    get expired() {
      return expired;
    },
    get abandoned() {
      return controller.signal.aborted;
    },
    signal: controller.signal,
  };
}
