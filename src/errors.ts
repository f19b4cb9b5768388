/**
 * Coded errors the hub raises on purpose. They carry a stable `code` that reaches clients as
 * `extensions.code`, and a message that is safe to show: never SQL text, never an ID number.
 * Anything thrown that is not an `AppError` is reported as INTERNAL_SERVER_ERROR with a generic
 * message (see server/formatError.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
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
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
