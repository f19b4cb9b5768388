import type { DatabaseUrls } from '../config';
import { closeDatabases } from '../db/databases';
import { logger } from '../logger';
import { ConfigError } from '../startup/configError';
import { openCheckDatabases } from './checkDatabases';
import { runChecks } from './run';
import { CheckRunInProgressError } from './runLock';

/** Env variable: minutes between in-process check runs; unset, empty or 0 = no schedule (the default). */
export const CHECKS_INTERVAL_VARIABLE = 'CHECKS_INTERVAL_MINUTES';

/** The configured interval in minutes (0 = off); a value that is not a whole number of minutes 1..10080 is a startup error. */
export function checksIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[CHECKS_INTERVAL_VARIABLE];
  if (raw === undefined || raw === '' || raw === '0') return 0;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 10_080) throw new ConfigError(`${CHECKS_INTERVAL_VARIABLE} must be whole minutes from 1 to 10080 (or 0 for off), got ${raw}`);
  return n;
}

/**
 * The in-process schedule of check runs (off by default; operators may prefer cron with
 * `npm run checks:run`): every `minutes`, one run on pools of its own (./checkDatabases.ts), never
 * two at once; a failed run is logged (by code, no values) and the next one tries again. Returns a
 * stop function that waits for a run in progress.
 */
export function startCheckSchedule(urls: DatabaseUrls, minutes: number): () => Promise<void> {
  const dbs = openCheckDatabases(urls);
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = runChecks({ dbs, trigger: 'SCHEDULE' })
      .then((r) => logger.info({ runId: r.runId, found: r.rules.reduce((a, x) => a + x.found, 0), ms: r.evaluateMs + r.recordMs }, 'check run done'))
      .catch((err) => (err instanceof CheckRunInProgressError
        ? logger.warn({ code: err.code }, 'check run skipped: another run holds the lock')
        : logger.error({ code: (err as { code?: string }).code }, 'check run failed')))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, minutes * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await closeDatabases(dbs);
  };
}
