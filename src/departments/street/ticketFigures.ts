/**
 * The street's ticket figures (issue 17), defined once: what each figure counts, over which
 * tickets, by which timestamps. The SQL (ticketFiguresSource.ts) counts the parts, `figuresOf`
 * turns the parts into figures, and docs/tickets.md prints these definitions.
 *
 * Every figure is about the tickets **received** in the period (China-time whole months, by
 * `received_at`) in the caller's scope, as they stand at `asOf` (the moment of the query): a ticket
 * counts in the period it was received in, whatever happened to it later. "Started" is the first
 * of `accepted_at` and `resolved_at` (a ticket solved on the spot starts and ends at once).
 */

/**
 * A group shows figures only when each month of the period has at least this many of its tickets
 * (ticketFigureGroups.ts has the whole rule): a figure of a handful of tickets points at residents.
 */
export const MIN_GROUP_SIZE = 5;
/** The longest period one query may cover. */
export const MAX_PERIOD_MONTHS = 24;

export const FIGURE_GROUPINGS = ['GRID', 'COMMUNITY', 'DEPARTMENT'] as const;
export type FigureGrouping = (typeof FIGURE_GROUPINGS)[number];

/** The counts the SQL returns per group (each a number of tickets, except `ratingSum`). */
export interface FigureCounts {
  received: number;
  open: number;
  overdue: number;
  solvedOnSpot: number;
  startDue: number;
  startedOnTime: number;
  transferred: number;
  transferredOnTime: number;
  closed: number;
  closeDue: number;
  closedOnTime: number;
  repeats: number;
  everResolved: number;
  secondComplaints: number;
  routed: number;
  responded: number;
  rated: number;
  ratingSum: number;
}

/** The parts, in words (docs/tickets.md). */
export const COUNT_DEFINITIONS: Readonly<Record<keyof FigureCounts, string>> = {
  received: 'tickets received in the period (`received_at` in it)',
  open: 'of them, those whose status is RECEIVED, ACCEPTED, TRANSFERRED or REOPENED',
  overdue: 'of the open ones, those whose close deadline (`close_due_at`) is before `asOf`',
  solvedOnSpot: 'tickets solved on the spot (`solved_on_spot`: resolved by the street worker when received)',
  startDue: 'tickets started, or not started and past their start deadline (`start_due_at` before `asOf`)',
  startedOnTime: 'tickets started at or before `start_due_at`',
  transferred: 'tickets transferred at least once (`transferred_at` set)',
  transferredOnTime: 'of them, those first transferred at or before `transfer_due_at`',
  closed: 'tickets whose status is RESOLVED, CONFIRMED or RATED',
  closeDue: 'tickets closed, or open and past their close deadline (`close_due_at` before `asOf`)',
  closedOnTime: 'closed tickets never reopened whose (first) `resolved_at` is at or before `close_due_at`',
  repeats: 'tickets linked to an earlier one (`repeat_of` set: same household and item within 30 days)',
  everResolved: 'tickets resolved at least once (`resolved_at` set)',
  secondComplaints: 'tickets the resident reopened at least once (`reopen_count` > 0)',
  routed: 'tickets not solved on the spot that were started, or were received more than 24 hours before `asOf`',
  responded: 'of them, those started within 24 hours of `received_at`',
  rated: 'tickets with a rating',
  ratingSum: 'the sum of their ratings (1–5)',
};

export interface Figures {
  solvedOnSpotPercent: number | null;
  startedOnTimePercent: number | null;
  transferredOnTimePercent: number | null;
  closedPercent: number | null;
  closedOnTimePercent: number | null;
  repeatPercent: number | null;
  secondComplaintPercent: number | null;
  departmentResponsePercent: number | null;
  meanSatisfaction: number | null;
}

/** Each figure: numerator / denominator (parts above), the field's figure and its target. */
export const FIGURE_DEFINITIONS: ReadonlyArray<{ figure: keyof Figures; numerator: keyof FigureCounts; denominator: keyof FigureCounts; target: string }> = [
  { figure: 'solvedOnSpotPercent', numerator: 'solvedOnSpot', denominator: 'received', target: '≥ 60%' },
  { figure: 'startedOnTimePercent', numerator: 'startedOnTime', denominator: 'startDue', target: 'start within 2 hours (per priority: see the clocks)' },
  { figure: 'transferredOnTimePercent', numerator: 'transferredOnTime', denominator: 'transferred', target: 'transfer within 3 working days' },
  { figure: 'closedPercent', numerator: 'closed', denominator: 'received', target: '≥ 90%' },
  { figure: 'closedOnTimePercent', numerator: 'closedOnTime', denominator: 'closeDue', target: 'close within 15 working days' },
  { figure: 'repeatPercent', numerator: 'repeats', denominator: 'received', target: '< 10% (field: 28%)' },
  { figure: 'secondComplaintPercent', numerator: 'secondComplaints', denominator: 'everResolved', target: '≤ 5%' },
  { figure: 'departmentResponsePercent', numerator: 'responded', denominator: 'routed', target: '≥ 90% (field: 73%)' },
  { figure: 'meanSatisfaction', numerator: 'ratingSum', denominator: 'rated', target: 'mean of the ratings, two decimals; null under the minimum group size of ratings' },
];

/** n / d in percent with one decimal; null when d is 0. */
export function percent(n: number, d: number): number | null {
  return d ? Math.round((1000 * n) / d) / 10 : null;
}

/** The figures of one group's counts (pure). Satisfaction needs MIN_GROUP_SIZE ratings, like a group needs tickets. */
export function figuresOf(c: FigureCounts): Figures {
  const out = {} as Figures;
  for (const d of FIGURE_DEFINITIONS) {
    if (d.figure === 'meanSatisfaction') out.meanSatisfaction = c.rated >= MIN_GROUP_SIZE ? Math.round((100 * c.ratingSum) / c.rated) / 100 : null;
    else out[d.figure] = percent(c[d.numerator], c[d.denominator]);
  }
  return out;
}

/** `YYYY-MM` .. `YYYY-MM` (both included) as instants [from, to) in China time and its months, or why not. */
export function periodWindow(from: string, to: string): { from: string; to: string; months: string[] } | 'INVALID_MONTH' | 'INVALID_PERIOD' {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/;
  const a = month.exec(from);
  const b = month.exec(to);
  if (!a || !b) return 'INVALID_MONTH';
  const first = Number(a[1]) * 12 + Number(a[2]) - 1;
  const last = Number(b[1]) * 12 + Number(b[2]) - 1;
  const months = last - first + 1;
  if (months < 1 || months > MAX_PERIOD_MONTHS) return 'INVALID_PERIOD';
  const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return { from: `${monthOf(first)}-01T00:00:00+08:00`, to: `${monthOf(last + 1)}-01T00:00:00+08:00`, months: Array.from({ length: months }, (_, i) => monthOf(first + i)) };
}
