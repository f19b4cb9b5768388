import { BadInputError } from '../../errors';

/** Which list a cursor pages: persons or households (a cursor of one is refused by the other). */
export type CursorKind = 'person' | 'household';

const PREFIX: Record<CursorKind, string> = { person: 'v1:p:', household: 'v1:h:' };
const KEY = /^\d{1,15}$/;

/**
 * An opaque cursor: base64url of a version, the list kind and the police search key of the last
 * row (a surrogate key: no ID number, name, 户号 or address in it).
 */
export function encodeCursor(kind: CursorKind, searchKey: string | number): string {
  return Buffer.from(`${PREFIX[kind]}${searchKey}`, 'utf8').toString('base64url');
}

/** The search key in a cursor made by `encodeCursor(kind, …)`; INVALID_CURSOR for anything else. */
export function decodeCursor(kind: CursorKind, cursor: string): number {
  const bad = () => new BadInputError('INVALID_CURSOR', 'The cursor is not one this search returned.', { argument: 'after' });
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX[kind])) throw bad();
  const key = text.slice(PREFIX[kind].length);
  if (!KEY.test(key)) throw bad();
  return Number(key);
}
