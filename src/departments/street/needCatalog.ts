import { NEED_ITEM_CODES } from './tickets/needItems';

/**
 * The needs a resident may raise on a visit: the item codes of the one need-item catalogue
 * (tickets/needItems.ts), which routes each to the department that must act (issue 17). Codes, not
 * free text: a need can be routed and counted, and carries nothing of the resident.
 */
export const NEED_CODES: readonly string[] = NEED_ITEM_CODES;

export function isNeedCode(value: string): boolean {
  return NEED_CODES.includes(value);
}

/** What the staff member found at the door. */
export const VISIT_OUTCOMES = ['MET', 'NOT_HOME', 'REFUSED', 'NOT_LIVING_HERE', 'MOVED_OUT'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
