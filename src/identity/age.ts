/** Ages from `YYYY-MM-DD` birth dates, on China Standard Time calendar days. */

let cached = { from: 0, until: 0, day: '' };
let fixedDay: string | null = null;

/**
 * Today's date in China Standard Time, `YYYY-MM-DD`. Without an argument the answer is cached
 * until the China day changes: ages are computed per person and field, so it must cost nothing.
 * Tests may fix the day (`setTodayForTests`) to play a caller polling across simulated dates.
 */
export function todayInChina(now?: Date): string {
  if (!now && fixedDay !== null) return fixedDay;
  const t = now ? now.getTime() : Date.now();
  if (!now && t >= cached.from && t < cached.until) return cached.day;
  const day = new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
  if (!now) {
    const from = Date.parse(`${day}T00:00:00+08:00`);
    cached = { from, until: from + 86_400_000, day };
  }
  return day;
}

/**
 * Fixes what `todayInChina()` answers (`null` returns to the real clock), for tests that simulate
 * dates in an in-process hub. Refused under NODE_ENV=production: a served hub's clock is real.
 */
export function setTodayForTests(day: string | null): void {
  if (process.env.NODE_ENV === 'production') throw new Error('The clock cannot be fixed in production.');
  if (day !== null && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('A fixed day is YYYY-MM-DD.');
  fixedDay = day;
}

/** 1 January of `today`'s year (`YYYY-01-01`). */
export function newYearsDay(today: string = todayInChina()): string {
  return `${today.slice(0, 4)}-01-01`;
}

/** Age in whole years on `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string = todayInChina()): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Five-year age band (`60-64`) on `today`. */
export function ageBand(birthDate: string, today: string = todayInChina()): string {
  const low = Math.floor(ageOn(birthDate, today) / 5) * 5;
  return `${low}-${low + 4}`;
}
