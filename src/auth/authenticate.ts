import { errors, jwtVerify, KeyLike } from 'jose';
import { InvalidClaimsError, Principal, principalFromClaims } from './principal';

/** Most verified tokens remembered at once. */
const MAX_CACHED_TOKENS = 10_000;

/** Verifies bearer tokens; the result is the request's principal. */
export type Authenticator = (authorization: string | undefined) => Promise<Principal>;

export interface AuthSettings {
  /** Verification key and the one algorithm it is used with (never `none`). */
  key: KeyLike;
  algorithm: string;
  issuer: string;
  audience: string;
}

/** Why a request was not authenticated. Always answered with HTTP 401 before any resolver runs. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
  constructor(readonly reason: 'MISSING' | 'MALFORMED' | 'EXPIRED' | 'INVALID') {
    super(reason);
  }
}

/**
 * Returns an authenticator that accepts only `Authorization: Bearer <JWT>` signed with the
 * configured key and algorithm, with matching issuer and audience, not expired (30 s clock
 * tolerance) and carrying valid OneFile claims. Unsigned (`alg: none`) tokens are refused because
 * only the configured algorithm is allowed.
 */
export function createAuthenticator(settings: AuthSettings): Authenticator {
  // Tokens already verified, until they expire: an app sends the same token on every request, and
  // a signature check per request is avoidable work. Bounded; the oldest entries go first.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  return async (authorization) => {
    if (!authorization) throw new AuthenticationError('MISSING');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw new AuthenticationError('MALFORMED');
    const cached = verified.get(match[1]);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;
    if (cached) verified.delete(match[1]);
    try {
      const { payload } = await jwtVerify(match[1], settings.key, {
        algorithms: [settings.algorithm],
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: 30,
        requiredClaims: ['exp', 'sub'],
      });
      const principal = principalFromClaims(payload as Record<string, unknown>);
      if (verified.size >= MAX_CACHED_TOKENS) verified.delete(verified.keys().next().value as string);
      verified.set(match[1], { principal, expiresAt: (payload.exp as number) * 1000 });
      return principal;
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AuthenticationError('EXPIRED');
      if (err instanceof InvalidClaimsError) throw new AuthenticationError('INVALID');
      throw new AuthenticationError('INVALID');
    }
  };
}
