import { todayInChina } from '../identity/age';

let cached = { until: 0, day: '' };

/**
 * Today's date in China Standard Time (as `todayInChina`), recomputed only when the day changes:
 * tag checks ask for it once per person and tag, so it must cost nothing.
 */
export function chinaDay(now: number = Date.now()): string {
  if (now < cached.until && now >= cached.until - 86_400_000) return cached.day;
  const day = todayInChina(new Date(now));
  cached = { until: Date.parse(`${day}T00:00:00+08:00`) + 86_400_000, day };
  return day;
}
