/**
 * The disability certificates (残疾人证) of a population, decided once per model: category,
 * grade and issue day of every DISABLED person. The civil affairs table writer prints them, and the
 * eligibility planting (./eligibility.ts) and the disability subsidy rows read the grade, so all
 * three agree. Drawn from its own stream (`disabilities`), exactly as the table writer always drew it.
 */
import { Flag, Model } from './model';
import { Rng, Weighted } from './random';

export interface Certificate {
  category: string;
  /** The category digit of the second-generation certificate number. */
  digit: number;
  /** 1 (most severe) .. 4. */
  grade: number;
  issuedDay: number;
}

const CATEGORIES = new Weighted<readonly [string, number]>([
  [['PHYSICAL', 4], 29], [['HEARING', 2], 24], [['VISUAL', 1], 14], [['MULTIPLE', 7], 16],
  [['MENTAL', 6], 7], [['INTELLECTUAL', 5], 7], [['SPEECH', 3], 1.5],
]);
const GRADES = new Weighted<number>([[1, 12], [2, 22], [3, 26], [4, 40]]);

const memo = new WeakMap<Model, Map<number, Certificate>>();

/** Every DISABLED person's certificate, keyed by person number, in person order (memoised per model). */
export function disabilityCertificates(m: Model): Map<number, Certificate> {
  let certificates = memo.get(m);
  if (certificates) return certificates;
  certificates = new Map();
  const p = m.persons;
  const rng = new Rng(m.seed, 'disabilities');
  for (let i = 0; i < p.count; i++) {
    if (!(p.flags[i] & Flag.DISABLED)) continue;
    const [category, digit] = CATEGORIES.sample(rng);
    const grade = GRADES.sample(rng);
    const issuedDay = Math.min(m.referenceDay - 1, Math.max(p.birthDay[i] + 180, m.referenceDay - rng.int(30, 15 * 365)));
    certificates.set(i, { category, digit, grade, issuedDay });
  }
  memo.set(m, certificates);
  return certificates;
}
