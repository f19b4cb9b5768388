import type http from 'node:http';
import { errorBody, ServiceUnavailableError } from '../errors';
import { logger } from '../logger';
import { httpRequests, httpRequestSeconds, requestsInFlight, requestsShed } from '../metrics';
import { requestIdentity } from './requestId';
import { attachReport, outcomeOf, RequestReport, routeOf } from './requestReport';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface AdmissionOptions {
  /** Most GraphQL requests served at once; the next one is answered 503 OVERLOADED at once. */
  maxInFlight: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds?: number;
}

/** The path of a request target; null if it does not parse as a URL. */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/** Probes and metrics are cheap and must answer under load: only GraphQL requests are shed. */
const SHEDDABLE = new Set(['graphql']);

function refuse(res: http.ServerResponse, error: ServiceUnavailableError, closeConnection: boolean): void {
  res.statusCode = 503;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('retry-after', String(error.retryAfterSeconds));
  if (closeConnection) res.setHeader('connection', 'close');
  res.end(JSON.stringify(errorBody(error.code, error.message)));
}

/**
 * The hub's front gate, in front of every HTTP request:
 * - answers a request target that is not a URL with 400 BAD_REQUEST (it used to reach the handler's 500);
 * - gives the request its identity (`x-request-id`, `traceparent`; see requestId.ts) and a report;
 * - sheds load: past `maxInFlight` GraphQL requests it answers 503 OVERLOADED with `Retry-After`
 *   at once instead of queueing;
 * - while draining for shutdown it answers every new request (on a kept-alive connection) 503
 *   SHUTTING_DOWN with `Connection: close`, and makes the in-flight ones close their connection
 *   when they finish;
 * - when a response closes, records its metrics and writes its one log line (no personal data:
 *   path without query string, route, operation kind, role, status, outcome, error codes, time).
 */
export class Admission {
  private admitted = 0;
  private isDraining = false;
  private readonly live = new Set<http.ServerResponse>();
  private readonly retryAfter: number;

  constructor(private readonly options: AdmissionOptions) {
    this.retryAfter = options.retryAfterSeconds ?? 1;
  }

  /** GraphQL requests admitted and not yet answered. */
  get inFlight(): number {
    return this.admitted;
  }

  get draining(): boolean {
    return this.isDraining;
  }

  /** From now on new requests get 503 SHUTTING_DOWN; responses still to be written close their connection. */
  startDraining(): void {
    this.isDraining = true;
    for (const res of this.live) if (!res.headersSent) res.setHeader('connection', 'close');
  }

  /** Wraps the hub's request handler with the gate. */
  wrap(handler: Handler): Handler {
    return (req, res) => {
      const started = performance.now();
      const path = pathOf(req.url);
      const route = routeOf(path ?? '');
      const report: RequestReport = { ...requestIdentity(req.headers), route, kind: route === 'graphql' ? 'none' : route, errorCodes: [] };
      attachReport(req, report);
      res.setHeader('x-request-id', report.requestId);
      res.setHeader('cache-control', 'no-store');
      const counted = SHEDDABLE.has(route);
      res.once('close', () => this.finish(req, res, report, started, counted && !report.refused));

      if (path === null) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end(JSON.stringify(errorBody('BAD_REQUEST', 'The request target is not a valid URL.')));
      }
      if (this.isDraining) {
        report.refused = 'shutting_down';
        requestsShed.inc({ reason: 'shutting_down' });
        return refuse(res, new ServiceUnavailableError('SHUTTING_DOWN', this.retryAfter), true);
      }
      if (counted && this.admitted >= this.options.maxInFlight) {
        report.refused = 'shed';
        requestsShed.inc({ reason: 'overloaded' });
        return refuse(res, new ServiceUnavailableError('OVERLOADED', this.retryAfter), false);
      }
      if (counted) {
        this.admitted++;
        requestsInFlight.inc();
      }
      this.live.add(res);
      handler(req, res);
    };
  }

  private finish(req: http.IncomingMessage, res: http.ServerResponse, report: RequestReport, started: number, counted: boolean): void {
    this.live.delete(res);
    if (counted) {
      this.admitted--;
      requestsInFlight.dec();
    }
    const seconds = (performance.now() - started) / 1000;
    const outcome = outcomeOf(res.statusCode, report, res.writableFinished);
    const labels = { route: report.route, kind: report.kind, outcome };
    httpRequests.inc(labels);
    httpRequestSeconds.observe(labels, seconds);
    const line = {
      requestId: report.requestId,
      traceId: report.traceId,
      parentSpanId: report.parentSpanId,
      method: req.method,
      route: report.route,
      kind: report.kind,
      role: report.role,
      status: res.statusCode,
      outcome,
      errors: report.errorCodes.length ? report.errorCodes : undefined,
      durationMs: Math.round(seconds * 10_000) / 10,
    };
    // Probes and scrapes come every few seconds: at debug, so the info log is one line per real request.
    if (report.route === 'graphql' || report.route === 'other') logger.info(line, 'request');
    else logger.debug(line, 'request');
  }
}
