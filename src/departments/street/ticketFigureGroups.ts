import { FigureCounts, FigureGrouping, MIN_GROUP_SIZE } from './ticketFigures';

/** The counts of the tickets of one grid, community, department and month of receipt. */
export interface FigureCell extends FigureCounts {
  gridId: string;
  communityCode: string;
  department: string;
  /** YYYY-MM, China time. */
  month: string;
}

/** One group of the answer: its counts, or none when suppressed. */
export interface FigureGroupCounts {
  key: string;
  suppressed: boolean;
  counts: FigureCounts | null;
}

function sum(cells: readonly FigureCell[]): FigureCounts {
  const total = {} as FigureCounts;
  for (const c of cells) for (const k of Object.keys(c) as Array<keyof FigureCell>) if (typeof c[k] === 'number') total[k as keyof FigureCounts] = (total[k as keyof FigureCounts] ?? 0) + (c[k] as number);
  return total;
}

/** Whether each month of the period has at least MIN_GROUP_SIZE tickets in these cells. */
function everyMonthFull(cells: readonly FigureCell[], months: readonly string[]): boolean {
  return months.every((m) => cells.filter((c) => c.month === m).reduce((n, c) => n + c.received, 0) >= MIN_GROUP_SIZE);
}

function keyed(cells: readonly FigureCell[], key: (c: FigureCell) => string): Map<string, FigureCell[]> {
  const out = new Map<string, FigureCell[]>();
  for (const c of cells) out.set(key(c), [...(out.get(key(c)) ?? []), c]);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The groups of a figures answer, with the suppression that keeps a small group from being read
 * off — directly, by differencing two periods, or as the rest of a total:
 * 1. a grid is shown only when every month of the period has MIN_GROUP_SIZE tickets in it (so the
 *    difference of two shown periods is whole months of at least that many);
 * 2. communities and departments add up the shown grids only (every grouping of one period then
 *    has the same total, and a suppressed grid cannot be had as total minus the others), and are
 *    themselves shown only when every month has MIN_GROUP_SIZE tickets;
 * 3. when exactly one community or department is suppressed while holding tickets of shown grids,
 *    the smallest shown one is suppressed too, so the total minus the rest gives only a sum over
 *    two groups, one of them full. Pure.
 */
export function figureGroups(cells: readonly FigureCell[], months: readonly string[], groupBy: FigureGrouping): FigureGroupCounts[] {
  const grids = keyed(cells, (c) => c.gridId);
  const shownGrids = new Set([...grids].filter(([, g]) => everyMonthFull(g, months)).map(([id]) => id));
  if (groupBy === 'GRID') return [...grids].map(([key, g]) => (shownGrids.has(key) ? { key, suppressed: false, counts: sum(g) } : { key, suppressed: true, counts: null }));
  const all = keyed(cells, groupBy === 'COMMUNITY' ? (c) => c.communityCode : (c) => c.department);
  const groups = [...all].map(([key, g]) => {
    const shown = g.filter((c) => shownGrids.has(c.gridId));
    const full = shown.length > 0 && everyMonthFull(shown, months);
    return { key, suppressed: !full, counts: sum(shown), hidden: full ? 0 : shown.length };
  });
  const hiding = groups.filter((g) => g.suppressed && g.hidden > 0);
  if (hiding.length === 1) {
    const smallest = groups.filter((g) => !g.suppressed).sort((a, b) => a.counts.received - b.counts.received)[0];
    if (smallest) smallest.suppressed = true;
  }
  return groups.map(({ key, suppressed, counts }) => ({ key, suppressed, counts: suppressed ? null : counts }));
}
