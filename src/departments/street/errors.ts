import { AppError, BadInputError, RefusedError } from '../../errors';

/**
 * The street office's error codes (issue 16), defined here so they can be folded into the one
 * error catalogue. Every one reaches the client as `extensions.code`; none repeats the value sent.
 */
export const STREET_ERROR_CODES = {
  /** No such household in the caller's grids: a household outside them answers exactly the same. */
  HOUSEHOLD_NOT_FOUND: 'HOUSEHOLD_NOT_FOUND',
  /** `visitedAt` is later than now (a few minutes of clock skew allowed). */
  VISIT_IN_FUTURE: 'VISIT_IN_FUTURE',
  /** `visitedAt` is older than the window a visit may still be entered in (VISIT_ENTRY_WINDOW_DAYS). */
  VISIT_TOO_OLD: 'VISIT_TOO_OLD',
  /** The note is longer than the limit. */
  NOTE_TOO_LONG: 'NOTE_TOO_LONG',
  /** The note holds text shaped like an ID number, a phone number or a bank-card number. */
  NOTE_CONTAINS_IDENTIFIER: 'NOTE_CONTAINS_IDENTIFIER',
  /** A need is not a code of the needs catalogue, or is given twice. */
  UNKNOWN_NEED: 'UNKNOWN_NEED',
  /** A member met is not a registered member of the household, or is given twice. */
  MEMBER_NOT_IN_HOUSEHOLD: 'MEMBER_NOT_IN_HOUSEHOLD',
  /** MET needs at least one member met; the other outcomes met nobody of the household. */
  MEMBERS_MET_INCONSISTENT: 'MEMBERS_MET_INCONSISTENT',
  /** An observation is out of range (occupants 0..99). */
  INVALID_OBSERVATION: 'INVALID_OBSERVATION',
  /** The idempotency key is not 8-64 characters of letters, digits, `-` or `_`. */
  INVALID_IDEMPOTENCY_KEY: 'INVALID_IDEMPOTENCY_KEY',
  /** The idempotency key was already used by this staff member for a different visit. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A second recordVisit in the same request: each write has its own request id. */
  ONE_WRITE_PER_REQUEST: 'ONE_WRITE_PER_REQUEST',
  /** The caller's role may not record visits. */
  WRITE_NOT_PERMITTED: 'WRITE_NOT_PERMITTED',
  /** The write could not be committed after its access record was appended; a WRITE_FAILED record says so. */
  VISIT_NOT_RECORDED: 'VISIT_NOT_RECORDED',
} as const;

/** Codes that refuse a write before anything is written: the access record says REFUSED with the code. */
export const STREET_REFUSAL_CODES: ReadonlySet<string> = new Set([
  'VISIT_IN_FUTURE', 'VISIT_TOO_OLD', 'NOTE_TOO_LONG', 'NOTE_CONTAINS_IDENTIFIER', 'UNKNOWN_NEED', 'MEMBER_NOT_IN_HOUSEHOLD',
  'MEMBERS_MET_INCONSISTENT', 'INVALID_OBSERVATION', 'INVALID_IDEMPOTENCY_KEY', 'IDEMPOTENCY_KEY_REUSED', 'WRITE_NOT_PERMITTED', 'ONE_WRITE_PER_REQUEST',
  'PURPOSE_NOT_APPLICABLE', 'HOUSEHOLD_NOT_FOUND',
]);

/** A visit refused before anything was written (bad input, wrong role or purpose, unknown household). */
export class VisitRefusedError extends BadInputError {
  constructor(code: keyof typeof STREET_ERROR_CODES | 'PURPOSE_NOT_APPLICABLE', message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** The visit could not be committed after its access record was written (HTTP 503: retry with the same key). */
export class VisitNotRecordedError extends AppError {
  constructor() {
    super('VISIT_NOT_RECORDED', 'The visit could not be saved; nothing was recorded. Retry with the same idempotency key.');
  }
}

export { RefusedError };
