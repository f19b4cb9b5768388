import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The hub's one Prometheus registry and every metric in it, served at `/metrics`.
 *
 * Labels come from closed sets only — route, operation kind, outcome, error code, database or
 * department name, reason — never a principal, a resident, a document, a header or a variable,
 * so nothing here can be turned back into a person (and cardinality stays bounded).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every HTTP request, by route (graphql, healthz, readyz, metrics, other), operation kind and outcome. */
export const httpRequests = new Counter({
  name: 'onefile_http_requests_total',
  help: 'HTTP requests by route, GraphQL operation kind and outcome',
  labelNames: ['route', 'kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Time from the request's arrival to the end of its response. */
export const httpRequestSeconds = new Histogram({
  name: 'onefile_http_request_duration_seconds',
  help: 'HTTP request latency by route, GraphQL operation kind and outcome',
  labelNames: ['route', 'kind', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** GraphQL requests being served right now (what load shedding counts). */
export const requestsInFlight = new Gauge({
  name: 'onefile_http_requests_in_flight',
  help: 'GraphQL requests admitted and not yet answered',
  registers: [metricsRegistry],
});

/** Requests answered 503 at once: `overloaded` (past MAX_IN_FLIGHT) or `shutting_down` (draining). */
export const requestsShed = new Counter({
  name: 'onefile_http_requests_shed_total',
  help: 'Requests refused with 503 before running, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

/** Coded errors in GraphQL responses (`extensions.code`: a closed set the hub itself produces). */
export const graphqlErrors = new Counter({
  name: 'onefile_graphql_errors_total',
  help: 'Errors in GraphQL responses by extensions.code',
  labelNames: ['code'] as const,
  registers: [metricsRegistry],
});

/** Access-record appends, by outcome (`ok`, `failed`), from the request's call to its commit. */
export const accessLogAppendSeconds = new Histogram({
  name: 'onefile_access_log_append_duration_seconds',
  help: 'Latency of appending one access record (group commit included), by outcome',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

/** Access records that could not be written (each one a response withheld with AUDIT_UNAVAILABLE). */
export const accessLogAppendFailures = new Counter({
  name: 'onefile_access_log_append_failures_total',
  help: 'Access records that could not be appended',
  registers: [metricsRegistry],
});

// --- Fed by the per-department deadlines and circuits (issue 13, branch `deadlines`) and the rate
// limiter. Declared here so the names and labels are fixed in one place; they read 0 until wired.

/** One department query (a loader batch or a search step), by department and outcome. */
export const departmentQuerySeconds = new Histogram({
  name: 'onefile_department_query_duration_seconds',
  help: 'Latency of department queries by department and outcome (ok, error, timeout, rejected)',
  labelNames: ['department', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** Department queries cut by their deadline (statement timeout, acquire timeout, request deadline). */
export const departmentTimeouts = new Counter({
  name: 'onefile_department_timeouts_total',
  help: 'Department queries that hit a deadline, by department and kind of deadline',
  labelNames: ['department', 'deadline'] as const,
  registers: [metricsRegistry],
});

/** Circuit state per department: 0 closed, 1 half-open, 2 open (see `CIRCUIT_STATE_VALUE`). */
export const departmentCircuitState = new Gauge({
  name: 'onefile_department_circuit_state',
  help: 'Circuit breaker state per department: 0 closed, 1 half-open, 2 open',
  labelNames: ['department'] as const,
  registers: [metricsRegistry],
});

/** The gauge values of `departmentCircuitState`. */
export const CIRCUIT_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Requests refused by a rate limit, by which limit. */
export const rateLimited = new Counter({
  name: 'onefile_rate_limited_total',
  help: 'Requests refused by a rate limit, by limit',
  labelNames: ['limit'] as const,
  registers: [metricsRegistry],
});
