import type { Knex } from 'knex';

/** The hub database's advisory lock key of check runs (one bigint, fixed: every process must use the same). */
export const CHECK_RUN_LOCK_KEY = '7013467291850018';

/** Thrown when another check run (another process, or this one) holds the lock: this run did nothing. */
export class CheckRunInProgressError extends Error {
  readonly code = 'CHECK_RUN_IN_PROGRESS';
  constructor() {
    super('Another check run is in progress on this hub database (it holds the check-run lock); this run did nothing. Try again when it has finished.');
  }
}

/** A held check-run lock: `release` unlocks it and gives its connection back. */
export interface CheckRunLock {
  release(): Promise<void>;
}

/**
 * Takes the check-run lock: a session-level PostgreSQL advisory lock on the hub database, held on
 * a connection of its own for the length of the run, so two runs (two `npm run checks:run`, or a
 * command and the in-process schedule, on any number of machines) never record at once. Does not
 * wait: throws CheckRunInProgressError when it is held. A process that dies loses its connection
 * and with it the lock.
 */
export async function takeCheckRunLock(hub: Knex): Promise<CheckRunLock> {
  const connection = await hub.client.acquireConnection();
  try {
    const { rows } = await hub.raw('SELECT pg_try_advisory_lock(?::bigint) AS locked', [CHECK_RUN_LOCK_KEY]).connection(connection);
    if (rows[0].locked !== true) throw new CheckRunInProgressError();
  } catch (err) {
    await hub.client.releaseConnection(connection);
    throw err;
  }
  return {
    async release() {
      try {
        await hub.raw('SELECT pg_advisory_unlock(?::bigint)', [CHECK_RUN_LOCK_KEY]).connection(connection);
      } finally {
        await hub.client.releaseConnection(connection);
      }
    },
  };
}
