import type { CoverageResident } from './coverageSource';

/** The special groups of the visit plan, each visited at least twice a month. */
export const SPECIAL_GROUPS = ['ELDERLY_LIVING_ALONE', 'DISABLED', 'CHILD_IN_DIFFICULTY'] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];

/** Rows of the ledger: each special group, all of them together, everyone else, and the whole area. */
export type CoverageGroup = SpecialGroup | 'SPECIAL_GROUPS' | 'OTHERS' | 'ALL';

/** Visits a special-group resident needs in the month, and visits anyone else needs in the quarter. */
export const SPECIAL_VISITS_PER_MONTH = 2;
export const OTHER_VISITS_PER_QUARTER = 1;

export interface CoverageRow {
  group: CoverageGroup;
  /** TWICE_A_MONTH for special groups, ONCE_A_QUARTER for everyone else, MIXED for ALL. */
  rule: 'TWICE_A_MONTH' | 'ONCE_A_QUARTER' | 'MIXED';
  due: number;
  visited: number;
  overdue: number;
  /** visited / due, in percent with one decimal; null when nobody is due. */
  coveragePercent: number | null;
}

/** The month [start, end) and the quarter window that ends with it, as ISO instants in China time (UTC+8). */
export function monthWindow(month: string): { monthStart: string; monthEnd: string; quarterStart: string; lastDay: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const at = (yy: number, mm: number) => {
    const d = new Date(Date.UTC(yy, mm - 1, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00+08:00`;
  };
  const last = new Date(Date.UTC(y, mo, 0));
  return { monthStart: at(y, mo), monthEnd: at(y, mo + 1), quarterStart: at(y, mo - 2), lastDay: last.toISOString().slice(0, 10) };
}

/** The digits of a YYYY-MM-DD day as one number YYYYMMDD (no allocation: the ledger reads ~68,000 a street). */
function dayNumber(day: string): number {
  let n = 0;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) n = n * 10 + (day.charCodeAt(i) - 48);
  return n;
}

/** Completed years on `day` (YYYY-MM-DD) of someone born on `birth`. */
export function ageOn(birth: string, day: string): number {
  return Math.floor((dayNumber(day) - dayNumber(birth)) / 10_000);
}

/** The special groups as bits: ELDERLY_LIVING_ALONE 1, DISABLED 2, CHILD_IN_DIFFICULTY 4 (0: none). */
export function groupMask(r: CoverageResident, lastDay: string): number {
  const age = ageOn(r.birthDate, lastDay);
  return (age >= 60 && r.livesAlone ? 1 : 0) | (r.disabled ? 2 : 0) | (age < 18 && r.childInDifficulty ? 4 : 0);
}

/** The special groups a resident is in on the month's last day (the same rules as the service tags). */
export function groupsOf(r: CoverageResident, lastDay: string): SpecialGroup[] {
  const mask = groupMask(r, lastDay);
  return SPECIAL_GROUPS.filter((_g, i) => mask & (1 << i));
}

/**
 * The ledger for one month: for each special group (a resident may be in several), residents due
 * (all of them), visited (met at least twice in the month) and overdue; for everyone else, visited
 * means met at least once in the three months ending with the month; ALL adds both up. Pure.
 */
export function coverageRows(residents: readonly CoverageResident[], lastDay: string, masks: readonly number[] = residents.map((r) => groupMask(r, lastDay))): CoverageRow[] {
  // due and visited per special group (indexes 0–2), SPECIAL_GROUPS, OTHERS and ALL, in `order`.
  const due = [0, 0, 0, 0, 0, 0];
  const visited = [0, 0, 0, 0, 0, 0];
  const add = (i: number, ok: boolean) => {
    due[i] += 1;
    if (ok) visited[i] += 1;
  };
  residents.forEach((r, k) => {
    const mask = masks[k];
    const ok = mask ? r.visitsInMonth >= SPECIAL_VISITS_PER_MONTH : r.visitsInQuarter >= OTHER_VISITS_PER_QUARTER;
    for (let i = 0; i < 3; i++) if (mask & (1 << i)) add(i, ok);
    add(mask ? 3 : 4, ok);
    add(5, ok);
  });
  const order: CoverageGroup[] = [...SPECIAL_GROUPS, 'SPECIAL_GROUPS', 'OTHERS', 'ALL'];
  return order.map((group, i) => {
    const rule = group === 'ALL' ? 'MIXED' : group === 'OTHERS' ? 'ONCE_A_QUARTER' : 'TWICE_A_MONTH';
    return { group, rule, due: due[i], visited: visited[i], overdue: due[i] - visited[i], coveragePercent: due[i] ? Math.round((visited[i] / due[i]) * 1000) / 10 : null };
  });
}
