import { CIRCUIT_STATE_VALUE, departmentCircuitState, departmentQuerySeconds, departmentTimeouts } from '../metrics';
import type { SourceHealth } from './sourceHealth';

/**
 * Feeds the department metrics declared in src/metrics.ts from one hub's SourceHealth: every call's
 * latency by outcome (ok, error, timeout, rejected — refused at once by an open circuit), the calls
 * cut by their deadline, and each circuit's state. Returns the function that stops feeding.
 */
export function feedSourceMetrics(health: SourceHealth): () => void {
  for (const [source, state] of Object.entries(health.states())) departmentCircuitState.set({ department: source }, CIRCUIT_STATE_VALUE[state]);
  return health.subscribe((event) => {
    if (event.kind === 'state') {
      departmentCircuitState.set({ department: event.source }, CIRCUIT_STATE_VALUE[event.state]);
      return;
    }
    const outcome = event.ok ? 'ok' : event.circuitOpen ? 'rejected' : event.timedOut ? 'timeout' : 'error';
    departmentQuerySeconds.observe({ department: event.source, outcome }, event.ms / 1000);
    if (event.timedOut) departmentTimeouts.inc({ department: event.source, deadline: 'source_call' });
  });
}
