import { isWorkday } from 'chinese-days';
import packaged from 'chinese-days/dist/chinese-days.json';

/**
 * The working calendar of mainland China for ticket clocks (issue 17): public holidays and the
 * adjusted working days (调休) from the maintained `chinese-days` package, overridden by the operator's
 * `calendar_days` rows (street database) — the State Council publishes next year's arrangement each
 * November, usually before a package release carries it.
 *
 * Contract:
 * - Days are calendar dates in China Standard Time (UTC+8, no daylight saving), `YYYY-MM-DD`.
 * - An override decides its day. Otherwise, in a year the package covers, the package decides;
 *   in a year it does not cover (and for which the operator entered no day), Monday–Friday are
 *   working days and `knowsYear` is false, so readiness and the docs can say the year is unconfirmed.
 */
export class WorkingCalendar {
  constructor(private readonly overrides: ReadonlyMap<string, boolean> = new Map()) {}

  /** Whether the operator's table or the package states this year's arrangement. */
  knowsYear(year: number): boolean {
    if (PACKAGED_YEARS.has(year)) return true;
    for (const day of this.overrides.keys()) if (day.startsWith(`${year}-`)) return true;
    return false;
  }

  /** Whether `day` (`YYYY-MM-DD`, China time) is a working day. */
  isWorkingDay(day: string): boolean {
    const override = this.overrides.get(day);
    if (override !== undefined) return override;
    if (PACKAGED_YEARS.has(Number(day.slice(0, 4)))) return isWorkday(day);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The deadline "within `n` working days" of `from`: the end (24:00 China time) of the `n`-th
   * working day after the day of `from` (the day of receipt does not count). `n` ≥ 1.
   */
  addWorkingDays(from: Date, n: number): Date {
    let day = chinaDay(from);
    for (let counted = 0; counted < n; ) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return endOfChinaDay(day);
  }

  /** Working days strictly after the day of `from` up to and including the day of `to` (0 when `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    const last = chinaDay(to);
    let count = 0;
    for (let day = nextDay(chinaDay(from)); day <= last; day = nextDay(day)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const PACKAGED_YEARS: ReadonlySet<number> = new Set(Object.keys((packaged as { holidays: Record<string, string> }).holidays).map((d) => Number(d.slice(0, 4))));

/** The calendar date in China time of an instant. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
}

function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600_000 - CHINA_OFFSET_MS);
}

/** The years the packaged calendar states (the rest need the operator's `calendar_days`). */
export function packagedYears(): number[] {
  return [...PACKAGED_YEARS].sort((a, b) => a - b);
}
