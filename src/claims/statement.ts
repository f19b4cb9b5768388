import { createLocalJWKSet, JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { STATEMENT_ALGORITHM, StatementKeys } from './statementKeys';

/** `iss` of every statement, and its JWS `typ`. */
export const STATEMENT_ISSUER = 'onefile';
export const STATEMENT_TYPE = 'onefile-claims+jwt';
/** How long a statement may be relied on: a case file keeps it for the decision, not for ever. */
export const STATEMENT_TTL_SECONDS = 90 * 24 * 3600;

/**
 * What a signed claim statement says — claims and yes/no answers, which department answered each,
 * for which service item, about which resident (the opaque hub id), when and by which role — and
 * never a value behind an answer (no birth date, no amount, no ID number).
 */
export interface ClaimStatement {
  iss: string;
  /** The resident's opaque hub id. */
  sub: string;
  iat: number;
  exp: number;
  /** The request id: the access record of the verification has the same. */
  jti: string;
  serviceItem: string;
  answers: Record<string, boolean>;
  /** The department that answered each claim (一数一源). */
  sources: Record<string, string>;
  verifier: { role: string; department: string | null };
}

/** Signs a statement (EdDSA, `kid` = the key's thumbprint): a compact JWS. */
export function signStatement(keys: StatementKeys, statement: Omit<ClaimStatement, 'iss' | 'iat' | 'exp'>, now: Date = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...statement, iss: STATEMENT_ISSUER, iat, exp: iat + STATEMENT_TTL_SECONDS })
    .setProtectedHeader({ alg: STATEMENT_ALGORITHM, kid: keys.keyId, typ: STATEMENT_TYPE })
    .sign(keys.privateKey);
}

/** Why a statement was not accepted. */
export type StatementRefusal = 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'EXPIRED' | 'NOT_A_STATEMENT';

export type StatementCheck = { ok: true; statement: ClaimStatement; keyId: string } | { ok: false; reason: StatementRefusal; message: string };

const MESSAGES: Record<StatementRefusal, string> = {
  MALFORMED: 'not a compact JWS (three base64url parts)',
  UNKNOWN_KEY: 'signed by a key that is not in the published key set (wrong key set, or a key that was never OneFile\'s)',
  BAD_SIGNATURE: 'the signature does not match: the statement was altered after it was signed, or signed by another key',
  EXPIRED: 'the statement has expired',
  NOT_A_STATEMENT: 'a valid signature, but not a OneFile claim statement (issuer, type or contents)',
};

const JOSE_REFUSALS: Record<string, StatementRefusal> = {
  ERR_JWS_INVALID: 'MALFORMED',
  ERR_JWT_INVALID: 'MALFORMED',
  ERR_JWKS_NO_MATCHING_KEY: 'UNKNOWN_KEY',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'UNKNOWN_KEY',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'BAD_SIGNATURE',
  ERR_JWT_EXPIRED: 'EXPIRED',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'NOT_A_STATEMENT',
  ERR_JOSE_ALG_NOT_ALLOWED: 'NOT_A_STATEMENT',
};

function refusal(reason: StatementRefusal): StatementCheck {
  return { ok: false, reason, message: MESSAGES[reason] };
}

function isRecordOf(value: unknown, type: 'boolean' | 'string'): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === type);
}

/**
 * Checks a claim statement offline against a published key set (no hub, no database): the
 * signature under the key its `kid` names, the algorithm (EdDSA only), the issuer and type, the
 * expiry at `now`, and the shape of its contents. Never throws: a refusal says why.
 */
export async function checkStatement(jws: string, jwks: JSONWebKeySet, now: Date = new Date()): Promise<StatementCheck> {
  const text = jws.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) return refusal('MALFORMED');
  try {
    const { payload, protectedHeader } = await jwtVerify(text, createLocalJWKSet(jwks), {
      algorithms: [STATEMENT_ALGORITHM], issuer: STATEMENT_ISSUER, typ: STATEMENT_TYPE, currentDate: now, requiredClaims: ['sub', 'iat', 'exp', 'jti'],
    });
    const s = payload as unknown as ClaimStatement;
    if (typeof s.serviceItem !== 'string' || !isRecordOf(s.answers, 'boolean') || !isRecordOf(s.sources, 'string') || typeof s.verifier?.role !== 'string') {
      return refusal('NOT_A_STATEMENT');
    }
    return { ok: true, statement: s, keyId: String(protectedHeader.kid) };
  } catch (err) {
    return refusal(JOSE_REFUSALS[(err as { code?: string }).code ?? ''] ?? 'MALFORMED');
  }
}
