import { CheckpointKeys, loadCheckpointKeys, signingKeysFromFile } from './checkpoints';
import { DatabaseWitness, FileWitness, Witness } from './witness';

/** Development passwords the witness migration gives the signer and auditor logins (set real ones outside development). */
export const DEV_SIGNER_PASSWORD = 'onefile-signer-dev';
export const DEV_AUDITOR_PASSWORD = 'onefile-auditor-dev';

/** Where checkpoints are witnessed by default: an append-only JSON-lines file outside the database. */
export const DEFAULT_WITNESS_FILE = '.data/witness/checkpoints.jsonl';

function asLogin(hubUrl: string, user: string, password: string): string {
  const url = new URL(hubUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}

/** The signer's login: AUDIT_SIGNER_DATABASE_URL, else the hub URL as `onefile_signer` (ONEFILE_SIGNER_PASSWORD). */
export function signerDatabaseUrl(hubUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUDIT_SIGNER_DATABASE_URL) return env.AUDIT_SIGNER_DATABASE_URL;
  if (!hubUrl) throw new Error('set AUDIT_SIGNER_DATABASE_URL or HUB_DATABASE_URL');
  return asLogin(hubUrl, 'onefile_signer', env.ONEFILE_SIGNER_PASSWORD || DEV_SIGNER_PASSWORD);
}

/** The verifier's read-only login: AUDIT_VERIFY_DATABASE_URL, else the hub URL as `onefile_auditor` (ONEFILE_AUDITOR_PASSWORD). */
export function auditorDatabaseUrl(hubUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUDIT_VERIFY_DATABASE_URL) return env.AUDIT_VERIFY_DATABASE_URL;
  if (!hubUrl) throw new Error('set AUDIT_VERIFY_DATABASE_URL or HUB_DATABASE_URL');
  return asLogin(hubUrl, 'onefile_auditor', env.ONEFILE_AUDITOR_PASSWORD || DEV_AUDITOR_PASSWORD);
}

/**
 * The signer's key: AUDIT_SIGNING_KEY_FILE (PEM, PKCS#8 Ed25519), else — development only, refused
 * under NODE_ENV=production — a pair generated in ONEFILE_KEYS_DIR (`.data/keys/audit-signing-*.pem`).
 */
export function loadSignerKeys(env: NodeJS.ProcessEnv = process.env): CheckpointKeys {
  if (env.AUDIT_SIGNING_KEY_FILE) return signingKeysFromFile(env.AUDIT_SIGNING_KEY_FILE);
  if (env.NODE_ENV === 'production') throw new Error('AUDIT_SIGNING_KEY_FILE is required in production: the signer never generates its key there');
  return loadCheckpointKeys(env.ONEFILE_KEYS_DIR || '.data/keys');
}

/** The witnesses: the file (AUDIT_WITNESS_FILE, default `.data/witness/checkpoints.jsonl`) and, if set, AUDIT_WITNESS_DATABASE_URL. */
export function openWitnesses(env: NodeJS.ProcessEnv = process.env, options: { create: boolean } = { create: true }): Witness[] {
  const witnesses: Witness[] = [new FileWitness(env.AUDIT_WITNESS_FILE || DEFAULT_WITNESS_FILE)];
  if (env.AUDIT_WITNESS_DATABASE_URL) witnesses.push(new DatabaseWitness(env.AUDIT_WITNESS_DATABASE_URL, options.create));
  return witnesses;
}
