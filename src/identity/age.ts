/** Ages from `YYYY-MM-DD` birth dates, on China Standard Time calendar days. */

/** Today's date in China Standard Time, `YYYY-MM-DD`. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
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
