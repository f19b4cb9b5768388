import { codesOf, ErrorCode } from './catalogue';

/**
 * Coded errors the hub raises on purpose. They carry a stable `code` that reaches clients as
 * `extensions.code`, and a message that is safe to show: never SQL text, never an ID number.
 * Anything thrown that is not an `AppError` is reported as INTERNAL_SERVER_ERROR with a generic
 * message (see server/formatError.ts). Every code is defined in the catalogue (catalogue.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, non-sensitive details for `extensions`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A department (or the hub's own) database could not answer; the cause is logged, not sent. */
export class SourceUnavailableError extends AppError {
  constructor(readonly source: string, override readonly cause: unknown) {
    super('SOURCE_UNAVAILABLE', `The ${source} records are temporarily unavailable.`, { source });
  }
}

/** The caller sent something the hub cannot accept (malformed id, bad ID number, ...). */
export class BadInputError extends AppError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/**
 * The whole request is refused before any resident data is read (raised while checking the
 * operation, not by a resolver). The access record of the request has outcome REFUSED and this
 * `code` as its refusal; the codes are the catalogue's `refusal` group. The message never repeats
 * the offending value.
 */
export class RefusedError extends AppError {
  constructor(code: ErrorCode, message: string, readonly status: number, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/**
 * Codes that mean "refused, nothing read" wherever they are raised (a resolver's check of its
 * arguments included): a request that ends with one of them and disclosed nothing is recorded
 * as REFUSED with that code.
 */
export const REFUSAL_CODES: ReadonlySet<string> = new Set(codesOf('refusal'));

/**
 * The hub refuses a request before running it, answered with HTTP 503 and `Retry-After`:
 * SHUTTING_DOWN while it drains for a stop (with `Connection: close`), OVERLOADED when more
 * requests are in flight than it admits (MAX_IN_FLIGHT). Nothing was read or recorded.
 */
export class ServiceUnavailableError extends AppError {
  constructor(code: 'SHUTTING_DOWN' | 'OVERLOADED', readonly retryAfterSeconds: number) {
    super(code, code === 'SHUTTING_DOWN' ? 'The hub is shutting down; retry on another instance.' : 'The hub is at capacity; retry shortly.');
  }
}

/**
 * The request is older than its deadline (REQUEST_DEADLINE_MS), so no further source is asked:
 * the fields still unresolved answer this instead of waiting on a slow department.
 */
export class DeadlineExceededError extends AppError {
  constructor() {
    super('DEADLINE_EXCEEDED', 'The request ran out of time before this field could be read.');
  }
}
