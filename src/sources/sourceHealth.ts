import { BrokenCircuitError, circuitBreaker, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import type { Knex } from 'knex';
import { databaseNames, DatabaseName } from '../config';
import type { SourceLimits } from '../db/sourceLimits';

/** A circuit's state as readiness and metrics show it. */
export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** What a source reports to listeners (readiness, metrics): every call, and every state change. */
export type SourceEvent =
  | { kind: 'call'; source: DatabaseName; ms: number; ok: boolean; timedOut: boolean; circuitOpen: boolean }
  | { kind: 'state'; source: DatabaseName; state: CircuitStateName };

export type SourceListener = (event: SourceEvent) => void;

/** A call whose query ran out of its deadline; internal, surfaces as SOURCE_UNAVAILABLE. */
export class SourceTimeoutError extends Error {
  readonly code = 'SOURCE_TIMEOUT';
  constructor(
    readonly source: string,
    ms: number,
    /**
     * `query`: the statement did not answer in time. (`acquire` is kept for callers that bound the
     * wait for a connection themselves; runSql leaves that to the pool, whose KnexTimeoutError is congestion.)
     */
    readonly phase: 'acquire' | 'query',
  ) {
    super(`${source} did not answer within ${ms} ms (${phase})`);
    this.name = 'SourceTimeoutError';
  }
}

/**
 * Whether a failure is the hub's own congestion — no free connection in its pool in time — rather
 * than the database failing: it answers SOURCE_UNAVAILABLE like any failure but does not count
 * toward opening the circuit, so a burst of load never takes a healthy department offline.
 */
export function isPoolCongestion(err: unknown): boolean {
  const e = err as { name?: string; phase?: string } | null;
  return e?.name === 'KnexTimeoutError' || (e instanceof SourceTimeoutError && e.phase === 'acquire');
}

/** A call refused at once because the source's circuit is open; internal, surfaces as SOURCE_UNAVAILABLE. */
export class CircuitOpenError extends Error {
  readonly code = 'CIRCUIT_OPEN';
  constructor(readonly source: string) {
    super(`${source} circuit is open`);
    this.name = 'CircuitOpenError';
  }
}

/** Whether an error is a deadline being hit (ours, PostgreSQL's statement timeout, the pool's acquire or connect timeout). */
export function isTimeout(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string } | null;
  if (!e) return false;
  return e.code === 'SOURCE_TIMEOUT' || e.code === '57014' || e.name === 'KnexTimeoutError' || /timeout/i.test(String(e.message));
}

function stateName(state: CircuitState): CircuitStateName {
  return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open';
}

/** The deadline and circuit one serving pool's calls run under (see runSql). */
export interface SourceGuard {
  readonly source: DatabaseName;
  readonly limits: SourceLimits;
  /** Runs one call through the circuit, reporting its latency and outcome to the listeners. */
  run<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * The health of one hub's sources: a circuit per database (cockatiel, consecutive-failure
 * breaker; the hub's own pool congestion does not count, see isPoolCongestion), the current state of each, and a listener API for call latency, timeouts and state
 * changes. One per set of serving pools (`openDatabases`), so two hubs in one process never share
 * a circuit. Readiness and metrics read `states()` and subscribe with `subscribe()`.
 */
export class SourceHealth {
  private readonly circuits = new Map<DatabaseName, CircuitBreakerPolicy>();
  private readonly listeners = new Set<SourceListener>();

  constructor(readonly limits: SourceLimits) {
    for (const source of databaseNames()) {
      const circuit = circuitBreaker(handleWhen((err) => !isPoolCongestion(err)), { halfOpenAfter: limits.circuitHalfOpenMs, breaker: new ConsecutiveBreaker(limits.circuitFailures) });
      circuit.onStateChange((state) => this.emit({ kind: 'state', source, state: stateName(state) }));
      this.circuits.set(source, circuit);
    }
  }

  /** Current circuit state per database. */
  states(): Record<DatabaseName, CircuitStateName> {
    const out = {} as Record<DatabaseName, CircuitStateName>;
    for (const [source, circuit] of this.circuits) out[source] = stateName(circuit.state);
    return out;
  }

  /** Databases whose circuit is not closed. */
  degraded(): DatabaseName[] {
    return [...this.circuits].filter(([, c]) => c.state !== CircuitState.Closed).map(([s]) => s);
  }

  /** Adds a listener; returns the function that removes it. A throwing listener is ignored. */
  subscribe(listener: SourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  guard(source: DatabaseName): SourceGuard {
    const circuit = this.circuits.get(source)!;
    const emit = (e: SourceEvent) => this.emit(e);
    return {
      source,
      limits: this.limits,
      async run<T>(call: () => Promise<T>): Promise<T> {
        const started = performance.now();
        try {
          const result = await circuit.execute(call);
          emit({ kind: 'call', source, ms: performance.now() - started, ok: true, timedOut: false, circuitOpen: false });
          return result;
        } catch (err) {
          const open = err instanceof BrokenCircuitError;
          emit({ kind: 'call', source, ms: performance.now() - started, ok: false, timedOut: !open && isTimeout(err), circuitOpen: open });
          throw open ? new CircuitOpenError(source) : err;
        }
      },
    };
  }

  private emit(event: SourceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's failure must never fail a source call
      }
    }
  }
}

const guards = new WeakMap<Knex, SourceGuard>();
const healths = new WeakMap<Knex, SourceHealth>();

/** Puts a serving pool under a guard (done by openDatabases; owner pools stay unguarded). */
export function registerSourceGuard(db: Knex, health: SourceHealth, source: DatabaseName): void {
  guards.set(db, health.guard(source));
  healths.set(db, health);
}

/** The guard of a serving pool, or undefined for an owner pool (migrations, seeding). */
export function sourceGuardOf(db: Knex): SourceGuard | undefined {
  return guards.get(db);
}

/** The source health of the hub whose serving pools include `hub` (pass `dbs.hub`), if guarded. */
export function sourceHealthOf(db: Knex): SourceHealth | undefined {
  return healths.get(db);
}
