/**
 * The ground truth of the cross-department checks (src/checks/rules.ts): for every declared rule,
 * which subjects the generated population holds a case of, decided from the model alone (no
 * database). The checks must find exactly these on a freshly seeded population evaluated as of the
 * seed's reference date: `npm run seed -- --truth out.json` writes them, tests and
 * `bench/checks.ts` compare a run against them.
 *
 * Subjects are given by ID number (the ground truth is the generator's, not the hub's): the person
 * concerned; for BIRTH_NOT_REGISTERED the newborn's mother (the newborn has no ID number yet); for
 * ASSISTANCE_UNKNOWN_TO_POLICE the number civil affairs pays that police do not know.
 */
import { birthdayAt } from './dates';
import { Flag, Model } from './model';
import { buildPopulation } from './population';

/** Per rule id, the ID numbers of its subjects, sorted. */
export type GroundTruth = Record<string, string[]>;

/** Whether a dead person still has an ACTIVE assistance row (tables/civil.ts: only when planted, and only a kind with a row). */
function activeAssistanceAfterDeath(m: Model, i: number): boolean {
  const f = m.persons.flags[i];
  if (!(f & Flag.PLANT_DEATH_ACTIVE_ASSISTANCE)) return false;
  if (f & (Flag.MINIMUM_LIVING | Flag.EXTREME_POVERTY)) return true;
  return (f & Flag.OLD_AGE_ALLOWANCE) !== 0 && birthdayAt(m.persons.birthDay[i], 80) < m.persons.deathDay[i];
}

/** The planted subjects of every rule (see the module comment). */
export function groundTruth(m: Model): GroundTruth {
  const p = m.persons;
  const byFlag: Array<[string, number]> = [
    ['LIVES_ALONE_CONFLICT', Flag.PLANT_LIVES_ALONE_CONFLICT],
    ['MARITAL_CONFLICT', Flag.PLANT_MARITAL_CONFLICT],
    ['BIRTH_DATE_MISMATCH', Flag.PLANT_BIRTH_DATE_MISMATCH],
    ['AGED_80_WITHOUT_OLD_AGE_ALLOWANCE', Flag.PLANT_NO_OLD_AGE_ALLOWANCE],
    ['SEVERE_DISABILITY_WITHOUT_SUBSIDY', Flag.PLANT_NO_DISABILITY_SUBSIDY],
    ['CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR', Flag.PLANT_NO_FAMILY_DOCTOR],
  ];
  const truth: GroundTruth = { DEATH_WITH_ACTIVE_ASSISTANCE: [] };
  for (const [rule] of byFlag) truth[rule] = [];
  for (let i = 0; i < p.count; i++) {
    const f = p.flags[i];
    if (activeAssistanceAfterDeath(m, i)) truth.DEATH_WITH_ACTIVE_ASSISTANCE.push(p.idNumber[i]);
    for (const [rule, flag] of byFlag) if (f & flag) truth[rule].push(p.idNumber[i]);
  }
  truth.ASSISTANCE_UNKNOWN_TO_POLICE = [...m.unknownToPolice];
  truth.BIRTH_NOT_REGISTERED = m.unregisteredBirthMothers.map((i) => p.idNumber[i]);
  for (const rule of Object.keys(truth)) truth[rule].sort();
  return truth;
}

/** The ground truth of the population `npm run seed -- --residents N --seed S` generates (builds the model, ~1 s per 100,000 residents). */
export function seedGroundTruth(residents: number, seed: number): GroundTruth {
  return groundTruth(buildPopulation({ residents, seed }));
}
