import type { Knex } from 'knex';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics';

/** The parts of tarn's pool (knex's) that the gauges read. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
}

const watched = new Map<string, Knex>();

function poolOf(db: Knex): TarnPool | undefined {
  return (db.client as { pool?: TarnPool }).pool ?? undefined;
}

/** Connections per pool and state, read from the pools when Prometheus scrapes. */
new Gauge({
  name: 'onefile_db_pool_connections',
  help: 'Connections of each database pool by state: used, free, pending_acquire (callers waiting), pending_create, max',
  labelNames: ['database', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [database, db] of watched) {
      const pool = poolOf(db);
      if (!pool) continue;
      this.set({ database, state: 'used' }, pool.numUsed());
      this.set({ database, state: 'free' }, pool.numFree());
      this.set({ database, state: 'pending_acquire' }, pool.numPendingAcquires());
      this.set({ database, state: 'pending_create' }, pool.numPendingCreates());
      this.set({ database, state: 'max' }, pool.max);
    }
  },
});

/**
 * Reports the pools on `/metrics` under their names (e.g. `hub`, `police`); returns a function
 * that stops reporting them. A later pool under the same name replaces the earlier one.
 */
export function watchPools(pools: Record<string, Knex>): () => void {
  for (const [name, db] of Object.entries(pools)) watched.set(name, db);
  return () => {
    for (const [name, db] of Object.entries(pools)) if (watched.get(name) === db) watched.delete(name);
  };
}
