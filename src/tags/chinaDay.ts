import { todayInChina } from '../identity/age';

/**
 * Today's date in China Standard Time (`todayInChina`, cached until the day changes); `now` for
 * tests and for callers that hold a timestamp.
 */
export function chinaDay(now?: number): string {
  return now === undefined ? todayInChina() : todayInChina(new Date(now));
}
