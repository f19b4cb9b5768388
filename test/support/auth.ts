import { generateKeyPair, KeyLike } from 'jose';
import { CheckpointKeys, loadCheckpointKeys } from '../../src/audit/checkpoints';
import type { AuthSettings } from '../../src/auth/authenticate';
import { issueToken, TokenRequest } from '../../src/auth/issueToken';
import type { Purpose } from '../../src/auth/vocabulary';

export const TEST_ISSUER = 'onefile-test';
export const TEST_AUDIENCE = 'onefile';

/**
 * The Ed25519 pair that signs access-log checkpoints in this test run. Every test file's hub
 * writes checkpoints into the same log, so all share the pair global setup placed on disk.
 */
export function testCheckpointKeys(): CheckpointKeys {
  const dir = process.env.ONEFILE_TEST_KEYS_DIR;
  if (!dir) throw new Error('ONEFILE_TEST_KEYS_DIR is set by global setup');
  return loadCheckpointKeys(dir);
}

let keys: Promise<{ privateKey: KeyLike; publicKey: KeyLike }> | undefined;

/** A key pair made once per test file; tokens signed with it verify against `testAuthSettings`. */
export function testKeys() {
  keys ??= generateKeyPair('EdDSA');
  return keys;
}

export async function testAuthSettings(): Promise<AuthSettings> {
  return { key: (await testKeys()).publicKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE };
}

/** Signs a token for the test hub. */
export async function testToken(request: TokenRequest): Promise<string> {
  return issueToken((await testKeys()).privateKey, 'EdDSA', TEST_ISSUER, TEST_AUDIENCE, request);
}

/** Who a test request comes from and what it declares. */
export interface Caller extends Omit<TokenRequest, 'subject'> {
  subject?: string;
  purpose?: Purpose | string;
  caseNumber?: string;
  /** The ticket a TICKET_HANDLING read is bound to (`x-ticket-id`). */
  ticketId?: string;
}

/** The HTTP headers for a caller: bearer token, x-purpose, x-case-number and x-ticket-id. */
export async function headersFor(caller: Caller): Promise<Record<string, string>> {
  const token = await testToken({ ...caller, subject: caller.subject ?? `test-${caller.role.toLowerCase()}` });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (caller.purpose) headers['x-purpose'] = caller.purpose;
  if (caller.caseNumber) headers['x-case-number'] = caller.caseNumber;
  if (caller.ticketId) headers['x-ticket-id'] = caller.ticketId;
  return headers;
}

/**
 * A police officer in an emergency: police and health facts at every level, civil affairs up to
 * L3. Tests of how files are assembled use it; tests of the policy use each role.
 */
export const EMERGENCY_OFFICER: Caller = { role: 'POLICE_OFFICER', purpose: 'EMERGENCY' };
