/**
 * Candidate counting for the insider attack suite, written from the public formats alone and
 * independently of the policy code (src/policy is never imported here): given the strings and
 * dates a caller saw about one resident, how many values could a masked or denied identifier
 * still be?
 */

const DAY = 86_400_000;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Day number (UTC days since 1970-01-01) of a `YYYY-MM-DD` date. */
export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** A closed range of day numbers; empty when lo > hi. */
export interface DayRange {
  lo: number;
  hi: number;
}

export function intersect(a: DayRange, b: DayRange): DayRange {
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

/** Birth dates that give age `age` (whole years) on `today`. */
export function birthRangeForAge(minAge: number, maxAge: number, today: string): DayRange {
  const [y, m, d] = today.split('-').map(Number);
  const back = (years: number): number => dayOf(`${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`.replace(/-02-29$/, '-02-28'));
  // age >= minAge: born on or before today - minAge years; age <= maxAge: born after today - (maxAge+1) years.
  return { lo: back(maxAge + 1) + 1, hi: back(minAge) };
}

/**
 * What a caller may know about an 18-character ID number: characters seen at each position
 * (`null` where masked), the birth dates still possible, the sex, and the regions to try when
 * the region is not shown.
 */
export interface IdKnowledge {
  pattern: Array<string | null>;
  births: DayRange;
  sex: 'MALE' | 'FEMALE' | null;
  regions: readonly string[];
}

function compact(day: number): string {
  return isoOf(day).replace(/-/g, '');
}

/**
 * The number of ID numbers consistent with the knowledge: region × birth dates × sequences ×
 * check-character validity, enumerated exactly (the check character through a histogram of the
 * sequences' contribution to the MOD 11-2 sum).
 */
export function idCandidates(k: IdKnowledge): number {
  const shown = (i: number) => k.pattern[i] ?? null;
  const regionShown = [0, 1, 2, 3, 4, 5].every((i) => shown(i) !== null);
  const regions = (regionShown ? [k.pattern.slice(0, 6).join('')] : k.regions).filter((r) =>
    [...r].every((c, i) => shown(i) === null || shown(i) === c),
  );
  const sequences: string[] = [];
  for (let s = 1; s <= 999; s++) {
    const seq = String(s).padStart(3, '0');
    if (k.sex === 'MALE' && s % 2 === 0) continue;
    if (k.sex === 'FEMALE' && s % 2 === 1) continue;
    if ([...seq].every((c, i) => shown(14 + i) === null || shown(14 + i) === c)) sequences.push(seq);
  }
  const check = shown(17);
  const histogram = new Array<number>(11).fill(0);
  for (const seq of sequences) {
    let sum = 0;
    for (let i = 0; i < 3; i++) sum += Number(seq[i]) * WEIGHTS[14 + i];
    histogram[sum % 11]++;
  }
  let count = 0;
  for (let day = k.births.lo; day <= k.births.hi; day++) {
    const date = compact(day);
    if (![...date].every((c, i) => shown(6 + i) === null || shown(6 + i) === c)) continue;
    for (const region of regions) {
      if (check === null) {
        count += sequences.length;
        continue;
      }
      const target = CHECK_CHARS.indexOf(check);
      if (target < 0) continue;
      let sum = 0;
      const first14 = region + date;
      for (let i = 0; i < 14; i++) sum += Number(first14[i]) * WEIGHTS[i];
      count += histogram[(((target - sum) % 11) + 11) % 11];
    }
  }
  return count;
}

/** Whether `idNumber` fits the knowledge (a sanity check that the counting never drops the truth). */
export function idFits(k: IdKnowledge, idNumber: string): boolean {
  const day = dayOf(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
  const seq = Number(idNumber.slice(14, 17));
  if (k.sex === 'MALE' && seq % 2 === 0) return false;
  if (k.sex === 'FEMALE' && seq % 2 === 1) return false;
  return day >= k.births.lo && day <= k.births.hi && [...idNumber].every((c, i) => k.pattern[i] === null || k.pattern[i] === c);
}

/**
 * Reads a masked rendering into known characters. A rendering that does not have the full
 * length (`****1234` for an 18-character value) is aligned at its end, as a trailing mask is.
 */
export function patternOf(shown: string, length: number): Array<string | null> {
  const chars = [...shown];
  const out: Array<string | null> = new Array(length).fill(null);
  if (chars.length === length) {
    chars.forEach((c, i) => (out[i] = c === '*' ? null : c));
  } else {
    const offset = length - chars.length;
    chars.forEach((c, i) => {
      if (offset + i >= 0 && c !== '*') out[offset + i] = c;
    });
  }
  return out;
}

/** Merges patterns: a position known in any is known. */
export function mergePatterns(length: number, patterns: Array<Array<string | null>>): Array<string | null> {
  const out: Array<string | null> = new Array(length).fill(null);
  for (const p of patterns) p.forEach((c, i) => (out[i] ??= c));
  return out;
}

/**
 * Candidates for a number made of a prefix the caller knows or can guess plus a sequentially
 * issued serial of `serialDigits` digits: the serials from 1 to `issued` (how many the issuer has
 * handed out, which an insider can estimate) that fit the digits shown.
 */
export function serialCandidates(pattern: Array<string | null>, serialDigits: number, issued: number): number {
  const tail = pattern.slice(pattern.length - serialDigits);
  let count = 0;
  for (let s = 1; s <= issued; s++) {
    const digits = String(s).padStart(serialDigits, '0');
    if ([...digits].every((c, i) => tail[i] === null || tail[i] === c)) count++;
  }
  return count;
}

/** Candidates for an 11-digit mobile number: the carrier prefixes in use × the hidden digits. */
export function phoneCandidates(pattern: Array<string | null>, prefixesInUse: number): number {
  const prefixKnown = pattern.slice(0, 3).every((c) => c !== null);
  const hiddenRest = pattern.slice(3).filter((c) => c === null).length;
  return (prefixKnown ? 1 : prefixesInUse) * 10 ** hiddenRest;
}
