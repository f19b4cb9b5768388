
/**
 * What identifiers are made of, and how few candidates may be left of one before a mask counts
 * as undone. A field declares its value's format (`@Policy(..., { value: 'ID_NUMBER' })`); the
 * policy build (policy/disclosureCheck.ts) counts, for every role and purpose, the candidates left
 * of each masked or denied value from everything the same caller may read, and refuses the table
 * when a count falls under its format's threshold.
 *
 * Facts are what other fields reveal about a resident's identifiers: `birthDate` (with how many
 * dates remain possible), `sex` (the parity of the ID sequence), a disability certificate's
 * `disabilityCategory` and `disabilityGrade` digits.
 */
export type Fact = 'birthDate' | 'sex' | 'disabilityCategory' | 'disabilityGrade';
export const FACTS: readonly Fact[] = ['birthDate', 'sex', 'disabilityCategory', 'disabilityGrade'];

/** A fact a readable field reveals, and how many values of it remain once read (1: exactly). */
export interface Revelation {
  fact: Fact;
  candidates: number;
}

/** Birth dates in a century: what remains of a birth date nobody revealed. */
export const DATES_IN_A_CENTURY = 36_525;

/** The kinds of identifier the check knows how to count. */
export type ValueKind = 'ID_NUMBER' | 'ID_CERTIFICATE' | 'PHONE' | 'SERIAL_NUMBER';

export interface ValueFormat {
  kind: ValueKind;
  /** What the value is made of, for docs/access-matrix.md. */
  parts: string;
  /** Fewest candidates a masked or denied value may leave. */
  threshold: number;
  /** Why that threshold. */
  why: string;
  /** SERIAL_NUMBER: digits of the sequential serial at the end (the SERIAL_PREFIX mask hides them). */
  serialDigits?: number;
  /**
   * SERIAL_NUMBER: how many serials one issuer hands out under one prefix, at the least (serials are
   * sequential, so only this range hides a serial, never the 10^digits of its width).
   */
  issuedAtLeast?: number;
}

const ID_WHY =
  '1,000: a guess is wrong 999 times in 1,000, and confirming candidates one by one is what the lookup miss budget stops; the ID number opens bank, telecom and travel records, so it gets the issue\'s figure';

export const VALUE_FORMATS = {
  ID_NUMBER: {
    kind: 'ID_NUMBER',
    parts: 'region code (6) + birth date (8) + sequence (3, odd for men) + MOD 11-2 check character (1); the region counts as known (most residents of a street carry its district\'s code)',
    threshold: 1000,
    why: ID_WHY,
  },
  DISABILITY_CERTIFICATE: {
    kind: 'ID_CERTIFICATE',
    parts: 'the holder\'s ID number (18) + category digit + grade digit',
    threshold: 1000,
    why: 'the same as the ID number it embeds: recovering the certificate recovers the ID number',
  },
  MOBILE_PHONE: {
    kind: 'PHONE',
    parts: 'carrier prefix (3) + number block (4) + line (4)',
    threshold: 1000,
    why: '1,000 calls or messages to reach one resident is not a quiet attack; the 4 hidden block digits leave 10,000',
  },
  HOUSEHOLD_NUMBER: {
    kind: 'SERIAL_NUMBER',
    parts: 'street code (9, the same for every household of the street) + sequential serial (6)',
    threshold: 100,
    why: '100: a 户号 opens nothing on its own (it links a household across registers); a guess is wrong 99 times in 100',
    serialDigits: 6,
    issuedAtLeast: 1000,
  },
  RESIDENCE_PERMIT_NUMBER: {
    kind: 'SERIAL_NUMBER',
    parts: 'issuer (京) + issue year (2) + sequential serial (9)',
    threshold: 100,
    why: '100: a permit number opens nothing without the card; a guess is wrong 99 times in 100',
    serialDigits: 9,
    issuedAtLeast: 1000,
  },
  BIRTH_CERTIFICATE_NUMBER: {
    kind: 'SERIAL_NUMBER',
    parts: 'print-year letter + province (11) + sequential serial (7)',
    threshold: 100,
    why: '100: a certificate number opens nothing without the paper; a guess is wrong 99 times in 100',
    serialDigits: 7,
    issuedAtLeast: 100,
  },
  DEATH_CERTIFICATE_NUMBER: {
    kind: 'SERIAL_NUMBER',
    parts: 'D + district code (6) + year (4) + sequential serial (6)',
    threshold: 100,
    why: '100: a certificate number opens nothing without the paper; a guess is wrong 99 times in 100',
    serialDigits: 6,
    issuedAtLeast: 100,
  },
} as const satisfies Record<string, ValueFormat>;

export type ValueFormatName = keyof typeof VALUE_FORMATS;
export const VALUE_FORMAT_NAMES = Object.keys(VALUE_FORMATS) as ValueFormatName[];

export function isValueFormatName(name: string): name is ValueFormatName {
  return (VALUE_FORMAT_NAMES as string[]).includes(name);
}

/** Parses `birthDate:366` or `sex` (candidates default to 1: exactly). */
export function parseRevelation(text: string): Revelation | undefined {
  const [fact, count] = text.split(':');
  const candidates = count === undefined ? 1 : Number(count);
  if (!(FACTS as string[]).includes(fact) || !Number.isInteger(candidates) || candidates < 1) return undefined;
  return { fact: fact as Fact, candidates };
}

export function formatRevelation(r: Revelation): string {
  return r.candidates === 1 ? r.fact : `${r.fact}:${r.candidates}`;
}
