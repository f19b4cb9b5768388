import type { Databases } from '../src/db/databases';

/** A fault the soak injects while traffic runs; `run` resolves when it has been undone. */
export interface Fault {
  name: string;
  run(): Promise<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The soak's faults, on the owner's pools (the embedded cluster's superuser; on configured databases
 * without those rights a fault reports that it was skipped):
 * - a department stopped: its database refuses connections and its sessions are terminated, for
 *   `seconds`, then allowed again;
 * - a department hung: one of its tables locked exclusively for `seconds / 3` (queries wait, as on a
 *   stopped server);
 * - an auditor storm: ten concurrent `accessAnomalies` calls.
 */
export function soakFaults(owner: Databases, databaseNames: Record<string, string>, seconds: number, auditorStorm: () => Promise<unknown>): Fault[] {
  return [
    {
      name: 'health stopped',
      async run() {
        const db = databaseNames.health;
        try {
          await owner.hub.raw(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS false`);
          await owner.hub.raw('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()', [db]);
        } catch (err) {
          return `skipped (${(err as { code?: string }).code})`;
        }
        await sleep(seconds * 1000);
        await owner.hub.raw(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS true`);
        return `${seconds} s`;
      },
    },
    {
      name: 'civil hung (table locked)',
      async run() {
        const ms = Math.round((seconds / 3) * 1000);
        await owner.civil.transaction(async (trx) => {
          await trx.raw('LOCK TABLE marital_status IN ACCESS EXCLUSIVE MODE');
          await sleep(ms);
        });
        return `${ms} ms`;
      },
    },
    {
      name: 'auditor storm',
      async run() {
        const started = performance.now();
        await Promise.all(Array.from({ length: 10 }, auditorStorm));
        return `10 calls, ${Math.round(performance.now() - started)} ms`;
      },
    },
  ];
}
