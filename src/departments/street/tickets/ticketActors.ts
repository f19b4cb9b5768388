import type { Principal } from '../../../auth/principal';
import { departmentOfRole } from '../../registry';

/**
 * The department a principal acts for on tickets: the department its role works for (registry),
 * and for street staff the street office itself — the street module claims no role (its staff work
 * across the departments' data in their grids), yet tickets routed to `street` are theirs to handle.
 * Null for roles that handle no tickets (residents, auditors, admins).
 */
export function ticketDepartmentOf(principal: Principal): string | null {
  if (principal.role === 'STREET_STAFF') return 'street';
  return departmentOfRole(principal.role);
}
