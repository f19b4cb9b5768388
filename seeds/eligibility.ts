/**
 * "Eligible but not receiving": the eligibility gaps of a population, decided after the traits
 * (./traits.ts) and marked on the persons, so the table writers and the ground truth
 * (./truth.ts) agree exactly.
 *
 * - PLANT_NO_OLD_AGE_ALLOWANCE: a living local aged 80+ whose old-age allowance (高龄津贴) has no
 *   ACTIVE row. These are the take-up draw's own gaps (92% receive it, traits.ts), marked here, not
 *   new ones; an 80th birthday on the reference day itself also has no row yet.
 * - PLANT_NO_DISABILITY_SUBSIDY: a living local with a grade 1–2 disability certificate; all others
 *   of them receive the severe-disability care subsidy (重度残疾人护理补贴, DISABILITY_SUBSIDY).
 * - PLANT_NO_FAMILY_DOCTOR: a living 低保 member with a chronic condition; all others of them
 *   hold a current family-doctor contract (tables/health.ts signs one where the usual draw did not).
 *
 * The planted ones use their own random stream, at ELIGIBILITY_GAP_RATES of their candidates and at
 * least one whenever there is a candidate; no other stream moves, so every other row stays as it was.
 */
import { birthdayAt } from './dates';
import { disabilityCertificates } from './disabilities';
import { Flag, Model } from './model';
import { Rng } from './random';

/** Rates of the planted eligibility gaps, as a share of their candidates. */
export const ELIGIBILITY_GAP_RATES = {
  DISABILITY_WITHOUT_SUBSIDY: 0.1,
  CHRONIC_LOW_INCOME_WITHOUT_DOCTOR: 0.1,
} as const;

const alive = (m: Model, i: number): boolean => (m.persons.flags[i] & Flag.DIED) === 0;
const local = (m: Model, i: number): boolean => m.persons.household[i] >= 0;

/** Whether a living local aged 80+ has an ACTIVE old-age allowance row (tables/civil.ts writes one band per birthday passed). */
export function receivesOldAgeAllowance(m: Model, i: number): boolean {
  const p = m.persons;
  return (p.flags[i] & Flag.OLD_AGE_ALLOWANCE) !== 0 && birthdayAt(p.birthDay[i], 80) < m.referenceDay;
}

/** Living locals with a grade 1–2 disability: the severe-disability care subsidy is theirs. */
export function severelyDisabled(m: Model, i: number): boolean {
  const c = disabilityCertificates(m).get(i);
  return c !== undefined && c.grade <= 2 && alive(m, i) && local(m, i);
}

/** Living 低保 members with a chronic condition: a family-doctor contract is due to them. */
export function chronicLowIncome(m: Model, i: number): boolean {
  const f = m.persons.flags[i];
  return (f & Flag.MINIMUM_LIVING) !== 0 && (f & Flag.CHRONIC) !== 0 && alive(m, i) && local(m, i);
}

function plant(rng: Rng, m: Model, candidates: number[], rate: number, flag: number): void {
  if (candidates.length === 0) return;
  for (const i of rng.sample(candidates, Math.max(1, Math.round(rate * candidates.length)))) m.persons.flags[i] |= flag;
}

/** Marks the eligibility gaps of `m` (see the module comment). */
export function plantEligibilityGaps(m: Model): void {
  const p = m.persons;
  const disabled: number[] = [];
  const chronic: number[] = [];
  for (let i = 0; i < p.count; i++) {
    if (!alive(m, i) || !local(m, i)) continue;
    if (p.age[i] >= 80 && !receivesOldAgeAllowance(m, i)) p.flags[i] |= Flag.PLANT_NO_OLD_AGE_ALLOWANCE;
    if (severelyDisabled(m, i)) disabled.push(i);
    if (chronicLowIncome(m, i)) chronic.push(i);
  }
  const rng = new Rng(m.seed, 'eligibility-gaps');
  const r = ELIGIBILITY_GAP_RATES;
  plant(rng, m, disabled, r.DISABILITY_WITHOUT_SUBSIDY, Flag.PLANT_NO_DISABILITY_SUBSIDY);
  plant(rng, m, chronic, r.CHRONIC_LOW_INCOME_WITHOUT_DOCTOR, Flag.PLANT_NO_FAMILY_DOCTOR);
}
