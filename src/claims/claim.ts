import type { Declaration, Level, Owner } from '../policy/declaration';

/**
 * Named yes/no claims about one resident (免提交, issue 18): what a service counter needs to know
 * instead of a document, answered from the departments' live records, never with the values
 * behind them.
 */
export enum Claim {
  AGED_60_OR_OVER = 'AGED_60_OR_OVER',
  ALIVE = 'ALIVE',
  REGISTERED_IN_DISTRICT = 'REGISTERED_IN_DISTRICT',
  RESIDENCE_PERMIT_ACTIVE_6_MONTHS = 'RESIDENCE_PERMIT_ACTIVE_6_MONTHS',
  DISABILITY_CERTIFIED = 'DISABILITY_CERTIFIED',
  LOW_INCOME_ASSISTANCE_ACTIVE = 'LOW_INCOME_ASSISTANCE_ACTIVE',
}

export const CLAIMS: readonly Claim[] = Object.values(Claim);

/**
 * One claim, declared like a field: the department that answers it (一数一源), the level of what
 * the yes/no reveals, and what it reads. The same declaration is placed with `@Policy` on the
 * claim's field of `ClaimAnswers`, so the one policy table decides who may ask it and the access
 * matrix lists it (docs/access-matrix.md).
 */
export interface ClaimDefinition {
  claim: Claim;
  /** Field name on `ClaimAnswers` (and the access record's `ClaimAnswers.<field>`). */
  field: string;
  /** In the resident's words, for their access history: "aged 60 or over". */
  label: string;
  declaration: Declaration;
  /** The department records the answer is computed from. */
  reads: string;
  /** Why the declared level is right, for reviewers. */
  reason: string;
}

function declared(owner: Owner, level: Level): Declaration {
  return { owner, level, mask: 'NONE' };
}

/** Age from which AGED_60_OR_OVER holds. */
export const CLAIM_ELDERLY_AGE = 60;
/** Months a residence permit must have been held for RESIDENCE_PERMIT_ACTIVE_6_MONTHS. */
export const PERMIT_MONTHS = 6;

export const CLAIM_CATALOG: Readonly<Record<Claim, ClaimDefinition>> = {
  [Claim.AGED_60_OR_OVER]: {
    claim: Claim.AGED_60_OR_OVER,
    field: 'agedSixtyOrOver',
    label: `aged ${CLAIM_ELDERLY_AGE} or over`,
    declaration: declared('police', 1),
    reads: 'police persons.birth_date (reckoned on the request\'s age day)',
    reason: 'the same fact as the age band (police L1); the birth date and the age stay L2',
  },
  [Claim.ALIVE]: {
    claim: Claim.ALIVE,
    field: 'alive',
    label: 'alive',
    declaration: declared('health', 2),
    reads: 'health deaths (whether a death registration exists)',
    reason: 'whether a death is registered; the date, certificate and cause stay L2-L4',
  },
  [Claim.REGISTERED_IN_DISTRICT]: {
    claim: Claim.REGISTERED_IN_DISTRICT,
    field: 'registeredInDistrict',
    label: 'registered (户籍) in this district',
    declaration: declared('police', 2),
    reads: 'police persons.household_no (a 户籍 household held by this district\'s police)',
    reason: 'the negation of Person.isFloatingPopulation (police L2); the household number and address stay hidden',
  },
  [Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS]: {
    claim: Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS,
    field: 'residencePermitActiveSixMonths',
    label: `residence permit active for ${PERMIT_MONTHS} months`,
    declaration: declared('police', 2),
    reads: 'police residence_registrations (ACTIVE, with a permit number, registered at least 6 months ago, not expired)',
    reason: 'a residence registration is police L2; the permit number and dates stay hidden',
  },
  [Claim.DISABILITY_CERTIFIED]: {
    claim: Claim.DISABILITY_CERTIFIED,
    field: 'disabilityCertified',
    label: 'disability certified',
    declaration: declared('civil', 2),
    reads: 'civil affairs disabilities (whether a certificate exists)',
    reason: 'the same fact as the DISABLED service tag (civil L2); category and grade stay L3',
  },
  [Claim.LOW_INCOME_ASSISTANCE_ACTIVE]: {
    claim: Claim.LOW_INCOME_ASSISTANCE_ACTIVE,
    field: 'lowIncomeAssistanceActive',
    label: 'low-income assistance active',
    declaration: declared('civil', 2),
    reads: 'civil affairs assistance (an ACTIVE MINIMUM_LIVING or EXTREME_POVERTY payment)',
    reason: 'the same fact as the LOW_INCOME service tag (civil L2: recipients are publicly posted); kind and amounts stay L3',
  },
};

/** The `@Policy` arguments of a claim's field: its declaration, spread. */
export function claimPolicy(claim: Claim): [Owner, Level] {
  const d = CLAIM_CATALOG[claim].declaration;
  return [d.owner, d.level];
}

/** The declared field key of a claim, as the policy engine and the access record name it. */
export function claimKey(claim: Claim): string {
  return `ClaimAnswers.${CLAIM_CATALOG[claim].field}`;
}
