import { containsHan, looksLikeIdentifier } from '../identity/identifierShapes';

/**
 * The default case-number format (`CASE_NUMBER_PATTERN`): a 1-4 letter prefix, the year and a
 * serial, e.g. `XS-2026-0042` (刑事 2026 第 42 号). It admits no run of digits long enough to be an
 * ID, phone or card number, and no Han characters.
 */
export const DEFAULT_CASE_NUMBER_PATTERN = /^[A-Z]{1,4}-\d{4}-\d{1,6}$/;

/** Samples no case-number format may accept: an ID number, a mobile number, a card number. */
const MUST_REJECT = ['110101194909222648', '11010519491231002X', '13812345678', '6222021234567890123'];

/** Why a case-number pattern from the configuration is unusable, or null if it is fine. */
export function caseNumberPatternProblem(pattern: RegExp): string | null {
  if (!pattern.source.startsWith('^') || !pattern.source.endsWith('$')) return 'must be anchored with ^ and $';
  if (MUST_REJECT.some((sample) => pattern.test(sample))) return 'accepts ID, phone or card numbers';
  return null;
}

/** Why a case number is refused: it is missing, not of the format, or shaped like an identifier. */
export type CaseNumberProblem = 'MISSING' | 'FORMAT' | 'IDENTIFIER';

/**
 * Checks an `x-case-number` header. The format comes first; then, whatever the configured format
 * admits, anything shaped like an ID number, phone or card number, or containing Han characters (a
 * name), is refused — a case number is written to the access log for ever. Returns null when fine.
 */
export function caseNumberProblem(value: string | null, pattern: RegExp = DEFAULT_CASE_NUMBER_PATTERN): CaseNumberProblem | null {
  if (value === null || value.trim() === '') return 'MISSING';
  // Node reads header bytes as Latin-1: a name sent as UTF-8 shows its Han characters only re-decoded.
  const asUtf8 = Buffer.from(value, 'latin1').toString('utf8');
  if ([value, asUtf8].some((text) => looksLikeIdentifier(text) || containsHan(text))) return 'IDENTIFIER';
  if (value.length > 64 || !pattern.test(value)) return 'FORMAT';
  return null;
}
