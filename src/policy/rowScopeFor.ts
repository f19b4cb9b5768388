import type { Principal } from '../auth/principal';
import type { Role } from '../auth/vocabulary';
import { isHubId } from '../identity/hubId';
import type { RowScope } from '../sources/rowScope';

/** The reach of a role, by the name `viewer.scope` shows. */
export type ScopeName = 'CITY' | 'GRIDS' | 'OWN_FILE' | 'NONE';

/**
 * The one role → scope table: department staff reach the whole city, street staff their grids, a
 * resident their own file, auditors and admins nobody. `rowScopeFor` turns it into the request's
 * row scope (once, in the request's `Access`); `viewer.scope` shows it.
 */
export const ROLE_SCOPES: Readonly<Record<Role, ScopeName>> = {
  POLICE_OFFICER: 'CITY',
  CIVIL_AFFAIRS_OFFICER: 'CITY',
  HEALTH_WORKER: 'CITY',
  STREET_STAFF: 'GRIDS',
  RESIDENT: 'OWN_FILE',
  AUDITOR: 'NONE',
  ADMIN: 'NONE',
};

/**
 * The residents a principal may reach (applied in the police queries, see sources/rowScope.ts):
 * ROLE_SCOPES made concrete with the principal's grids, or their own hub id (a resident's token
 * subject). A street-staff token without grids, or a resident's subject that is not a hub id,
 * reaches nobody.
 */
export function rowScopeFor(principal: Principal): RowScope {
  switch (ROLE_SCOPES[principal.role]) {
    case 'CITY':
      return { kind: 'all' };
    case 'GRIDS':
      return principal.grids.length ? { kind: 'grids', gridIds: principal.grids } : { kind: 'none' };
    case 'OWN_FILE':
      return isHubId(principal.subject) ? { kind: 'self', hubId: principal.subject.toLowerCase() } : { kind: 'none' };
    case 'NONE':
      return { kind: 'none' };
  }
}
