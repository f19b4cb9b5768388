import { yearsBefore } from '../tags/ageBounds';
import { Claim, CLAIM_ELDERLY_AGE, PERMIT_MONTHS } from './claim';

/** The department facts a claim is answered from: only those its claim reads are loaded. */
export interface ClaimFacts {
  /** Police: the birth date and the 户籍 household number (null: registered elsewhere). */
  birthDate: string;
  householdNo: string | null;
  /** Police: the current residence registration, if any. */
  residence?: { status: string; permit_no: string | null; registered_on: string; expires_on: string | null } | null;
  /** Health: whether a death registration exists. */
  deathRegistered?: boolean;
  /** Civil affairs: whether a disability certificate exists. */
  disabilityCertified?: boolean;
  /** Civil affairs: the assistance payments (kind and status only are read). */
  assistance?: ReadonlyArray<{ kind: string; status: string }>;
}

/** What each claim needs loaded besides the police identity row (already read to find the person). */
export type ClaimSource = 'residence' | 'death' | 'disability' | 'assistance' | null;

export const CLAIM_SOURCES: Readonly<Record<Claim, ClaimSource>> = {
  [Claim.AGED_60_OR_OVER]: null,
  [Claim.REGISTERED_IN_DISTRICT]: null,
  [Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS]: 'residence',
  [Claim.ALIVE]: 'death',
  [Claim.DISABILITY_CERTIFIED]: 'disability',
  [Claim.LOW_INCOME_ASSISTANCE_ACTIVE]: 'assistance',
};

/** `today` minus `months` calendar months (the last day of a shorter month when the day does not exist). */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The answer to one claim from the facts, on `ageDay` for the age (policy/ageDay.ts: today for a
 * caller who may read the birth date, else 1 January) and `today` for permits. Pure and total: a
 * fact that was not loaded counts as absent, so load what CLAIM_SOURCES names first.
 */
export function answerClaim(claim: Claim, facts: ClaimFacts, ageDay: string, today: string): boolean {
  switch (claim) {
    case Claim.AGED_60_OR_OVER:
      return facts.birthDate <= yearsBefore(ageDay, CLAIM_ELDERLY_AGE);
    case Claim.REGISTERED_IN_DISTRICT:
      return facts.householdNo !== null;
    case Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS: {
      const r = facts.residence;
      return !!r && r.status === 'ACTIVE' && r.permit_no !== null && r.registered_on <= monthsBefore(today, PERMIT_MONTHS) && (r.expires_on === null || r.expires_on >= today);
    }
    case Claim.ALIVE:
      return facts.deathRegistered === false;
    case Claim.DISABILITY_CERTIFIED:
      return facts.disabilityCertified === true;
    case Claim.LOW_INCOME_ASSISTANCE_ACTIVE:
      return (facts.assistance ?? []).some((a) => a.status === 'ACTIVE' && (a.kind === 'MINIMUM_LIVING' || a.kind === 'EXTREME_POVERTY'));
  }
}
