/**
 * The street office's year of tickets (issue 17), generated deterministically with the street: every
 * need heard on a seeded visit becomes a ticket (source VISIT, linked to the visit), residents and
 * department apps raise more (RESIDENT, DEPARTMENT), and some problems are reported again within
 * 30 days. Items, priorities and departments come from the one catalogue (needItems.ts), deadlines
 * from `ticketDeadlines` with the packaged working calendar; each ticket then lives its life
 * (ticketLives.ts) up to the reference instant (00:00 China time of SEED_REFERENCE_DATE).
 *
 * `seededTickets(model)` is the ground truth: the same objects the tables are written from, which a
 * test turns into figures in JS to check the figures the hub computes in SQL. Its own PRNG streams:
 * adding tickets changed no other table.
 */
import { departmentModules } from '../../src/departments/registry';
import { NEED_CATEGORIES, NEED_ITEMS, NeedItem, needItem } from '../../src/departments/street/tickets/needItems';
import { ticketDeadlines } from '../../src/departments/street/tickets/ticketClocks';
import { WorkingCalendar } from '../../src/departments/street/tickets/workingCalendar';
import { Flag, Model } from '../model';
import { Rng, uuidV4, Weighted } from '../random';
import { planVisits, replayIds, visitDetail } from './street';
import { Actor, DAY, DepartmentHabits, HOUR, live, TicketLife } from './ticketLives';

export type TicketSource = 'VISIT' | 'RESIDENT' | 'DEPARTMENT';

/** One seeded ticket as it stands on the reference date (times in milliseconds since the epoch). */
export interface SeededTicket extends TicketLife {
  id: string;
  household: number;
  householdId: string;
  personId: string | null;
  gridId: string;
  communityCode: string;
  item: NeedItem;
  firstDepartment: string;
  source: TicketSource;
  visitId: string | null;
  repeatOf: string | null;
  createdBy: Actor;
}

/** A new ticket for the same household and item within this long of the last one is a repeat of it. */
export const REPEAT_WINDOW_MS = 30 * DAY;
/** Yearly chance per household of raising a need itself, and of a department app raising one. */
const RESIDENT_RATE = 0.09;
const DEPARTMENT_RATE = 0.03;
const CATEGORY_WEIGHTS = new Weighted(NEED_CATEGORIES.map((c, i) => [c, [25, 50, 18, 7][i]] as const));

/** The packaged calendar, each day's answer kept (chinese-days takes ~50 µs a call; a year of tickets asks ~40 per ticket). */
class RememberingCalendar extends WorkingCalendar {
  private readonly known = new Map<string, boolean>();

  override isWorkingDay(day: string): boolean {
    let working = this.known.get(day);
    if (working === undefined) this.known.set(day, (working = super.isWorkingDay(day)));
    return working;
  }
}

/** The reference instant of a model: 00:00 China time of its reference day. */
export function referenceInstant(m: Model): number {
  return m.referenceDay * DAY - 8 * HOUR;
}

/** Needs heard on the seeded visits, by household (replaying the visits' streams). */
function visitNeeds(m: Model): Map<number, Array<{ id: string; at: number; need: string; member: number | null }>> {
  const detail = new Rng(m.seed, 'street_visit_detail');
  const out = new Map<number, Array<{ id: string; at: number; need: string; member: number | null }>>();
  for (const _ of planVisits(m, (v) => {
    const { need, recordedAt } = visitDetail(m, v, detail);
    if (!need) return;
    const list = out.get(v.household) ?? [];
    list.push({ id: v.id, at: recordedAt * 1000, need, member: v.members[0] ?? null });
    out.set(v.household, list);
  }));
  return out;
}

/** Yields each registered household's tickets (in household order, each household's by receipt). */
export function* householdTickets(m: Model): Generator<SeededTicket[], void, void> {
  const end = referenceInstant(m);
  const start = end - 365 * DAY;
  const calendar = new RememberingCalendar();
  const households = replayIds(m.seed, 'household_index', m.households.count);
  const persons = replayIds(m.seed, 'person_index', m.persons.count);
  const needs = visitNeeds(m);
  const rng = new Rng(m.seed, 'street_tickets');
  const ids = new Rng(m.seed, 'street_ticket_ids');
  const gridRng = new Rng(m.seed, 'street_ticket_grid_quality');
  const quality = new Map(m.grids.map((g) => [g.id, 0.8 + 0.35 * gridRng.next()]));
  const departments = [...new Set(NEED_ITEMS.map((i) => i.department))];
  const habits = new Map<string, DepartmentHabits>(departments.map((d) => {
    const r = new Rng(m.seed, `street_ticket_department_${d}`);
    return [d, { respond: 0.62 + 0.22 * r.next(), transfer: 0.03 + 0.06 * r.next(), stuck: 0.1 + 0.12 * r.next(), onTime: 0.72 + 0.2 * r.next(), reopen: 0.04 + 0.07 * r.next() }];
  }));
  const modules = departmentModules();
  const desks = new Map<string, Actor>(departments.map((d) => [d, { subject: `seed-${d}-desk`, role: modules.find((x) => x.name === d)?.roles?.[0] ?? 'STREET_STAFF', department: d }]));
  // Record checks are filed by the cross-department checks, not seeded (and leaving them out keeps the seed's draws as before they existed).
  const seedItems = NEED_ITEMS.filter((i) => !i.code.startsWith('RECORD_CHECK_'));
  const deptItems = seedItems.filter((i) => desks.get(i.department)!.role !== 'STREET_STAFF');
  // Draws a category per item (kept as it was: the seed's tickets stay the same); an empty draw, which crashed large seeds, draws again.
  const pickItem = (): NeedItem => {
    for (;;) {
      const items = seedItems.filter((i) => i.category === CATEGORY_WEIGHTS.sample(rng));
      if (items.length) return rng.pick(items);
    }
  };
  const h = m.households;
  for (let hh = 0; hh < h.count; hh++) {
    const members: number[] = [];
    for (let i = h.first[hh]; i < h.first[hh] + h.size[hh]; i++) if (!(m.persons.flags[i] & Flag.DIED)) members.push(i);
    if (!members.length) continue;
    const b = m.buildings[h.building[hh]];
    const q = quality.get(b.gridId) ?? 1;
    const worker: Actor = { subject: `seed-grid-worker-${b.gridId}`, role: 'STREET_STAFF', department: null };
    const drafts: Array<{ item: NeedItem; at: number; source: TicketSource; visitId: string | null; member: number | null; creator: Actor }> = [];
    for (const v of needs.get(hh) ?? []) if (v.at < end) drafts.push({ item: needItem(v.need)!, at: v.at, source: 'VISIT', visitId: v.id, member: v.member, creator: worker });
    const anyTime = () => start + rng.below(365) * DAY + (8 + rng.int(0, 11)) * HOUR + rng.below(3600) * 1000; // 08:00–19:59 China time
    for (let n = 0; n < 3 && rng.chance(RESIDENT_RATE * (2 - q)); n++) {
      const member = rng.pick(members);
      drafts.push({ item: pickItem(), at: anyTime(), source: 'RESIDENT', visitId: null, member, creator: { subject: persons[member], role: 'RESIDENT', department: null } });
    }
    if (rng.chance(DEPARTMENT_RATE)) {
      const item = rng.pick(deptItems);
      drafts.push({ item, at: anyTime(), source: 'DEPARTMENT', visitId: null, member: rng.pick(members), creator: desks.get(item.department)! });
    }
    // Problems reported again: a worse grid sees more of them.
    for (const d of [...drafts]) {
      const again = d.at + rng.int(1, 29) * DAY + rng.below(12) * HOUR;
      if (rng.chance(Math.min(0.6, 0.34 / q)) && again < end) {
        const member = d.member ?? rng.pick(members);
        drafts.push({ item: d.item, at: again, source: 'RESIDENT', visitId: null, member, creator: { subject: persons[member], role: 'RESIDENT', department: null } });
      }
    }
    drafts.sort((a, b2) => a.at - b2.at);
    const tickets: SeededTicket[] = [];
    for (const d of drafts) {
      const due = ticketDeadlines(calendar, d.item.priority, new Date(d.at));
      const previous = tickets.filter((t) => t.item.code === d.item.code && d.at - t.receivedAt <= REPEAT_WINDOW_MS).pop();
      const resident: Actor = d.member === null ? { subject: `seed-resident-of-${households[hh]}`, role: 'RESIDENT', department: null } : { subject: persons[d.member], role: 'RESIDENT', department: null };
      const t: SeededTicket = {
        id: uuidV4(ids), household: hh, householdId: households[hh], personId: d.member === null ? null : persons[d.member], gridId: b.gridId, communityCode: b.communityCode,
        item: d.item, department: d.item.department, firstDepartment: d.item.department, source: d.source, visitId: d.visitId, repeatOf: previous?.id ?? null, createdBy: d.creator,
        status: 'RECEIVED', receivedAt: d.at, startDueAt: due.startDueAt.getTime(), transferDueAt: due.transferDueAt.getTime(), closeDueAt: due.closeDueAt.getTime(),
        acceptedAt: null, transferredAt: null, resolvedAt: null, confirmedAt: null, ratedAt: null, solvedOnSpot: false, reopenCount: 0, rating: null, ratingComment: null, transitions: [],
      };
      live(t, { rng, end, quality: q, habits: (x) => habits.get(x)!, desk: (x) => desks.get(x)!, worker, resident, departments, emergency: d.item.category === 'EMERGENCY_HELP', immediate: d.item.priority === 'IMMEDIATE' }, d.creator);
      tickets.push(t);
    }
    if (tickets.length) yield tickets;
  }
}

/** Every seeded ticket of the model: the ground truth of the tickets tables. */
export function seededTickets(m: Model): SeededTicket[] {
  return [...householdTickets(m)].flat();
}
