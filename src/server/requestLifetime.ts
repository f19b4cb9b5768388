import type http from 'node:http';
import type { Databases } from '../db/databases';
import { readSourceLimits } from '../db/sourceLimits';
import type { RequestLifetime } from '../schema/context';
import { sourceHealthOf } from '../sources/sourceHealth';

/**
 * Watches `res`: a timer marks the deadline (cleared when the response closes), and a `close`
 * before the response finished marks the request abandoned and aborts `signal`. The deadline is
 * the serving pools' `requestDeadlineMs`.
 */
export function watchRequest(res: http.ServerResponse, dbs: Databases): RequestLifetime {
  const deadlineMs = (sourceHealthOf(dbs.hub)?.limits ?? readSourceLimits()).requestDeadlineMs;
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
