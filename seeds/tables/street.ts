/**
 * The street office's visit history (issue 16): a year of door-to-door visits to the registered
 * households, ending the day before the reference date, shaped like the field's figures —
 * special-group households (elderly living alone, a disability, a child in difficulty) aimed at
 * twice a month, others once a quarter, with grids of uneven diligence (some below the 80% target),
 * ~30% of visits finding nobody or someone else (NOT_HOME, NOT_LIVING_HERE, MOVED_OUT), repeat visits
 * within days, and most notes saying only "policy conveyed". Deterministic: its own PRNG streams,
 * and hub ids replayed from the hub tables' streams (seeds/tables/hub.ts).
 */
import { civil, dayOf } from '../dates';
import { chunked, CopyText, TableLoad } from '../copy';
import { Flag, Model } from '../model';
import { Rng, uuidV4, Weighted } from '../random';

/** Months of history, ending with the month before the reference date. */
export const VISIT_HISTORY_MONTHS = 12;

const OUTCOMES = new Weighted<string>([['MET', 68], ['NOT_HOME', 20], ['NOT_LIVING_HERE', 7], ['MOVED_OUT', 3], ['REFUSED', 2]]);
const AWAY_OUTCOMES = new Weighted<string>([['MET', 40], ['NOT_HOME', 20], ['NOT_LIVING_HERE', 35], ['MOVED_OUT', 3], ['REFUSED', 2]]);
const VIEWS = ['希望增加助餐点', '反映楼道照明不足', '对社区服务满意', '希望上门体检', '反映电梯维修慢', '需要政策咨询'];
const NEEDS = ['HOUSING_REPAIR', 'CARE_SERVICE', 'MEDICAL_ASSISTANCE', 'FINANCIAL_ASSISTANCE', 'ACCESSIBILITY', 'OTHER'];

/** The hub ids the hub tables draw for persons and households, in model order (same streams). */
export function replayIds(seed: number, label: string, count: number): string[] {
  const rng = new Rng(seed, label);
  return Array.from({ length: count }, () => uuidV4(rng));
}

/** A member is in a special group for the visit rules (what the coverage ledger tags as such). */
export function isSpecialMember(m: Model, i: number): boolean {
  const f = m.persons.flags[i];
  return (m.persons.age[i] >= 60 && (f & (Flag.LIVES_ALONE | Flag.PLANT_LIVES_ALONE_CONFLICT)) !== 0) || (f & (Flag.DISABLED | Flag.CHILD_IN_DIFFICULTY)) !== 0;
}

export interface PlannedVisit {
  id: string;
  household: number;
  /** Seconds since the epoch. */
  at: number;
  outcome: string;
  members: number[];
}

/** Calls `visit` for every planned visit, in household then time order. */
export function* planVisits(m: Model, visit: (v: PlannedVisit) => void): Generator<void, void, void> {
  const h = m.households;
  const p = m.persons;
  const grids = new Rng(m.seed, 'street_grid_diligence');
  const diligence = new Map(m.grids.map((g) => [g.id, 0.6 + 0.4 * grids.next()]));
  const rng = new Rng(m.seed, 'street_visits');
  const [ry, rm] = civil(m.referenceDay);
  const months: Array<[number, number]> = [];
  for (let k = VISIT_HISTORY_MONTHS; k >= 1; k--) {
    const idx = ry * 12 + (rm - 1) - k;
    months.push([Math.floor(idx / 12), (idx % 12) + 1]);
  }
  const daysIn = (y: number, mo: number) => dayOf(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1) - dayOf(y, mo, 1);
  for (let hh = 0; hh < h.count; hh++) {
    const d = diligence.get(m.buildings[h.building[hh]].gridId) ?? 0.8;
    const members: number[] = [];
    for (let i = h.first[hh]; i < h.first[hh] + h.size[hh]; i++) if (!(p.flags[i] & Flag.DIED)) members.push(i);
    if (!members.length) continue;
    const special = members.filter((i) => isSpecialMember(m, i));
    const away = members.some((i) => p.flags[i] & Flag.LIVING_AWAY);
    const days: number[] = [];
    months.forEach(([y, mo], k) => {
      const first = dayOf(y, mo, 1);
      const n = daysIn(y, mo);
      if (special.length) {
        const count = rng.chance(d) ? 2 : rng.chance(0.5) ? 1 : 0;
        for (let c = 0; c < count; c++) days.push(first + rng.below(n));
      } else if (k % 3 === 0 && rng.chance(d)) {
        // One visit in the quarter starting with this month.
        const [y3, m3] = months[Math.min(k + 2, months.length - 1)];
        days.push(first + rng.below(dayOf(y3, m3, 1) + daysIn(y3, m3) - first));
      }
    });
    // Nobody found: the worker comes back within a few days (up to twice); and a few doors get a
    // duplicate visit soon after a successful one (the repeat visits the field complains of).
    days.sort((a, b) => a - b);
    for (const base of days) {
      let day = base;
      for (let attempt = 0; attempt < 3; attempt++) {
        const outcome = (away ? AWAY_OUTCOMES : OUTCOMES).sample(rng);
        let met: number[] = [];
        if (outcome === 'MET') {
          met = members.filter((i) => rng.chance(special.includes(i) ? 0.92 : 0.95));
          if (!met.length) met = [rng.pick(members)];
        }
        const at = day * 86400 + rng.int(1, 9) * 3600 + rng.below(3600); // 09:00-17:59 China time = 01:00-09:59 UTC
        visit({ id: uuidV4(rng), household: hh, at, outcome, members: met.sort((a, b) => a - b) });
        yield;
        const next = day + rng.int(1, 4);
        const again = outcome === 'MET' ? rng.chance(0.03) : outcome !== 'MOVED_OUT' && rng.chance(0.9);
        if (!again || next >= m.referenceDay) break;
        day = next;
      }
    }
  }
}

const timestamp = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * What a visit recorded beyond its plan, drawn from the `street_visit_detail` stream in visit order:
 * the tickets' seed part (streetTickets.ts) replays it to find the needs heard on each visit.
 */
export function visitDetail(m: Model, v: PlannedVisit, detail: Rng): { alone: boolean; note: string | null; need: string | null; occupants: number | null; recordedAt: number } {
  const size = m.households.size[v.household];
  const met = v.outcome === 'MET';
  const alone = met && size === 1 && v.members.some((i) => isSpecialMember(m, i));
  const note = met ? (detail.chance(0.85) ? '政策已宣传' : detail.pick(VIEWS)) : null;
  const need = met && detail.chance(0.1) ? detail.pick(NEEDS) : null;
  const occupants = met ? (detail.chance(0.9) ? size : Math.max(0, size + detail.int(-1, 2))) : null;
  return { alone, note, need, occupants, recordedAt: v.at + 3600 * detail.int(0, 30) };
}

export function streetTables(m: Model): TableLoad[] {
  const householdIds = () => replayIds(m.seed, 'household_index', m.households.count);
  return [
    {
      table: 'visits',
      columns: ['id', 'household_id', 'grid_id', 'community_code', 'visited_at', 'recorded_at', 'staff_subject', 'purpose', 'outcome',
        'lives_alone_confirmed', 'occupants', 'address_mismatch', 'note', 'needs', 'request_id', 'idempotency_key', 'payload_hash'],
      chunks: () => chunked(function* (out: CopyText) {
        const ids = householdIds();
        const detail = new Rng(m.seed, 'street_visit_detail');
        yield* planVisits(m, (v) => {
          const b = m.buildings[m.households.building[v.household]];
          const met = v.outcome === 'MET';
          const { alone, note, need, occupants, recordedAt } = visitDetail(m, v, detail);
          out.row([v.id, ids[v.household], b.gridId, b.communityCode, timestamp(v.at), timestamp(recordedAt),
            `seed-grid-worker-${b.gridId}`, 'HOME_VISIT', v.outcome, alone ? true : null, occupants, v.outcome === 'NOT_LIVING_HERE' ? true : met ? false : null,
            note, need ? `{${need}}` : '{}', 'seed', `seed-${v.id}`, 'seed']);
        });
      }),
    },
    {
      table: 'visit_members',
      columns: ['visit_id', 'person_id', 'visited_at', 'grid_id'],
      chunks: () => chunked(function* (out: CopyText) {
        const persons = replayIds(m.seed, 'person_index', m.persons.count);
        yield* planVisits(m, (v) => {
          const gridId = m.buildings[m.households.building[v.household]].gridId;
          for (const i of v.members) out.row([v.id, persons[i], timestamp(v.at), gridId]);
        });
      }),
    },
  ];
}

