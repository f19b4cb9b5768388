/**
 * Resident ID numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

/** The check character for the first 17 digits. Throws if `first17` is not 17 digits. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Why an ID number was rejected; never contains the number itself. */
export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECKSUM';

/**
 * Validates shape, birth date and check character. Returns the normalised number (upper-case X)
 * or the problem; the input is not echoed so it can never leak through an error message.
 */
export function validateIdNumber(input: string): { ok: true; idNumber: string } | { ok: false; problem: IdNumberProblem } {
  const idNumber = input.trim().toUpperCase();
  const m = SHAPE.exec(idNumber);
  if (!m) return { ok: false, problem: 'FORMAT' };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, problem: 'BIRTH_DATE' };
  if (checkCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'CHECKSUM' };
  return { ok: true, idNumber };
}

/** Builds a valid ID number from its parts; `sequence` is 0..999 (its parity carries the sex). */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
