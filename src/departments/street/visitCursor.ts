import { BadInputError } from '../../errors';
import type { VisitCursor } from './visitRows';

/** Most visits per page of Household.visits. */
export const MAX_VISITS_PAGE = 50;

/** An opaque cursor for a position in a household's visits: a visit's time and id, nothing of the resident. */
export function encodeVisitCursor(visitedAt: Date, id: string): string {
  return Buffer.from(`${visitedAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or INVALID_CURSOR. */
export function decodeVisitCursor(cursor: string): VisitCursor {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || Number.isNaN(Date.parse(m[1]))) throw new BadInputError('INVALID_CURSOR', 'The cursor is not one this list returned.', { argument: 'after' });
  return { visitedAt: m[1], id: m[2] };
}

/** 1 to MAX_VISITS_PAGE, else PAGE_SIZE_TOO_LARGE or INVALID_PAGE_SIZE (the codes every list uses). */
export function checkVisitsPage(first: number): number {
  if (first > MAX_VISITS_PAGE) {
    throw new BadInputError('PAGE_SIZE_TOO_LARGE', `At most ${MAX_VISITS_PAGE} visits per page.`, { argument: 'first', max: MAX_VISITS_PAGE });
  }
  if (!Number.isInteger(first) || first < 1) throw new BadInputError('INVALID_PAGE_SIZE', 'first must be at least 1.', { argument: 'first' });
  return first;
}
