/**
 * Calendar dates as integer day numbers (days since 1970-01-01, negative before), which keeps
 * the model in typed arrays and date arithmetic exact. Conversions use Howard Hinnant's
 * civil-from-days algorithm: no `Date` objects, no time zones.
 */

/**
 * "Today" for the generated data. It is fixed, not the clock, so that the same seed gives the same
 * bytes on any day; ages, expiry dates and "born in the last five years" are relative to it.
 */
export const SEED_REFERENCE_DATE = '2026-11-01';

/** Day number of a civil date. */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date [year, month, day] of a day number. */
export function civil(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of an ISO date string `YYYY-MM-DD`. */
export function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** `YYYY-MM-DD`. */
export function isoDate(dayNumber: number): string {
  const [y, m, d] = civil(dayNumber);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** `YYYYMMDD`, as in an ID number. */
export function compactDate(dayNumber: number): string {
  const [y, m, d] = civil(dayNumber);
  return `${y}${pad2(m)}${pad2(d)}`;
}

/** Completed years between a birth day and `onDay` (birthday on 29 Feb counts from 1 Mar). */
export function ageOn(birthDay: number, onDay: number): number {
  const [by, bm, bd] = civil(birthDay);
  const [y, m, d] = civil(onDay);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day a person born on `birthDay` turns `years` old (29 Feb birthdays fall on 1 Mar). */
export function birthdayAt(birthDay: number, years: number): number {
  const [by, bm, bd] = civil(birthDay);
  const day = dayOf(by + years, bm, bd);
  return civil(day)[1] === bm ? day : dayOf(by + years, 3, 1);
}

/** The year of a day number. */
export function yearOf(dayNumber: number): number {
  return civil(dayNumber)[0];
}
