import { createHash } from 'node:crypto';
import { identifierShapesIn } from '../../identity/identifierShapes';
import { VisitRefusedError } from './errors';
import { isNeedCode, VisitOutcome } from './needCatalog';

/** Most characters a visit note may have (the resident's views in a few sentences). */
export const NOTE_MAX_CHARS = 500;
/** Clock skew tolerated between a mobile client and the hub before a visit counts as "in the future". */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** Default of VISIT_ENTRY_WINDOW_DAYS: how many days after a visit it may still be entered. */
export const DEFAULT_ENTRY_WINDOW_DAYS = 7;

/** What was observed at the door, besides the outcome. */
export interface VisitObservations {
  /** Whether living alone was confirmed (null: not checked). */
  livesAloneConfirmed?: boolean | null;
  /** How many people actually live there (null: not established). */
  occupants?: number | null;
  /** Whether the people found differ from the registered household (人户不符). */
  addressMismatch?: boolean | null;
}

/** A visit as the client sends it (GraphQL input, see visit.input.ts). */
export interface VisitInput {
  householdId: string;
  visitedAt: Date;
  outcome: VisitOutcome;
  membersMet: readonly string[];
  observations?: VisitObservations | null;
  note?: string | null;
  needs: readonly string[];
  /** Needs (of `needs`) the staff member solved on the spot: their tickets are created RESOLVED. */
  solvedOnSpot?: readonly string[] | null;
  idempotencyKey: string;
}

/** The checked visit, normalised: what is written. */
export interface CheckedVisit {
  householdId: string;
  visitedAt: Date;
  outcome: VisitOutcome;
  membersMet: string[];
  livesAloneConfirmed: boolean | null;
  occupants: number | null;
  addressMismatch: boolean | null;
  note: string | null;
  needs: string[];
  solvedOnSpot: string[];
  idempotencyKey: string;
  /** sha256 of the normalised visit: a retry with the same key must carry the same hash. */
  payloadHash: string;
}

/** VISIT_ENTRY_WINDOW_DAYS (1..90), default 7. */
export function readEntryWindowDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.VISIT_ENTRY_WINDOW_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_ENTRY_WINDOW_DAYS;
  const days = Number(raw);
  return Number.isInteger(days) && days >= 1 && days <= 90 ? days : DEFAULT_ENTRY_WINDOW_DAYS;
}

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Checks a visit's own content (everything that needs no database) and returns it normalised, or
 * throws a VisitRefusedError with the first problem's code. The note is refused, never trimmed or
 * redacted, when it holds an ID-, phone- or bank-card-shaped number: the staff member rewrites it.
 * Names are not refused (a note may say 张阿姨): the note is street data at level 2, never logged.
 */
export function checkVisitInput(input: VisitInput, now: Date, windowDays: number): CheckedVisit {
  if (!KEY.test(input.idempotencyKey)) throw new VisitRefusedError('INVALID_IDEMPOTENCY_KEY', 'idempotencyKey must be 8-64 letters, digits, "-" or "_" (e.g. a UUID the client made).');
  const at = input.visitedAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new VisitRefusedError('VISIT_TOO_OLD', 'visitedAt is not a time.');
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new VisitRefusedError('VISIT_IN_FUTURE', 'visitedAt is in the future.');
  if (at.getTime() < now.getTime() - windowDays * 86_400_000) {
    throw new VisitRefusedError('VISIT_TOO_OLD', `A visit may be entered up to ${windowDays} days after it was made.`, { windowDays });
  }
  const note = input.note == null || input.note.trim() === '' ? null : input.note.trim();
  if (note !== null && [...note].length > NOTE_MAX_CHARS) throw new VisitRefusedError('NOTE_TOO_LONG', `The note may have at most ${NOTE_MAX_CHARS} characters.`, { maxChars: NOTE_MAX_CHARS });
  if (note !== null) {
    const shapes = identifierShapesIn(note);
    if (shapes.length) throw new VisitRefusedError('NOTE_CONTAINS_IDENTIFIER', 'The note holds a number shaped like an ID, phone or bank-card number: leave it out.', { shapes });
  }
  const needs = [...new Set(input.needs)];
  if (needs.length !== input.needs.length || needs.some((n) => !isNeedCode(n))) throw new VisitRefusedError('UNKNOWN_NEED', 'needs must be distinct codes of the needs catalogue.');
  const solved = [...new Set(input.solvedOnSpot ?? [])];
  if (solved.length !== (input.solvedOnSpot ?? []).length || solved.some((n) => !needs.includes(n))) {
    throw new VisitRefusedError('UNKNOWN_NEED', 'solvedOnSpot must be distinct needs of this visit.');
  }
  const members = input.membersMet.map((m) => m.toLowerCase());
  if (new Set(members).size !== members.length) throw new VisitRefusedError('MEMBER_NOT_IN_HOUSEHOLD', 'A member met is given twice.');
  if ((input.outcome === 'MET') !== (members.length > 0)) {
    throw new VisitRefusedError('MEMBERS_MET_INCONSISTENT', 'MET needs at least one member met; other outcomes list none.');
  }
  const o = input.observations ?? {};
  const occupants = o.occupants ?? null;
  if (occupants !== null && (!Number.isInteger(occupants) || occupants < 0 || occupants > 99)) throw new VisitRefusedError('INVALID_OBSERVATION', 'occupants must be 0 to 99.');
  const checked = {
    householdId: input.householdId.toLowerCase(),
    visitedAt: new Date(Math.floor(at.getTime() / 1000) * 1000),
    outcome: input.outcome,
    membersMet: [...members].sort(),
    livesAloneConfirmed: o.livesAloneConfirmed ?? null,
    occupants,
    addressMismatch: o.addressMismatch ?? null,
    note,
    needs: [...needs].sort(),
    solvedOnSpot: solved.sort(),
    idempotencyKey: input.idempotencyKey,
  };
  const payloadHash = createHash('sha256').update(JSON.stringify({ ...checked, visitedAt: checked.visitedAt.toISOString() })).digest('hex');
  return { ...checked, payloadHash };
}
