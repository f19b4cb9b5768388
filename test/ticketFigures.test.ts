import { buildPopulation } from '../seeds/population';
import { DEFAULT_SEED, DEMO_RESIDENTS } from '../seeds/seed';
import { SeededTicket, seededTickets } from '../seeds/tables/streetTickets';
import { TestHub, startTestHub } from './support/http';

const FIGURES = `query Figures($from: String!, $to: String!, $groupBy: TicketFigureGrouping!) {
  ticketFigures(from: $from, to: $to, groupBy: $groupBy) {
    from to groupBy asOf minimumGroupSize
    groups { key suppressed received open overdue solvedOnSpotPercent startedOnTimePercent transferredOnTimePercent closedPercent
      closedOnTimePercent repeatPercent secondComplaintPercent departmentResponsePercent meanSatisfaction }
  }
}`;

type Group = Record<string, number | string | boolean | null>;
const HOUR = 3600_000;
const K = 5;

/** China-time month of an instant. */
const monthOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);
/** When the ticket was first accepted or resolved, read from its transitions (not from its columns). */
const startedAt = (t: SeededTicket) => t.transitions.find((x) => x.to === 'ACCEPTED' || x.to === 'RESOLVED')?.at ?? null;
const firstAt = (t: SeededTicket, to: string) => t.transitions.find((x) => x.to === to)?.at ?? null;
const isClosed = (t: SeededTicket) => ['RESOLVED', 'CONFIRMED', 'RATED'].includes(t.status);
const share = (part: SeededTicket[], whole: SeededTicket[]) => (whole.length ? Math.round((1000 * part.length) / whole.length) / 10 : null);

/** Each figure of a group, from its seeded tickets, by the definitions in docs/tickets.md. */
function expectedFigures(ts: SeededTicket[], asOf: number): Group {
  const open = ts.filter((t) => !isClosed(t));
  const startDue = ts.filter((t) => startedAt(t) !== null || t.startDueAt < asOf);
  const transferred = ts.filter((t) => firstAt(t, 'TRANSFERRED') !== null);
  const closeDue = ts.filter((t) => isClosed(t) || t.closeDueAt < asOf);
  const resolved = ts.filter((t) => firstAt(t, 'RESOLVED') !== null);
  const routed = ts.filter((t) => !t.solvedOnSpot && (startedAt(t) !== null || t.receivedAt + 24 * HOUR < asOf));
  const rated = ts.filter((t) => t.rating !== null);
  return {
    received: ts.length,
    open: open.length,
    overdue: open.filter((t) => t.closeDueAt < asOf).length,
    solvedOnSpotPercent: share(ts.filter((t) => t.solvedOnSpot), ts),
    startedOnTimePercent: share(startDue.filter((t) => startedAt(t) !== null && startedAt(t)! <= t.startDueAt), startDue),
    transferredOnTimePercent: share(transferred.filter((t) => firstAt(t, 'TRANSFERRED')! <= t.transferDueAt), transferred),
    closedPercent: share(ts.filter(isClosed), ts),
    closedOnTimePercent: share(closeDue.filter((t) => isClosed(t) && firstAt(t, 'REOPENED') === null && firstAt(t, 'RESOLVED')! <= t.closeDueAt), closeDue),
    repeatPercent: share(ts.filter((t) => t.repeatOf !== null), ts),
    secondComplaintPercent: share(resolved.filter((t) => t.transitions.some((x) => x.to === 'REOPENED')), resolved),
    departmentResponsePercent: share(routed.filter((t) => startedAt(t) !== null && startedAt(t)! - t.receivedAt <= 24 * HOUR), routed),
    meanSatisfaction: rated.length >= K ? Math.round((100 * rated.reduce((s, t) => s + t.rating!, 0)) / rated.length) / 100 : null,
  };
}

const NONE = Object.fromEntries(Object.keys(expectedFigures([], 0)).map((k) => [k, null]));
const full = (ts: SeededTicket[], months: string[]) => months.every((m) => ts.filter((t) => monthOf(t.receivedAt) === m).length >= K);
const by = (ts: SeededTicket[], key: (t: SeededTicket) => string) => {
  const out = new Map<string, SeededTicket[]>();
  for (const t of ts) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return [...out].sort(([a], [b]) => (a < b ? -1 : 1));
};

/** The answer the query should give: groups, suppression (docs/tickets.md, rules 1–3) and figures, from the seeded tickets. */
function expectedGroups(all: SeededTicket[], months: string[], groupBy: string, asOf: number): Group[] {
  const ts = all.filter((t) => months.includes(monthOf(t.receivedAt)));
  const grids = by(ts, (t) => t.gridId);
  const shownGrids = new Set(grids.filter(([, g]) => full(g, months)).map(([id]) => id));
  if (groupBy === 'GRID') return grids.map(([key, g]) => ({ key, suppressed: !shownGrids.has(key), ...(shownGrids.has(key) ? expectedFigures(g, asOf) : NONE) }));
  const groups = by(ts, groupBy === 'COMMUNITY' ? (t) => t.communityCode : (t) => t.department).map(([key, g]) => {
    const kept = g.filter((t) => shownGrids.has(t.gridId));
    return { key, kept, suppressed: !(kept.length && full(kept, months)) };
  });
  const hiding = groups.filter((g) => g.suppressed && g.kept.length);
  if (hiding.length === 1) {
    const rest = groups.filter((g) => !g.suppressed).sort((a, b) => a.kept.length - b.kept.length);
    if (rest.length) rest[0].suppressed = true;
  }
  return groups.map(({ key, kept, suppressed }) => ({ key, suppressed, ...(suppressed ? NONE : expectedFigures(kept, asOf)) }));
}

const HALF_YEAR = { from: '2026-04', to: '2026-09' };
const HALF_YEAR_MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
const YEAR_MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

describe('ticket figures', () => {
  let t: TestHub;
  let truth: SeededTicket[];
  let grids: string[];

  beforeAll(async () => {
    t = await startTestHub();
    truth = seededTickets(buildPopulation({ residents: DEMO_RESIDENTS, seed: DEFAULT_SEED }));
    grids = [...new Set(truth.map((x) => x.gridId))].sort();
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds a year with the field\'s rates: ~60% solved on the spot, ~28% repeats, ~73% department response, ~90% closed, 5–10% reopened', () => {
    const year = expectedFigures(truth, Date.parse('2026-11-01T00:00:00+08:00'));
    console.log(`seeded year: ${JSON.stringify(year)}`);
    expect(year.received).toBeGreaterThan(1000);
    expect(year.solvedOnSpotPercent).toBeGreaterThanOrEqual(55);
    expect(year.solvedOnSpotPercent).toBeLessThanOrEqual(65);
    expect(year.repeatPercent).toBeGreaterThanOrEqual(23);
    expect(year.repeatPercent).toBeLessThanOrEqual(33);
    expect(year.departmentResponsePercent).toBeGreaterThanOrEqual(66);
    expect(year.departmentResponsePercent).toBeLessThanOrEqual(80);
    expect(year.closedPercent).toBeGreaterThanOrEqual(86);
    expect(year.closedPercent).toBeLessThanOrEqual(94);
    expect(year.secondComplaintPercent).toBeGreaterThanOrEqual(4);
    expect(year.secondComplaintPercent).toBeLessThanOrEqual(11);
    expect(year.overdue).toBeGreaterThan(0);
    expect(truth.filter((x) => x.source === 'VISIT').length).toBeGreaterThan(truth.length / 3);
  });

  it.each(['GRID', 'COMMUNITY', 'DEPARTMENT'])('equals the figures computed from the seeded tickets, per %s, for a half year', async (groupBy) => {
    const res = await t.as({ role: 'STREET_STAFF', grids })(FIGURES, { ...HALF_YEAR, groupBy });
    expect(res.errors).toBeUndefined();
    const answer = res.data!.ticketFigures;
    expect(answer.minimumGroupSize).toBe(K);
    const expected = expectedGroups(truth, HALF_YEAR_MONTHS, groupBy, Date.parse(answer.asOf));
    expect(answer.groups).toEqual(expected);
    const shown = answer.groups.filter((g: Group) => !g.suppressed);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    // Grids and departments differ, so the figures do.
    const spread = (figure: string) => {
      const values = shown.map((g: Group) => g[figure] as number);
      return Math.max(...values) - Math.min(...values);
    };
    expect(Math.max(spread('solvedOnSpotPercent'), spread('departmentResponsePercent'))).toBeGreaterThan(3);
  });

  it('suppresses a grid with a small month and leaves it out of every other grouping, so totals cannot single it out', async () => {
    const staff = t.as({ role: 'STREET_STAFF', grids });
    const period = { from: '2026-05', to: '2026-07' };
    const [byGrid, byDepartment] = await Promise.all(['GRID', 'DEPARTMENT'].map((groupBy) => staff(FIGURES, { ...period, groupBy })));
    const months = ['2026-05', '2026-06', '2026-07'];
    const small = by(truth.filter((x) => months.includes(monthOf(x.receivedAt))), (x) => x.gridId).filter(([, g]) => !full(g, months)).map(([id]) => id);
    expect(small.length).toBeGreaterThan(0);
    const gridGroups: Group[] = byGrid.data!.ticketFigures.groups;
    expect(gridGroups.filter((g) => g.suppressed).map((g) => g.key)).toEqual(small);
    expect(gridGroups.filter((g) => g.suppressed).every((g) => Object.values({ ...g, key: null, suppressed: null }).every((v) => v === null))).toBe(true);
    // Departments add up the shown grids only: no total of them includes the small grid.
    const shownGridTotal = gridGroups.filter((g) => !g.suppressed).reduce((n, g) => n + (g.received as number), 0);
    const departments: Group[] = byDepartment.data!.ticketFigures.groups;
    const kept = truth.filter((x) => months.includes(monthOf(x.receivedAt)) && !small.includes(x.gridId));
    expect(kept.length).toBe(shownGridTotal);
    // Police has a small month: it is suppressed, and the smallest other department with it (else total − rest = police).
    expect(departments.find((g) => g.key === 'police')?.suppressed).toBe(true);
    expect(departments.filter((g) => g.suppressed).length).toBe(2);
    expect(byDepartment.data!.ticketFigures.groups).toEqual(expectedGroups(truth, months, 'DEPARTMENT', Date.parse(byDepartment.data!.ticketFigures.asOf)));
  });

  it('gives a department\'s role its own department\'s tickets in every grid, and street staff their own grids only', async () => {
    const civil = await t.as({ role: 'CIVIL_AFFAIRS_OFFICER' })(FIGURES, { from: '2025-11', to: '2026-10', groupBy: 'GRID' });
    expect(civil.errors).toBeUndefined();
    const answer = civil.data!.ticketFigures;
    expect(answer.groups).toEqual(expectedGroups(truth.filter((x) => x.department === 'civil'), YEAR_MONTHS, 'GRID', Date.parse(answer.asOf)));
    const mine = await t.as({ role: 'STREET_STAFF', grids: [grids[0]] })(FIGURES, { from: '2025-11', to: '2026-10', groupBy: 'DEPARTMENT' });
    expect(mine.data!.ticketFigures.groups).toEqual(expectedGroups(truth.filter((x) => x.gridId === grids[0]), YEAR_MONTHS, 'DEPARTMENT', Date.parse(mine.data!.ticketFigures.asOf)));
  });

  it('refuses auditors and residents, and answers bad periods with coded errors', async () => {
    const period = { ...HALF_YEAR, groupBy: 'GRID' };
    const auditor = await t.as({ role: 'AUDITOR' })(FIGURES, period);
    expect(auditor.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const resident = await t.as({ role: 'RESIDENT', purpose: 'SELF_SERVICE' })(FIGURES, period);
    expect(resident.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const staff = t.as({ role: 'STREET_STAFF', grids });
    const codes = async (from: string, to: string) => (await staff(FIGURES, { from, to, groupBy: 'GRID' })).errors?.map((e) => e.extensions?.code);
    expect(await codes('2026-13', '2026-12')).toEqual(['INVALID_MONTH']);
    expect(await codes('2026-01', '2026-1')).toEqual(['INVALID_MONTH']);
    expect(await codes('2026-05', '2026-04')).toEqual(['INVALID_PERIOD']);
    expect(await codes('2024-01', '2026-01')).toEqual(['INVALID_PERIOD']);
    expect(await codes('2024-02', '2026-01')).toBeUndefined();
  });
});
