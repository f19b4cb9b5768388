/**
 * The life of one seeded ticket (issue 17): from receipt through the state machine
 * (src/departments/street/tickets/ticketStates.ts) to where it stands on the reference date, drawn
 * with the field's rates — ~60% solved on the spot, departments starting within 24 hours on ~73% of
 * the rest, a few transfers, ~90% closed in the end, 5–10% reopened (second complaints), ratings
 * that follow how it went — each scaled by the grid's and the department's own quality so figures
 * differ between them. Every event falls before the reference instant; one that would not is not
 * reached (the ticket stays where it was, open or unrated).
 */
import type { TicketStatus } from '../../src/departments/street/tickets/ticketStates';
import { Rng, Weighted } from '../random';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface SeededTransition {
  seq: number;
  from: TicketStatus | null;
  to: TicketStatus;
  /** Milliseconds since the epoch. */
  at: number;
  actorSubject: string;
  actorRole: string;
  actorDepartment: string | null;
  fromDepartment: string | null;
  toDepartment: string | null;
  reason: string;
}

/** Who acts on a ticket: the street worker of its grid, the resident, a department's desk. */
export interface Actor {
  subject: string;
  role: string;
  department: string | null;
}

/** How a department behaves in the seed (drawn per department, see streetTickets.ts). */
export interface DepartmentHabits {
  /** Share of its tickets (not solved on the spot) it starts within 24 hours. */
  respond: number;
  transfer: number;
  /** Share it never resolves (open, sooner or later overdue). */
  stuck: number;
  onTime: number;
  reopen: number;
}

/** A ticket being lived: its columns that change, and its transitions. */
export interface TicketLife {
  status: TicketStatus;
  department: string;
  receivedAt: number;
  startDueAt: number;
  transferDueAt: number;
  closeDueAt: number;
  acceptedAt: number | null;
  transferredAt: number | null;
  resolvedAt: number | null;
  confirmedAt: number | null;
  ratedAt: number | null;
  solvedOnSpot: boolean;
  reopenCount: number;
  rating: number | null;
  ratingComment: string | null;
  transitions: SeededTransition[];
}

export interface LifeSetting {
  rng: Rng;
  /** The reference instant: nothing happens at or after it. */
  end: number;
  /** The grid's quality, ~0.8–1.15 (1 is average). */
  quality: number;
  habits: (department: string) => DepartmentHabits;
  desk: (department: string) => Actor;
  worker: Actor;
  resident: Actor;
  /** Departments a ticket may be transferred to. */
  departments: readonly string[];
  emergency: boolean;
  immediate: boolean;
}

const GOOD = new Weighted<number>([[1, 1], [2, 3], [3, 11], [4, 35], [5, 50]]);
const LATE = new Weighted<number>([[1, 10], [2, 15], [3, 30], [4, 30], [5, 15]]);
const REOPENED = new Weighted<number>([[1, 25], [2, 25], [3, 25], [4, 15], [5, 10]]);
const COMMENTS = ['满意', '处理及时', '态度很好', '还可以', '太慢了', '问题没有彻底解决'];
const clamp = (x: number) => Math.min(0.98, Math.max(0.02, x));
const FIRST: Partial<Record<TicketStatus, 'acceptedAt' | 'transferredAt' | 'resolvedAt' | 'confirmedAt' | 'ratedAt'>> = {
  ACCEPTED: 'acceptedAt', TRANSFERRED: 'transferredAt', RESOLVED: 'resolvedAt', CONFIRMED: 'confirmedAt', RATED: 'ratedAt',
};

/** Lives a ticket already holding its receipt and deadlines: appends its transitions, sets its columns. */
export function live(t: TicketLife, s: LifeSetting, creator: Actor): void {
  const { rng } = s;
  const u = (lo: number, hi: number) => lo + rng.next() * (hi - lo);
  let last = t.receivedAt;
  const step = (to: TicketStatus, at: number, who: Actor, reason: string, move?: { from: string; to: string }): boolean => {
    if (at >= s.end) return false;
    t.transitions.push({
      seq: t.transitions.length + 1, from: t.transitions.length ? t.status : null, to, at, actorSubject: who.subject, actorRole: who.role,
      actorDepartment: who.department, fromDepartment: move?.from ?? null, toDepartment: move?.to ?? null, reason,
    });
    const first = FIRST[to];
    if (first && t[first] === null) t[first] = at;
    t.status = to;
    last = at;
    return true;
  };
  step('RECEIVED', t.receivedAt, creator, '已受理登记');
  if (rng.chance(clamp((s.emergency ? 0.15 : 0.64) * s.quality))) {
    t.solvedOnSpot = step('RESOLVED', last + u(5, 50) * 60_000, s.worker, '现场解决');
    if (t.solvedOnSpot) afterResolution(t, s, u, step, () => last);
    return;
  }
  if (rng.chance(0.03)) return; // never started: overdue for good
  const h = s.habits(t.department);
  const respond = rng.chance(clamp(h.respond * s.quality));
  const delay = respond ? (s.immediate && rng.chance(0.85) ? u(0.1, 1.9) : u(0.2, 23.5)) : u(24.5, 120);
  if (!step('ACCEPTED', last + delay * HOUR, s.desk(t.department), '已签收')) return;
  if (rng.chance(h.transfer)) {
    const window = t.transferDueAt - last;
    const at = rng.chance(0.8) && window > HOUR ? last + u(0.05, 1) * window : Math.max(last, t.transferDueAt) + u(1, 72) * HOUR;
    const to = rng.pick(s.departments.filter((d) => d !== t.department));
    if (!step('TRANSFERRED', at, s.desk(t.department), '非本部门职责，转办', { from: t.department, to })) return;
    t.department = to;
    if (!step('ACCEPTED', last + u(0.5, 30) * HOUR, s.desk(to), '已签收')) return;
  }
  const after = s.habits(t.department);
  if (rng.chance(clamp(after.stuck / s.quality))) return;
  const window = t.closeDueAt - last;
  const onTime = rng.chance(clamp(after.onTime * s.quality)) && window > HOUR;
  if (!step('RESOLVED', onTime ? last + u(0.05, 1) * window : Math.max(last, t.closeDueAt) + u(1, 288) * HOUR, s.desk(t.department), '已办结')) return;
  afterResolution(t, s, u, step, () => last);
}

type Step = (to: TicketStatus, at: number, who: Actor, reason: string) => boolean;

/** Confirmation, perhaps a second complaint and a second resolution, and the rating. */
function afterResolution(t: TicketLife, s: LifeSetting, u: (lo: number, hi: number) => number, step: Step, last: () => number): void {
  const { rng } = s;
  const lateResolution = t.resolvedAt! > t.closeDueAt;
  if (rng.chance(0.85)) step('CONFIRMED', last() + u(0.5, 72) * HOUR, s.resident, '居民确认');
  if (rng.chance(clamp(s.habits(t.department).reopen / s.quality))) {
    if (!step('REOPENED', last() + u(1, 240) * HOUR, s.resident, '问题未解决')) return;
    t.reopenCount += 1;
    if (!step('ACCEPTED', last() + u(1, 48) * HOUR, s.desk(t.department), '已签收')) return;
    if (!step('RESOLVED', last() + u(2, 120) * HOUR, s.desk(t.department), '已再次办结')) return;
    if (!rng.chance(0.8) || !step('CONFIRMED', last() + u(0.5, 72) * HOUR, s.resident, '居民确认')) return;
  }
  if (t.status !== 'CONFIRMED' || !rng.chance(0.7)) return;
  const rating = (t.reopenCount ? REOPENED : lateResolution ? LATE : GOOD).sample(rng);
  const comment = rng.chance(0.5) ? rng.pick(COMMENTS) : null;
  if (step('RATED', last() + u(0, 120) * HOUR, s.resident, '居民评价')) {
    t.rating = rating;
    t.ratingComment = comment;
  }
}
