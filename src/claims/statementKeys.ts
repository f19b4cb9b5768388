import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, JSONWebKeySet, JWK } from 'jose';
import { ConfigError } from '../startup/configError';

/** The development signing key's file name inside the keys folder, and its published key set's. */
export const DEV_STATEMENT_KEY_FILE = 'claims-signing-private.pem';
export const STATEMENT_JWKS_FILE = 'claims-jwks.json';
/** Where the hub publishes the public key set (served without a token: it is public). */
export const CLAIMS_JWKS_PATH = '/.well-known/claims-jwks.json';
/** Algorithm of every statement (Ed25519). */
export const STATEMENT_ALGORITHM = 'EdDSA';

/** The key that signs claim statements, its key id and the key set a case file checks them with. */
export interface StatementKeys {
  privateKey: KeyObject;
  keyId: string;
  /** The public key set to publish (`/.well-known/claims-jwks.json`, the JWKS file). */
  jwks: JSONWebKeySet;
}

/** Reads an Ed25519 private key (PKCS#8 PEM) and derives its key id (the JWK thumbprint) and public key set. */
export async function statementKeysFromPem(pem: string, source: string): Promise<StatementKeys> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`${source} is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${source} must be an Ed25519 key (claim statements are EdDSA)`);
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const keyId = await calculateJwkThumbprint(publicJwk);
  return { privateKey, keyId, jwks: { keys: [{ ...publicJwk, kid: keyId, alg: STATEMENT_ALGORITHM, use: 'sig' }] } };
}

/**
 * The hub's statement keys. With CLAIMS_SIGNING_KEY_FILE (an Ed25519 PKCS#8 PEM, e.g.
 * `openssl genpkey -algorithm ed25519`) that key; NODE_ENV=production refuses to run without it.
 * In development a key is created in ONEFILE_KEYS_DIR (`.data/keys/claims-signing-private.pem`,
 * mode 0600) on first use and kept, so statements stay checkable across restarts. Either way the
 * public key set is written next to the keys folder's files as `claims-jwks.json`, the file
 * `npm run verify:statement` reads by default. Loaded once per process and environment.
 */
export function statementKeys(env: NodeJS.ProcessEnv = process.env): Promise<StatementKeys> {
  const keysDir = path.resolve(env.ONEFILE_KEYS_DIR || '.data/keys');
  const cacheKey = `${env.CLAIMS_SIGNING_KEY_FILE ?? ''}|${keysDir}|${env.NODE_ENV ?? ''}`;
  if (cached?.key !== cacheKey) cached = { key: cacheKey, keys: load(env, keysDir) };
  return cached.keys;
}

let cached: { key: string; keys: Promise<StatementKeys> } | undefined;

async function load(env: NodeJS.ProcessEnv, keysDir: string): Promise<StatementKeys> {
  const configured = env.CLAIMS_SIGNING_KEY_FILE;
  if (!configured && env.NODE_ENV === 'production') throw new ConfigError('NODE_ENV=production: CLAIMS_SIGNING_KEY_FILE is required (Ed25519 private key that signs claim statements)');
  const file = configured || path.join(keysDir, DEV_STATEMENT_KEY_FILE);
  if (!configured && !fs.existsSync(file)) {
    fs.mkdirSync(keysDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`CLAIMS_SIGNING_KEY_FILE cannot be read: ${file}`);
  }
  const keys = await statementKeysFromPem(pem, configured ? 'CLAIMS_SIGNING_KEY_FILE' : file);
  publish(keysDir, keys.jwks);
  return keys;
}

/** Writes the public key set where the offline checker looks by default (best effort: a read-only folder is fine). */
function publish(keysDir: string, jwks: JSONWebKeySet): void {
  try {
    fs.mkdirSync(keysDir, { recursive: true });
    fs.writeFileSync(path.join(keysDir, STATEMENT_JWKS_FILE), `${JSON.stringify(jwks, null, 2)}\n`);
  } catch {
    // Published at /.well-known/claims-jwks.json as well.
  }
}
