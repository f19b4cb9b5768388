import type http from 'node:http';
import { errorBody, ErrorCode } from '../errors';
import { logger } from '../logger';
import { HttpRefusal } from './httpHardening';

/** Answers `status` with `body` as JSON. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A request header's value when it is sent once and not empty, else null. */
export function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Answers a failure thrown while handling a request: an HttpRefusal with its own status and code;
 * anything else with its `status` (body-parser style) as PAYLOAD_TOO_LARGE or BAD_REQUEST, or as
 * a logged 500 INTERNAL_SERVER_ERROR that says nothing more. A response already started is ended.
 */
export function answerFailure(res: http.ServerResponse, err: unknown): void {
  if (err instanceof HttpRefusal) {
    if (!res.headersSent) sendJson(res, err.status, errorBody(err.code, err.message));
    else res.end();
    return;
  }
  const status = (err as { status?: number }).status ?? 500;
  if (status >= 500) logger.error({ err: { message: (err as Error).message } }, 'http handler failed');
  if (!res.headersSent) {
    const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    sendJson(res, status, errorBody(code, status === 413 ? 'Request body too large.' : 'Request failed.'));
  } else res.end();
}
