import { AppError } from '../../../errors';
import { identifierShapesIn } from '../../../identity/identifierShapes';
import { VisitRefusedError } from '../errors';

/** Refusal codes of ticket writes (all in the one catalogue, src/errors/catalogue.ts). */
export type TicketRefusalCode =
  | 'TICKET_NOT_FOUND' | 'ILLEGAL_TRANSITION' | 'TICKET_VERSION_CONFLICT' | 'UNKNOWN_DEPARTMENT' | 'INVALID_RATING' | 'UNKNOWN_NEED'
  | 'HOUSEHOLD_NOT_FOUND' | 'MEMBER_NOT_IN_HOUSEHOLD' | 'NOTE_TOO_LONG' | 'NOTE_CONTAINS_IDENTIFIER' | 'WRITE_NOT_PERMITTED'
  | 'PURPOSE_NOT_APPLICABLE' | 'INVALID_IDEMPOTENCY_KEY' | 'IDEMPOTENCY_KEY_REUSED';

/**
 * A ticket write refused before anything was written (bad input, wrong role, another department's
 * or another household's ticket, a stale version). The request's access record says REFUSED with
 * the code; the message never repeats the value sent.
 */
export class TicketRefusedError extends VisitRefusedError {
  constructor(code: TicketRefusalCode, message: string, details: Record<string, unknown> = {}) {
    super(code as never, message, details);
  }
}

/** The ticket write could not be committed after its access record was appended (HTTP 503). */
export class TicketNotRecordedError extends AppError {
  constructor() {
    super('TICKET_NOT_RECORDED', 'The ticket could not be saved; nothing was recorded. Retry.');
  }
}

/** Most characters of a summary, a transition reason or a rating comment (the tables check the same). */
export const TICKET_TEXT_MAX_CHARS = 200;

/**
 * A free text of a ticket (summary, reason, comment), trimmed, or null when empty. Refused, never
 * trimmed or redacted, when longer than TICKET_TEXT_MAX_CHARS (NOTE_TOO_LONG) or when it holds an
 * ID-, phone- or bank-card-shaped number (NOTE_CONTAINS_IDENTIFIER): the same checks as visit notes.
 */
export function checkTicketText(text: string | null | undefined, what: string): string | null {
  const value = text == null || text.trim() === '' ? null : text.trim();
  if (value === null) return null;
  if ([...value].length > TICKET_TEXT_MAX_CHARS) throw new TicketRefusedError('NOTE_TOO_LONG', `The ${what} may have at most ${TICKET_TEXT_MAX_CHARS} characters.`, { maxChars: TICKET_TEXT_MAX_CHARS });
  const shapes = identifierShapesIn(value);
  if (shapes.length) throw new TicketRefusedError('NOTE_CONTAINS_IDENTIFIER', `The ${what} holds a number shaped like an ID, phone or bank-card number: leave it out.`, { shapes });
  return value;
}

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Refuses an idempotency key that is not 8-64 letters, digits, `-` or `_`. */
export function checkIdempotencyKey(key: string): string {
  if (!KEY.test(key)) throw new TicketRefusedError('INVALID_IDEMPOTENCY_KEY', 'idempotencyKey must be 8-64 letters, digits, "-" or "_" (e.g. a UUID the client made).');
  return key;
}
