import type { Principal } from '../auth/principal';
import { isHubId } from '../identity/hubId';
import type { RowScope } from '../sources/rowScope';


/**
 * The residents a principal may reach (applied in the police queries): department staff the whole
 * city, street staff their grids, a resident their own file (their token's subject is their hub
 * id), auditors and admins nobody.
 */
export function rowScopeFor(principal: Principal): RowScope {
  switch (principal.role) {
    case 'POLICE_OFFICER':
    case 'CIVIL_AFFAIRS_OFFICER':
    case 'HEALTH_WORKER':
      return { kind: 'all' };
    case 'STREET_STAFF':
      return principal.grids.length ? { kind: 'grids', gridIds: principal.grids } : { kind: 'none' };
    case 'RESIDENT':
      return isHubId(principal.subject) ? { kind: 'self', hubId: principal.subject.toLowerCase() } : { kind: 'none' };
    case 'AUDITOR':
    case 'ADMIN':
      return { kind: 'none' };
  }
}
