import type http from 'node:http';
import type { OperationReport } from '../schema/context';
import type { RequestIdentity } from './requestId';

/** Which endpoint a request hit: a closed set, so it can label metrics. */
export type Route = 'graphql' | 'healthz' | 'readyz' | 'metrics' | 'other';

/**
 * What is known about one request for its log line and metrics: filled by the admission gate
 * (identity, route), the GraphQL plugin (operation kind, role, error codes; see
 * `OperationReport`) and read when the response closes. Holds no personal data by construction.
 */
export interface RequestReport extends RequestIdentity, OperationReport {
  route: Route;
  /** Set when the gate answered by itself (`shed`, `shutting_down`). */
  refused?: 'shed' | 'shutting_down';
}

const reports = new WeakMap<http.IncomingMessage, RequestReport>();

export function routeOf(pathname: string): Route {
  switch (pathname) {
    case '/graphql': return 'graphql';
    case '/healthz': return 'healthz';
    case '/readyz': return 'readyz';
    case '/metrics': return 'metrics';
    default: return 'other';
  }
}

export function attachReport(req: http.IncomingMessage, report: RequestReport): void {
  reports.set(req, report);
}

/** The report the admission gate opened for `req`. Throws if the request did not pass the gate. */
export function reportOf(req: http.IncomingMessage): RequestReport {
  const report = reports.get(req);
  if (!report) throw new Error('request did not pass the admission gate');
  return report;
}

/** The outcome label of a finished request: a closed set derived from status and report. */
export function outcomeOf(status: number, report: RequestReport, finished: boolean): string {
  if (report.refused) return report.refused;
  if (!finished) return 'aborted';
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not_found';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'rejected';
  if (report.errorCodes.length === 0) return 'ok';
  return report.hasData ? 'partial' : 'error';
}
