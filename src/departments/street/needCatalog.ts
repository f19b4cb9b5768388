/**
 * The catalogue of needs a resident may raise on a visit (the needs become tickets in the next
 * issue). Codes, not free text: a need can be routed and counted, and carries nothing of the resident.
 */
export const NEED_CODES = [
  'HOUSING_REPAIR',
  'CARE_SERVICE',
  'MEDICAL_ASSISTANCE',
  'FINANCIAL_ASSISTANCE',
  'EMPLOYMENT',
  'LEGAL_AID',
  'DISPUTE_MEDIATION',
  'ACCESSIBILITY',
  'HOUSEHOLD_REGISTRATION',
  'OTHER',
] as const;
export type NeedCode = (typeof NEED_CODES)[number];

export function isNeedCode(value: string): value is NeedCode {
  return (NEED_CODES as readonly string[]).includes(value);
}

/** What the staff member found at the door. */
export const VISIT_OUTCOMES = ['MET', 'NOT_HOME', 'REFUSED', 'NOT_LIVING_HERE', 'MOVED_OUT'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
