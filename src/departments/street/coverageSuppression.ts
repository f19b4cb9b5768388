import { coverageRows, CoverageGroup, CoverageRow, groupMask, SPECIAL_GROUPS } from './coverage';
import type { CoverageResident } from './coverageSource';

/**
 * The smallest group whose visit status the ledger publishes. A cell of fewer residents (1–9) shows
 * how many are due but not how many were visited: with 1 due and 0 visited, the ledger would say of
 * one identifiable neighbour that nobody has come by (and, for DISABLED or CHILD_IN_DIFFICULTY, in
 * which group). 10 is the threshold health and statistics offices commonly use for small counts
 * (e.g. 10 or 11); 5 would still let a worker who knows the 5 guess each status from a 0% or 100%.
 */
export const MIN_GROUP_SIZE = 10;

/** A ledger row as published: the counts of a cell below the minimum are withheld (null). */
export interface PublishedRow extends Omit<CoverageRow, 'visited' | 'overdue'> {
  visited: number | null;
  overdue: number | null;
  /** True when visited, overdue and the percentage are withheld to protect a small group. */
  suppressed: boolean;
}

const withheld = (r: CoverageRow): PublishedRow => ({ ...r, visited: null, overdue: null, coveragePercent: null, suppressed: true });
const shown = (r: CoverageRow): PublishedRow => ({ ...r, suppressed: false });
const small = (r: CoverageRow) => r.due > 0 && r.due < MIN_GROUP_SIZE;

/**
 * One grid's rows with small cells withheld, and with every cell withheld from which a small one
 * could be worked out by subtraction:
 *  - SPECIAL_GROUPS minus the shown special groups must not be a small set: while the special-group
 *    residents outside every shown special group are 1–9, the next smallest special group is
 *    withheld too (SPECIAL_GROUPS itself is withheld only when it is small);
 *  - ALL = SPECIAL_GROUPS + OTHERS: when exactly one of the two is withheld, ALL is withheld too.
 */
export function protectGrid(residents: readonly CoverageResident[], lastDay: string): PublishedRow[] {
  const masks = residents.map((r) => groupMask(r, lastDay));
  const rows = coverageRows(residents, lastDay, masks);
  const hide = new Set<CoverageGroup>(rows.filter(small).map((r) => r.group));
  // Complementary suppression: withhold the next smallest special group until the residents outside
  // every shown one are none or at least the minimum (once all three are withheld, they are all of
  // SPECIAL_GROUPS, which is then itself withheld if small).
  const specialRows = rows.filter((r) => (SPECIAL_GROUPS as readonly string[]).includes(r.group)).sort((a, b) => a.due - b.due);
  const special = masks.filter((mask) => mask !== 0);
  for (;;) {
    const published = SPECIAL_GROUPS.reduce((bits, g, i) => (hide.has(g) ? bits : bits | (1 << i)), 0);
    const uncovered = special.filter((mask) => (mask & published) === 0).length;
    const next = specialRows.find((r) => !hide.has(r.group) && r.due > 0);
    if (uncovered === 0 || uncovered >= MIN_GROUP_SIZE || !next) break;
    hide.add(next.group);
  }
  if (hide.has('SPECIAL_GROUPS') !== hide.has('OTHERS')) hide.add('ALL');
  return rows.map((r) => (hide.has(r.group) ? withheld(r) : shown(r)));
}

/**
 * An area's rows (a community or a street: several grids) from its grids' published rows. A cell
 * shows its counts only when every grid's cell of that group shows them: then it is a sum of
 * published numbers and can reveal nothing the grid rows do not. Otherwise the area cell and a
 * grid's published cells would give the withheld grid's counts by subtraction (and two areas,
 * e.g. a street and a community in it, would give them by differencing), so it is withheld too.
 */
export function protectArea(grids: ReadonlyArray<readonly PublishedRow[]>): PublishedRow[] {
  const first = grids[0] ?? [];
  return first.map((template, i) => {
    const cells = grids.map((g) => g[i]);
    const due = cells.reduce((n, c) => n + c.due, 0);
    const row = { group: template.group, rule: template.rule, due };
    if (cells.some((c) => c.suppressed)) return { ...row, visited: null, overdue: null, coveragePercent: null, suppressed: true };
    const visited = cells.reduce((n, c) => n + (c.visited ?? 0), 0);
    return { ...row, visited, overdue: due - visited, coveragePercent: due ? Math.round((visited / due) * 1000) / 10 : null, suppressed: false };
  });
}

/** The published ledger of an area: each grid protected, then the area built from them. */
export function publishedLedger(residents: readonly CoverageResident[], gridIds: readonly string[], lastDay: string): { rows: PublishedRow[]; grids: Array<{ gridId: string; rows: PublishedRow[] }> } {
  const byGrid = new Map<string, CoverageResident[]>(gridIds.map((g) => [g, []]));
  for (const r of residents) byGrid.get(r.gridId)?.push(r);
  const grids = gridIds.map((gridId) => ({ gridId, rows: protectGrid(byGrid.get(gridId)!, lastDay) }));
  return { rows: protectArea(grids.map((g) => g.rows)), grids };
}
