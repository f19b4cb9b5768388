import { Department, isPurpose, isRole, Purpose, Role, roleDepartment, ROLE_PURPOSES } from './vocabulary';

/** Who is asking: read from a verified token, never from anything the client sends unsigned. */
export interface Principal {
  /** Token subject: a staff account, or for RESIDENT the hub id of their own person file. */
  subject: string;
  role: Role;
  /** The department the role works for (police, civil, health), or null. */
  department: Department | null;
  /** Grid ids a STREET_STAFF principal may see; empty for other roles. */
  grids: readonly string[];
  /** The client application that obtained the token (`azp` / `client_app`). */
  clientApp: string;
  /** Purposes this principal may declare: the role's grants, narrowed by the token's `purposes`. */
  purposes: readonly Purpose[];
}

/** Thrown for claims that do not describe a valid principal; reported as 401. */
export class InvalidClaimsError extends Error {
  override name = 'InvalidClaimsError';
}

const GRID_ID = /^\d{12}-G\d{2}$/;

/**
 * Builds a principal from verified JWT claims: `sub`, `role`, optional `grids` (required and
 * non-empty for STREET_STAFF), `client_app` or `azp`, optional `purposes` (narrows the role's).
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) throw new InvalidClaimsError('sub');
  if (!isRole(role)) throw new InvalidClaimsError('role');
  const grids = claims.grids ?? [];
  if (!Array.isArray(grids) || !grids.every((g) => typeof g === 'string' && GRID_ID.test(g))) throw new InvalidClaimsError('grids');
  if (role === 'STREET_STAFF' && grids.length === 0) throw new InvalidClaimsError('grids');
  const clientApp = claims.client_app ?? claims.azp ?? 'unknown';
  if (typeof clientApp !== 'string') throw new InvalidClaimsError('client_app');
  const granted = ROLE_PURPOSES[role];
  let purposes: readonly Purpose[] = granted;
  if (claims.purposes !== undefined) {
    if (!Array.isArray(claims.purposes) || !claims.purposes.every(isPurpose)) throw new InvalidClaimsError('purposes');
    purposes = granted.filter((p) => (claims.purposes as string[]).includes(p));
  }
  return {
    subject: sub,
    role,
    department: roleDepartment(role),
    grids: role === 'STREET_STAFF' ? [...new Set(grids as string[])] : [],
    clientApp,
    purposes,
  };
}
