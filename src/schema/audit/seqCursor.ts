import { BadInputError } from '../../errors';

/** Opaque cursor for a position in the access log (base64url of `log:<seq>`): no personal data. */
export function encodeSeqCursor(seq: number): string {
  return Buffer.from(`log:${seq}`, 'utf8').toString('base64url');
}

/** The sequence number inside a cursor, or INVALID_CURSOR. */
export function decodeSeqCursor(cursor: string): number {
  const m = /^log:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new BadInputError('INVALID_CURSOR', 'The cursor is not valid.', { argument: 'after' });
  return Number(m[1]);
}
