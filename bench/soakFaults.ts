import type { Knex } from 'knex';
import type { Databases } from '../src/db/databases';
import type { SecondCluster } from './soakCluster';

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
 * - civil affairs hung, when it runs alone in `civilCluster`: every process of that cluster stopped
 *   (SIGSTOP) for `seconds / 3`, then continued — the server neither answers nor resets;
 * - civil affairs locked: one of its tables locked exclusively for `seconds / 3` (queries wait on the lock);
 * - an auditor storm: ten concurrent `accessAnomalies` calls.
 */
export function soakFaults(
  owner: Databases, databaseNames: Record<string, string>, seconds: number, auditorStorm: () => Promise<unknown>, civilCluster?: SecondCluster,
): Fault[] {
  const civil: Knex = civilCluster?.db ?? owner.civil;
  const hung: Fault[] = civilCluster
    ? [{
        name: 'civil hung (its cluster SIGSTOPped)',
        async run() {
          const ms = Math.round((seconds / 3) * 1000);
          civilCluster.hang();
          try {
            await sleep(ms);
          } finally {
            civilCluster.resume();
          }
          return `${ms} ms`;
        },
      }]
    : [];
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
      name: 'civil locked (a table locked exclusively)',
      async run() {
        const ms = Math.round((seconds / 3) * 1000);
        await civil.transaction(async (trx) => {
          await trx.raw('LOCK TABLE marital_status IN ACCESS EXCLUSIVE MODE');
          await sleep(ms);
        });
        return `${ms} ms`;
      },
    },
    ...hung,
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
