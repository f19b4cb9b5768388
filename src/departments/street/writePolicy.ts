import type { Purpose, Role } from '../../auth/vocabulary';
import { VisitRefusedError } from './errors';

/**
 * Who may record a visit, and under which declared purpose: street staff, on a home visit. Reads
 * of visits are decided by the policy table like any other field; writes by this rule, checked
 * before anything is read or written. Deny by default: a role or purpose not named here is refused.
 */
export const VISIT_WRITE_RULE: { roles: readonly Role[]; purposes: readonly Purpose[] } = {
  roles: ['STREET_STAFF'],
  purposes: ['HOME_VISIT'],
};

/** Throws WRITE_NOT_PERMITTED (role) or PURPOSE_NOT_APPLICABLE (purpose) unless the rule allows the write. */
export function checkVisitWrite(role: Role, purpose: Purpose | null): void {
  if (!VISIT_WRITE_RULE.roles.includes(role)) throw new VisitRefusedError('WRITE_NOT_PERMITTED', 'Your role may not record visits.');
  if (purpose === null || !VISIT_WRITE_RULE.purposes.includes(purpose)) {
    throw new VisitRefusedError('PURPOSE_NOT_APPLICABLE', `Visits are recorded under ${VISIT_WRITE_RULE.purposes.join(' or ')}.`);
  }
}
