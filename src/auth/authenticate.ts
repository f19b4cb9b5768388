import { errors, jwtVerify, JWTPayload, JWTVerifyGetKey, JWTVerifyOptions, KeyLike } from 'jose';
import { AUTHENTICATION_FAILURES } from '../errors';
import { DEFAULT_MAX_TOKEN_SECONDS } from '../startup/mode';
import { InvalidClaimsError, Principal, principalFromClaims } from './principal';

/** Most verified tokens remembered at once. */
const MAX_CACHED_TOKENS = 10_000;

/** Verifies bearer tokens; the result is the request's principal. */
export type Authenticator = (authorization: string | undefined) => Promise<Principal>;

/** Seconds of clock difference tolerated between the identity provider and the hub. */
export const CLOCK_TOLERANCE_SECONDS = 5;

export interface AuthSettings {
  /** Verification key (or a JWKS lookup) and the one algorithm it is used with (never `none`). */
  key: KeyLike | JWTVerifyGetKey;
  algorithm: string;
  issuer: string;
  audience: string;
  /** Longest accepted lifetime, exp − iat, in seconds (default a working day, 8 h). */
  maxTokenSeconds?: number;
}

/**
 * Reasons sent in `extensions.reason`: no or malformed header, expired, lifetime over the maximum,
 * no `iat`, `iat` in the future, or otherwise invalid (signature, issuer, audience, claims).
 */
export type AuthenticationFailure = (typeof AUTHENTICATION_FAILURES)[number];

/** Why a request was not authenticated. Always answered with HTTP 401 before any resolver runs. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
  constructor(readonly reason: AuthenticationFailure) {
    super(reason);
  }
}

/**
 * Returns an authenticator that accepts only `Authorization: Bearer <JWT>` signed with the
 * configured key and algorithm, with matching issuer and audience, carrying `iat` and `exp`, not
 * expired, not issued in the future, living no longer than `maxTokenSeconds` (exp − iat; clock
 * tolerance CLOCK_TOLERANCE_SECONDS either way) and carrying valid OneFile claims. Unsigned
 * (`alg: none`) tokens are refused because only the configured algorithm is allowed.
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
      const options: JWTVerifyOptions = {
        algorithms: [settings.algorithm],
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      };
      const { payload } = typeof settings.key === 'function'
        ? await jwtVerify(match[1], settings.key, options)
        : await jwtVerify(match[1], settings.key, options);
      checkLifetime(payload, settings.maxTokenSeconds ?? DEFAULT_MAX_TOKEN_SECONDS);
      const principal = principalFromClaims(payload as Record<string, unknown>);
      if (verified.size >= MAX_CACHED_TOKENS) verified.delete(verified.keys().next().value as string);
      verified.set(match[1], { principal, expiresAt: (payload.exp as number) * 1000 });
      return principal;
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      if (err instanceof errors.JWTExpired) throw new AuthenticationError('EXPIRED');
      if (err instanceof InvalidClaimsError) throw new AuthenticationError('INVALID');
      throw new AuthenticationError('INVALID');
    }
  };
}

/** `iat` present, not in the future, and exp − iat within the maximum lifetime. */
function checkLifetime(payload: JWTPayload, maxSeconds: number): void {
  if (typeof payload.iat !== 'number') throw new AuthenticationError('MISSING_IAT');
  if (payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new AuthenticationError('ISSUED_IN_FUTURE');
  if ((payload.exp as number) - payload.iat > maxSeconds) throw new AuthenticationError('LIFETIME_TOO_LONG');
}
