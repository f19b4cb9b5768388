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

/** Completed years on `day` (YYYY-MM-DD) of someone born on `birth`. */
export function ageOn(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The special groups a resident is in on the month's last day (the same rules as the service tags). */
export function groupsOf(r: CoverageResident, lastDay: string): SpecialGroup[] {
  const age = ageOn(r.birthDate, lastDay);
  const groups: SpecialGroup[] = [];
  if (age >= 60 && r.livesAlone) groups.push('ELDERLY_LIVING_ALONE');
  if (r.disabled) groups.push('DISABLED');
  if (age < 18 && r.childInDifficulty) groups.push('CHILD_IN_DIFFICULTY');
  return groups;
}

/**
 * The ledger for one month: for each special group (a resident may be in several), residents due
 * (all of them), visited (met at least twice in the month) and overdue; for everyone else, visited
 * means met at least once in the three months ending with the month; ALL adds both up. Pure.
 */
export function coverageRows(residents: readonly CoverageResident[], lastDay: string): CoverageRow[] {
  const tally = new Map<CoverageGroup, { due: number; visited: number }>();
  const add = (g: CoverageGroup, ok: boolean) => {
    const t = tally.get(g) ?? { due: 0, visited: 0 };
    t.due += 1;
    if (ok) t.visited += 1;
    tally.set(g, t);
  };
  for (const r of residents) {
    const groups = groupsOf(r, lastDay);
    const ok = groups.length ? r.visitsInMonth >= SPECIAL_VISITS_PER_MONTH : r.visitsInQuarter >= OTHER_VISITS_PER_QUARTER;
    for (const g of groups) add(g, ok);
    add(groups.length ? 'SPECIAL_GROUPS' : 'OTHERS', ok);
    add('ALL', ok);
  }
  const order: CoverageGroup[] = [...SPECIAL_GROUPS, 'SPECIAL_GROUPS', 'OTHERS', 'ALL'];
  return order.map((group) => {
    const { due, visited } = tally.get(group) ?? { due: 0, visited: 0 };
    const rule = group === 'ALL' ? 'MIXED' : group === 'OTHERS' ? 'ONCE_A_QUARTER' : 'TWICE_A_MONTH';
    return { group, rule, due, visited, overdue: due - visited, coveragePercent: due ? Math.round((visited / due) * 1000) / 10 : null };
  });
}
