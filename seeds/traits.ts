/**
 * Facts about people that several tables depend on, decided once on the finished population:
 * deaths, chronic illness, disability, the civil-affairs special groups, key persons, birth
 * certificates, and the planted cross-department discrepancies.
 *
 * Planted discrepancies (each at a small rate, at least one whenever there is a candidate):
 * - DEATH_WITH_ACTIVE_ASSISTANCE: health registered the death, civil affairs still pays (ACTIVE).
 * - LIVES_ALONE_CONFLICT: civil affairs records "lives alone" for someone whose registered
 *   household has three or more members.
 * - MARITAL_CONFLICT: police lists the person as SPOUSE of the head, civil affairs says SINGLE.
 * - BIRTH_DATE_MISMATCH: the birth certificate's date differs from the police birth date.
 * - ASSISTANCE_UNKNOWN_TO_POLICE: civil affairs pays MINIMUM_LIVING to a (valid) ID number that
 *   police has no record of (moved away, or a data-entry error).
 * Besides these, every death is by construction a police lag: the person stays in police.persons.
 */
import { ageOn } from './dates';
import { IdAllocator } from './ids';
import { Flag, Model } from './model';
import { Rng } from './random';

/** Rates of the planted discrepancies, as a share of their candidates. */
export const DISCREPANCY_RATES = {
  DEATH_WITH_ACTIVE_ASSISTANCE: 0.15,
  LIVES_ALONE_CONFLICT: 0.005,
  MARITAL_CONFLICT: 0.005,
  BIRTH_DATE_MISMATCH: 0.02,
  /** Per local resident. */
  ASSISTANCE_UNKNOWN_TO_POLICE: 0.0003,
} as const;

function byAge(age: number, table: ReadonlyArray<readonly [number, number]>): number {
  for (const [below, p] of table) if (age < below) return p;
  return table[table.length - 1][1];
}

const DEATH = [[1, 0.002], [40, 0.0003], [60, 0.002], [70, 0.007], [80, 0.02], [90, 0.055], [200, 0.14]] as const;
const CHRONIC = [[35, 0.01], [45, 0.06], [60, 0.2], [70, 0.44], [80, 0.55], [200, 0.62]] as const;
const DISABLED = [[18, 0.01], [45, 0.025], [60, 0.05], [80, 0.085], [200, 0.16]] as const;

/** Picks max(1, round(rate × n)) of the candidates (none when there are none) and sets `flag` on them. */
function plant(rng: Rng, m: Model, candidates: number[], rate: number, flag: number): number[] {
  if (candidates.length === 0) return [];
  const chosen = rng.sample(candidates, Math.max(1, Math.round(rate * candidates.length)));
  for (const person of chosen) m.persons.flags[person] |= flag;
  return chosen;
}

/** Decides the shared per-person facts of `m` (see the module comment). */
export function assignTraits(m: Model, rng: Rng, ids: IdAllocator): void {
  const p = m.persons;
  const h = m.households;
  const ref = m.referenceDay;
  const alive = (i: number): boolean => (p.flags[i] & Flag.DIED) === 0;
  let locals = 0;
  let births = 0;

  for (let i = 0; i < p.count; i++) {
    const age = p.age[i];
    const local = p.household[i] >= 0;
    let f = p.flags[i];
    if (rng.chance(byAge(age, DEATH))) {
      f |= Flag.DIED;
      p.deathDay[i] = Math.max(p.birthDay[i] + 1, ref - rng.int(1, 720));
    }
    if (rng.chance(byAge(age, CHRONIC))) f |= Flag.CHRONIC;
    const dead = (f & Flag.DIED) !== 0;
    if (!dead && age >= 18 && age <= 70 && rng.chance(0.0015)) f |= Flag.WATCH;
    if (age < 5 && p.mother[i] >= 0 && (local || rng.chance(0.7))) {
      f |= Flag.BIRTH_CERTIFICATE;
      births++;
    }
    if (local) {
      locals++;
      if (rng.chance(byAge(age, DISABLED))) f |= Flag.DISABLED;
      const ageAtEnd = dead ? ageOn(p.birthDay[i], p.deathDay[i]) : age;
      if (ageAtEnd >= 80 && rng.chance(0.92)) f |= Flag.OLD_AGE_ALLOWANCE;
      if (!dead && age >= 60) {
        const alone = h.size[p.household[i]] === 1 && (f & Flag.LIVING_AWAY) === 0;
        if (alone) f |= Flag.LIVES_ALONE | Flag.ELDERLY_CARE;
        else if (rng.chance(0.88)) f |= Flag.ELDERLY_CARE;
      }
      // Minors registered without either parent in the household (skip-generation families).
      if (!dead && age < 18 && p.mother[i] < 0 && p.father[i] < 0 && p.relation[i] !== 1 && rng.chance(0.12)) {
        f |= Flag.CHILD_IN_DIFFICULTY;
      }
    }
    p.flags[i] = f;
  }

  // 低保 is granted to a household (every member receives it); 特困 to people alone without means.
  for (let hh = 0; hh < h.count; hh++) {
    if (h.collective[hh]) continue;
    const first = h.first[hh];
    const end = first + h.size[hh];
    let disabled = false;
    for (let i = first; i < end; i++) disabled ||= (p.flags[i] & Flag.DISABLED) !== 0;
    if (h.size[hh] === 1 && alive(first) && (p.age[first] >= 60 || disabled) && rng.chance(0.05)) {
      p.flags[first] |= Flag.EXTREME_POVERTY;
      continue;
    }
    if (rng.chance(disabled ? 0.07 : 0.017)) for (let i = first; i < end; i++) p.flags[i] |= Flag.MINIMUM_LIVING;
  }

  const assisted = Flag.OLD_AGE_ALLOWANCE | Flag.MINIMUM_LIVING | Flag.EXTREME_POVERTY;
  const deadAssisted: number[] = [];
  const deadLocals: number[] = [];
  const elderlyInFamilies: number[] = [];
  const spouses: number[] = [];
  const certificates: number[] = [];
  const mothers: number[] = [];
  for (let i = 0; i < p.count; i++) {
    const f = p.flags[i];
    const local = p.household[i] >= 0;
    if (f & Flag.BIRTH_CERTIFICATE) certificates.push(i);
    if (!local) {
      if (alive(i) && !p.male[i] && p.age[i] >= 22 && p.age[i] <= 42 && p.spouse[i] >= 0 && alive(p.spouse[i])) mothers.push(i);
      continue;
    }
    if (!alive(i)) {
      deadLocals.push(i);
      if (f & assisted) deadAssisted.push(i);
      continue;
    }
    if (!p.male[i] && p.age[i] >= 22 && p.age[i] <= 42 && p.spouse[i] >= 0 && alive(p.spouse[i])) mothers.push(i);
    if ((f & Flag.ELDERLY_CARE) && !(f & Flag.LIVES_ALONE) && h.size[p.household[i]] >= 3) elderlyInFamilies.push(i);
    if (p.relation[i] === 2 && p.age[i] >= 22) spouses.push(i);
  }

  const r = DISCREPANCY_RATES;
  const deathCandidates = deadAssisted.length > 0 ? deadAssisted : deadLocals;
  for (const i of plant(rng, m, deathCandidates, r.DEATH_WITH_ACTIVE_ASSISTANCE, Flag.PLANT_DEATH_ACTIVE_ASSISTANCE)) {
    if ((p.flags[i] & assisted) === 0) p.flags[i] |= Flag.MINIMUM_LIVING;
  }
  plant(rng, m, elderlyInFamilies, r.LIVES_ALONE_CONFLICT, Flag.PLANT_LIVES_ALONE_CONFLICT);
  plant(rng, m, spouses, r.MARITAL_CONFLICT, Flag.PLANT_MARITAL_CONFLICT);
  plant(rng, m, certificates, r.BIRTH_DATE_MISMATCH, Flag.PLANT_BIRTH_DATE_MISMATCH);

  const unknown = Math.max(1, Math.round(r.ASSISTANCE_UNKNOWN_TO_POLICE * locals));
  for (let k = 0; k < unknown; k++) {
    const birthDay = ref - rng.int(30 * 365, 85 * 365);
    m.unknownToPolice.push(ids.next('110101', birthDay, rng.chance(0.5)));
  }
  // A few newborns whose birth certificate exists but who are not registered with police yet.
  m.unregisteredBirthMothers = rng.sample(mothers, Math.max(1, Math.round(births * 0.03)));
}
