import type { Level } from '../policy/declaration';

/**
 * The vocabulary of claims (免提交, issue 18), importing nothing but types: the claim names, the
 * constants their labels use, and the shapes in which department modules declare the claims they
 * answer and the service items they handle (src/departments/<name>/claims.ts). src/claims/claim.ts
 * and serviceItem.ts read the declarations from the registry.
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

/** Age from which AGED_60_OR_OVER holds. */
export const CLAIM_ELDERLY_AGE = 60;
/** Months a residence permit must have been held for RESIDENCE_PERMIT_ACTIVE_6_MONTHS. */
export const PERMIT_MONTHS = 6;

/**
 * A claim as the department that answers it (一数一源) declares it: the module is the claim's
 * owner; the level is what the yes/no reveals.
 */
export interface DepartmentClaim {
  claim: Claim;
  /** Field name on `ClaimAnswers` (and the access record's `ClaimAnswers.<field>`). */
  field: string;
  /** In the resident's words, for their access history: "aged 60 or over". */
  label: string;
  level: Level;
  /** The department records the answer is computed from. */
  reads: string;
  /** Why the declared level is right, for reviewers. */
  reason: string;
}

/** A service item as the office that handles it declares it (the office is the declaring module). */
export interface DepartmentServiceItem {
  /** Its code, e.g. ELDERLY_PREFERENTIAL_CARD. */
  name: string;
  /** For people and the resident's history: "the elderly preferential card". */
  label: string;
  claims: readonly Claim[];
  /** What it needed before (the documents replaced), for reviewers. */
  replaces: string;
}
