import type { Knex } from 'knex';
import type { AuditStore } from '../audit/auditStore';
import type { Databases } from '../db/databases';
import { departmentModules } from '../departments/registry';

/** What a probe of one dependency found. */
export type ProbeResult = 'up' | 'down' | 'timeout';

/** What `/readyz` says about one department. */
export type DepartmentHealth = 'up' | 'degraded' | 'down';

/** The state of a department's circuit breaker, when there is one. */
export type CircuitState = 'closed' | 'half-open' | 'open';

/**
 * A department's health from its probe and (once wired) its circuit. This is the one place to
 * plug the per-department circuits in (issue 13, branch `deadlines`): pass their state through
 * `ReadinessOptions.circuitState`. An open circuit means the hub is answering SOURCE_UNAVAILABLE
 * for that department at once, so it is `down` whatever a single probe says; half-open is
 * `degraded` until the circuit closes.
 */
export function departmentHealth(probe: ProbeResult, circuit: CircuitState | undefined): DepartmentHealth {
  if (circuit === 'open') return 'down';
  if (probe !== 'up') return 'down';
  return circuit === 'half-open' ? 'degraded' : 'up';
}

export interface ReadinessOptions {
  dbs: Databases;
  auditStore: AuditStore;
  /** Longest a single probe is waited for; `/readyz` answers within about this (default 800 ms). */
  probeTimeoutMs?: number;
  /** The circuit state of a department, if circuits exist (see `departmentHealth`). */
  circuitState?: (department: string) => CircuitState | undefined;
}

export interface ReadinessReport {
  /** 200 when the hub database and the access log are usable; departments never fail the hub. */
  ready: boolean;
  body: {
    status: 'ready' | 'degraded' | 'unavailable';
    hub: ProbeResult;
    accessLog: 'writable' | 'unavailable';
    departments: Record<string, DepartmentHealth>;
    degraded: string[];
  };
}

/** A probe still running after this long is given up and a fresh one started (a dead connection may never answer). */
const STALE_PROBE_MS = 10_000;

/**
 * Runs `probe` at most once at a time: a call while one is still running (e.g. hung on a stopped
 * database) joins it instead of starting another, so probes never pile up on a hung dependency —
 * at most one more every STALE_PROBE_MS, so a probe stuck on a dead connection cannot keep the
 * answer at "timeout" after the dependency is back. Each caller waits at most `timeoutMs`.
 */
function singleFlight<T>(probe: () => Promise<T>, timeoutMs: number, onTimeout: T): () => Promise<T> {
  let running: Promise<T> | undefined;
  let startedAt = 0;
  return () => {
    if (!running || Date.now() - startedAt > STALE_PROBE_MS) {
      startedAt = Date.now();
      const current: Promise<T> = probe().finally(() => {
        if (running === current) running = undefined;
      });
      running = current;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(onTimeout), timeoutMs)));
    return Promise.race([running, late]).finally(() => clearTimeout(timer));
  };
}

/** A module's readiness probe (its own, else `SELECT 1`) as a probe result. */
function pingOf(db: Knex, probe?: (db: Knex) => Promise<void>): () => Promise<ProbeResult> {
  return async () => {
    try {
      await (probe ? probe(db) : db.raw('SELECT 1'));
      return 'up';
    } catch {
      return 'down';
    }
  };
}

/**
 * Readiness for `/readyz`: ready (200) while the hub database answers and the access log can be
 * appended to — the two things no request can do without — and every department's health listed
 * beside it, a department being down making the hub `degraded`, not unavailable (the hub still
 * serves every other field, and the missing ones as SOURCE_UNAVAILABLE). Answers within the
 * probe timeout whatever hangs.
 */
export function readinessOf(options: ReadinessOptions): () => Promise<ReadinessReport> {
  const timeout = options.probeTimeoutMs ?? 800;
  const accessLog = singleFlight(() => options.auditStore.probe(), timeout, false);
  const hub = singleFlight(pingOf(options.dbs.hub), timeout, 'timeout' as ProbeResult);
  // Every registered department module, with its own probe (src/departments/registry.ts).
  const departments = departmentModules()
    .filter((m) => m.kind === 'department' && options.dbs[m.name])
    .map((m) => [m.name, singleFlight(pingOf(options.dbs[m.name], m.parts().probe), timeout, 'timeout' as ProbeResult)] as const);
  return async () => {
    const [hubResult, writable, ...probes] = await Promise.all([hub(), accessLog(), ...departments.map(([, probe]) => probe())]);
    const health = Object.fromEntries(departments.map(([name], i) => [name, departmentHealth(probes[i], options.circuitState?.(name))]));
    const degraded = Object.keys(health).filter((name) => health[name] !== 'up');
    const ready = hubResult === 'up' && writable;
    return {
      ready,
      body: {
        status: !ready ? 'unavailable' : degraded.length ? 'degraded' : 'ready',
        hub: hubResult,
        accessLog: writable ? 'writable' : 'unavailable',
        departments: health,
        degraded,
      },
    };
  };
}
