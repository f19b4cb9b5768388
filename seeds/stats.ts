/**
 * What a generated population actually looks like, for the seed report: the shares the field
 * figures ask for (ageing, floating population, 人户分离, ...) and the planted discrepancies.
 */
import { Flag, Model } from './model';

export interface Proportions {
  /** Residents aged 60 and over (target 23.7% in an ageing street). */
  aged60Plus: number;
  /** Residents without 户籍 here (target 35%). */
  floating: number;
  /** Locals living at another building than the registered one (target 15–20%). */
  livingAwayOfLocals: number;
  /** Members per registered household (target ≈ 2.6). */
  meanHouseholdSize: number;
  /** Elderly (60+) recorded as living alone, of all residents aged 60+ (field figure 8.3%). */
  livesAloneOfElderly: number;
  /** Locals with a disability certificate (target ≈ 6%). */
  disabledOfLocals: number;
  /** Locals receiving 低保 (target 2–3%). */
  minimumLivingOfLocals: number;
  /** Elderly (60+) with at least one chronic condition (target ≈ 50%). */
  chronicOfElderly: number;
  /** Residents with a death registration in health (police still lists them). */
  deceased: number;
}

export interface Discrepancy {
  kind: string;
  count: number;
  description: string;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);

export function proportions(m: Model): Proportions {
  const p = m.persons;
  let elderly = 0;
  let floating = 0;
  let away = 0;
  let alone = 0;
  let disabled = 0;
  let lowIncome = 0;
  let chronicElderly = 0;
  let died = 0;
  for (let i = 0; i < p.count; i++) {
    const f = p.flags[i];
    if (p.age[i] >= 60) {
      elderly++;
      if (f & Flag.LIVES_ALONE) alone++;
      if (f & Flag.CHRONIC) chronicElderly++;
    }
    if (p.household[i] < 0) floating++;
    if (f & Flag.LIVING_AWAY) away++;
    if (f & Flag.DISABLED) disabled++;
    if (f & Flag.MINIMUM_LIVING) lowIncome++;
    if (f & Flag.DIED) died++;
  }
  const locals = p.count - floating;
  return {
    aged60Plus: share(elderly, p.count),
    floating: share(floating, p.count),
    livingAwayOfLocals: share(away, locals),
    meanHouseholdSize: Math.round((locals / Math.max(1, m.households.count)) * 100) / 100,
    livesAloneOfElderly: share(alone, elderly),
    disabledOfLocals: share(disabled, locals),
    minimumLivingOfLocals: share(lowIncome, locals),
    chronicOfElderly: share(chronicElderly, elderly),
    deceased: share(died, p.count),
  };
}

export function discrepancies(m: Model): Discrepancy[] {
  const count = (flag: number): number => {
    let n = 0;
    for (let i = 0; i < m.persons.count; i++) if (m.persons.flags[i] & flag) n++;
    return n;
  };
  return [
    { kind: 'DEATH_WITH_ACTIVE_ASSISTANCE', count: count(Flag.PLANT_DEATH_ACTIVE_ASSISTANCE), description: 'health.deaths has the person, civil.assistance still ACTIVE' },
    { kind: 'LIVES_ALONE_CONFLICT', count: count(Flag.PLANT_LIVES_ALONE_CONFLICT), description: 'civil.elderly_care.lives_alone = true, police household has 3+ members' },
    { kind: 'MARITAL_CONFLICT', count: count(Flag.PLANT_MARITAL_CONFLICT), description: 'police relation_to_head = SPOUSE, civil.marital_status = SINGLE' },
    { kind: 'BIRTH_DATE_MISMATCH', count: count(Flag.PLANT_BIRTH_DATE_MISMATCH), description: 'health.births.born_on differs from police.persons.birth_date' },
    { kind: 'ASSISTANCE_UNKNOWN_TO_POLICE', count: m.unknownToPolice.length, description: 'civil.assistance for a valid ID number absent from police.persons' },
    { kind: 'DEATH_NOT_IN_POLICE', count: count(Flag.DIED), description: 'every health.deaths person is still in police.persons (police lags; by design)' },
    { kind: 'BIRTH_NOT_REGISTERED', count: m.unregisteredBirthMothers.length, description: 'health.births with child_id_number NULL (newborn not yet registered with police)' },
    { kind: 'AGED_80_WITHOUT_OLD_AGE_ALLOWANCE', count: count(Flag.PLANT_NO_OLD_AGE_ALLOWANCE), description: 'living local aged 80+, no ACTIVE civil OLD_AGE_ALLOWANCE (eligibility.ts)' },
    { kind: 'SEVERE_DISABILITY_WITHOUT_SUBSIDY', count: count(Flag.PLANT_NO_DISABILITY_SUBSIDY), description: 'living local, civil disability grade 1-2, no ACTIVE DISABILITY_SUBSIDY' },
    { kind: 'CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR', count: count(Flag.PLANT_NO_FAMILY_DOCTOR), description: 'living 低保 member with a health chronic condition, no current family-doctor contract' },
  ];
}
