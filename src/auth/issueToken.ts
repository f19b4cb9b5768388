import { KeyLike, SignJWT } from 'jose';
import type { Purpose, Role } from './vocabulary';

export interface TokenRequest {
  role: Role;
  subject: string;
  grids?: readonly string[];
  purposes?: readonly Purpose[];
  clientApp?: string;
  /** Lifetime in seconds (default one hour). */
  ttlSeconds?: number;
}

/**
 * Signs a OneFile access token (for development and tests; production tokens come from the
 * city's identity provider with the same claims: sub, role, grids, purposes, client_app).
 */
export function issueToken(key: KeyLike, algorithm: string, issuer: string, audience: string, request: TokenRequest): Promise<string> {
  const claims: Record<string, unknown> = { role: request.role, client_app: request.clientApp ?? 'onefile-cli' };
  if (request.grids?.length) claims.grids = [...request.grids];
  if (request.purposes) claims.purposes = [...request.purposes];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: algorithm })
    .setSubject(request.subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 3600}s`)
    .sign(key);
}
