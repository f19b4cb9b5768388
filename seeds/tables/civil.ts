/**
 * Civil affairs (民政) tables: marital status (all adults: marriage registration is networked
 * nationally), and for residents with 户籍 here: social assistance, disability certificates,
 * elderly care and children in difficulty (and the severe-disability care subsidy of grade 1–2 certificates). Deaths registered by health are reflected (assistance
 * STOPPED, no care record) except where a discrepancy is planted (see traits.ts).
 */
import { birthdayAt, isoDate } from '../dates';
import { chunked, TableLoad } from '../copy';
import { Flag, Model } from '../model';
import { disabilityCertificates } from '../disabilities';
import { severelyDisabled } from '../eligibility';
import { Rng, Weighted } from '../random';

/** Monthly amounts in yuan (Beijing 2025 figures: 低保 standard 1,450; 高龄津贴 100/500/800). */
export const MINIMUM_LIVING_STANDARD = 1450;
export const EXTREME_POVERTY_MONTHLY = 1885;
/** Monthly severe-disability care subsidy (重度残疾人护理补贴) in the demo, yuan. */
export const DISABILITY_SUBSIDY_MONTHLY = 300;
const OLD_AGE_ALLOWANCE_BANDS = [[80, 100], [90, 500], [100, 800]] as const;

const DIFFICULTY = new Weighted<string>([['DE_FACTO_UNSUPPORTED', 50], ['ORPHAN', 25], ['LEFT_BEHIND', 25]]);
const CARE_LEVELS: ReadonlyArray<readonly [number, Weighted<number>]> = [
  [70, new Weighted([[0, 75], [1, 15], [2, 6], [3, 3], [4, 1]])],
  [80, new Weighted([[0, 50], [1, 25], [2, 12], [3, 8], [4, 3], [5, 2]])],
  [200, new Weighted([[0, 20], [1, 25], [2, 20], [3, 15], [4, 10], [5, 10]])],
];

const money = (yuan: number): string => yuan.toFixed(2);

/** Status of a person's marriage when no spouse is registered in the same household or unit. */
function statusWithoutSpouse(rng: Rng, age: number): string {
  const table: ReadonlyArray<readonly [string, number]> =
    age < 22 ? [['SINGLE', 1]]
      : age < 30 ? [['SINGLE', 80], ['MARRIED', 15], ['DIVORCED', 5]]
        : age < 60 ? [['MARRIED', 45], ['DIVORCED', 25], ['SINGLE', 25], ['WIDOWED', 5]]
          : [['WIDOWED', 65], ['MARRIED', 15], ['DIVORCED', 12], ['SINGLE', 8]];
  let x = rng.next() * table.reduce((a, [, w]) => a + w, 0);
  for (const [status, w] of table) if ((x -= w) < 0) return status;
  return table[0][0];
}

export function civilTables(m: Model): TableLoad[] {
  const p = m.persons;
  const h = m.households;
  const ref = m.referenceDay;
  const alive = (i: number): boolean => (p.flags[i] & Flag.DIED) === 0;
  return [
    {
      table: 'marital_status',
      columns: ['id_number', 'status', 'registered_on', 'spouse_id_number'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'marital_status');
        const weddings = new Map<number, number>();
        // Couples registered their marriage before their eldest child in the household was born.
        const firstChild = new Int32Array(p.count).fill(ref);
        for (let c = 0; c < p.count; c++) {
          for (const parent of [p.mother[c], p.father[c]]) if (parent >= 0 && p.birthDay[c] < firstChild[parent]) firstChild[parent] = p.birthDay[c];
        }
        for (let i = 0; i < p.count; i++) {
          const age = p.age[i];
          if (age < 18) continue;
          const spouse = p.spouse[i];
          if (p.flags[i] & Flag.PLANT_MARITAL_CONFLICT) {
            out.row([p.idNumber[i], 'SINGLE', null, null]);
          } else if (spouse >= 0) {
            let day = weddings.get(i);
            if (day === undefined) {
              const [husband, wife] = p.male[i] ? [i, spouse] : [spouse, i];
              const earliest = Math.max(birthdayAt(p.birthDay[husband], 22), birthdayAt(p.birthDay[wife], 20));
              const latest = Math.min(ref - 1, earliest + 8 * 365, Math.min(firstChild[i], firstChild[spouse]) - 300);
              day = latest <= earliest ? Math.min(earliest, ref - 1) : rng.int(earliest, latest);
              weddings.set(spouse, day);
            } else weddings.delete(i);
            out.row([p.idNumber[i], 'MARRIED', isoDate(day), p.idNumber[spouse]]);
          } else {
            const status = statusWithoutSpouse(rng, age);
            const since = status === 'SINGLE' ? null : isoDate(rng.int(Math.min(ref - 1, birthdayAt(p.birthDay[i], 22)), ref - 1));
            out.row([p.idNumber[i], status, since, null]);
          }
          yield;
        }
      }),
    },
    {
      table: 'assistance',
      columns: ['id_number', 'kind', 'monthly_amount', 'started_on', 'ended_on', 'status'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'assistance');
        let household = -1;
        let householdStart = 0;
        let householdShare = 1;
        let pastHousehold = false;
        const ending = (i: number, start: number): [string | null, string] => {
          if (alive(i) || p.flags[i] & Flag.PLANT_DEATH_ACTIVE_ASSISTANCE) return [null, 'ACTIVE'];
          return [isoDate(Math.max(start, Math.min(ref - 1, p.deathDay[i] + rng.int(10, 60)))), 'STOPPED'];
        };
        for (let i = 0; i < p.count; i++) {
          const hh = p.household[i];
          if (hh < 0) continue;
          const f = p.flags[i];
          const born = p.birthDay[i] + 1;
          if (hh !== household) {
            household = hh;
            householdStart = ref - rng.int(60, 8 * 365);
            householdShare = 0.25 + 0.75 * rng.next();
            pastHousehold = !(f & Flag.MINIMUM_LIVING) && !h.collective[hh] && rng.chance(0.01);
          }
          if (f & Flag.MINIMUM_LIVING) {
            const start = Math.max(born, householdStart);
            out.row([p.idNumber[i], 'MINIMUM_LIVING', money(Math.round(MINIMUM_LIVING_STANDARD * householdShare)), isoDate(start), ...ending(i, start)]);
          } else if (pastHousehold) {
            // Received 低保 once and left it when the household's income rose.
            const start = Math.max(born, householdStart - 3 * 365);
            out.row([p.idNumber[i], 'MINIMUM_LIVING', money(Math.round(MINIMUM_LIVING_STANDARD * householdShare * 0.9)), isoDate(start), isoDate(rng.int(start, ref - 1)), 'STOPPED']);
          }
          if (f & Flag.EXTREME_POVERTY) {
            const start = Math.max(born, ref - rng.int(60, 6 * 365));
            out.row([p.idNumber[i], 'EXTREME_POVERTY', money(EXTREME_POVERTY_MONTHLY), isoDate(start), ...ending(i, start)]);
          }
          if (f & Flag.OLD_AGE_ALLOWANCE) {
            const end = alive(i) ? ref : p.deathDay[i];
            const bands = OLD_AGE_ALLOWANCE_BANDS.filter(([from]) => birthdayAt(p.birthDay[i], from) < end);
            bands.forEach(([from, amount], k) => {
              const start = Math.min(end - 1, birthdayAt(p.birthDay[i], from) + rng.int(0, 90));
              if (k < bands.length - 1) {
                out.row([p.idNumber[i], 'OLD_AGE_ALLOWANCE', money(amount), isoDate(start), isoDate(birthdayAt(p.birthDay[i], bands[k + 1][0]) - 1), 'STOPPED']);
              } else {
                out.row([p.idNumber[i], 'OLD_AGE_ALLOWANCE', money(amount), isoDate(start), ...ending(i, start)]);
              }
            });
          }
          yield;
        }
        // Planted: civil affairs pays people police has no record of.
        for (const idNumber of m.unknownToPolice) {
          out.row([idNumber, 'MINIMUM_LIVING', money(Math.round(MINIMUM_LIVING_STANDARD * (0.3 + 0.7 * rng.next()))), isoDate(ref - rng.int(400, 5 * 365)), null, 'ACTIVE']);
          yield;
        }
        // The severe-disability care subsidy of living locals with a grade 1–2 certificate, except
        // the planted gaps (../eligibility.ts). Its own stream: the rows above do not move.
        const subsidies = new Rng(m.seed, 'assistance:disability-subsidy');
        for (const [i, c] of disabilityCertificates(m)) {
          if (!severelyDisabled(m, i) || p.flags[i] & Flag.PLANT_NO_DISABILITY_SUBSIDY) continue;
          const start = Math.min(ref - 1, Math.max(c.issuedDay, ref - subsidies.int(30, 6 * 365)));
          out.row([p.idNumber[i], 'DISABILITY_SUBSIDY', money(DISABILITY_SUBSIDY_MONTHLY), isoDate(start), null, 'ACTIVE']);
          yield;
        }
      }),
    },
    {
      table: 'disabilities',
      columns: ['id_number', 'certificate_no', 'category', 'grade', 'issued_on'],
      chunks: () => chunked(function* (out) {
        for (const [i, c] of disabilityCertificates(m)) {
          // Second-generation certificate number: ID number + category digit + grade digit.
          out.row([p.idNumber[i], `${p.idNumber[i]}${c.digit}${c.grade}`, c.category, c.grade, isoDate(c.issuedDay)]);
          yield;
        }
      }),
    },
    {
      table: 'elderly_care',
      columns: ['id_number', 'lives_alone', 'care_level', 'assessed_on'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'elderly_care');
        for (let i = 0; i < p.count; i++) {
          const f = p.flags[i];
          if (!(f & Flag.ELDERLY_CARE)) continue;
          const age = p.age[i];
          let level = CARE_LEVELS.find(([below]) => age < below)![1].sample(rng);
          if (f & Flag.DISABLED) level = Math.min(5, level + 1);
          const assessed = Math.max(birthdayAt(p.birthDay[i], 60), ref - rng.int(1, 3 * 365));
          const alone = (f & (Flag.LIVES_ALONE | Flag.PLANT_LIVES_ALONE_CONFLICT)) !== 0;
          out.row([p.idNumber[i], alone, level, isoDate(Math.min(ref - 1, assessed))]);
          yield;
        }
      }),
    },
    {
      table: 'children_in_difficulty',
      columns: ['id_number', 'category', 'guardian_id_number', 'registered_on'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'children_in_difficulty');
        for (let i = 0; i < p.count; i++) {
          if (!(p.flags[i] & Flag.CHILD_IN_DIFFICULTY)) continue;
          const head = h.first[p.household[i]];
          const guardian = head !== i && p.age[head] >= 18 && alive(head) ? p.idNumber[head] : null;
          const registered = Math.min(ref - 1, Math.max(p.birthDay[i] + 30, ref - rng.int(30, 5 * 365)));
          out.row([p.idNumber[i], DIFFICULTY.sample(rng), guardian, isoDate(registered)]);
          yield;
        }
      }),
    },
  ];
}
