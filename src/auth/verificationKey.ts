import { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, importJWK, importSPKI, JWK, JWTVerifyGetKey, KeyLike } from 'jose';
import { ConfigError } from '../startup/configError';

/** EC curve per ES algorithm, as node names it. */
const CURVES: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * Whether a public key can verify signatures of `algorithm`. jose's importSPKI accepts an Ed25519
 * key for RS256 and only fails at verification, so a mismatch would start, report ready and answer
 * every token 401; the hub checks at start instead.
 */
export function keyFitsAlgorithm(key: KeyObject, algorithm: string): boolean {
  const type = key.asymmetricKeyType;
  if (algorithm === 'EdDSA') return type === 'ed25519' || type === 'ed448';
  if (algorithm.startsWith('RS')) return type === 'rsa';
  if (algorithm.startsWith('PS')) return type === 'rsa' || type === 'rsa-pss';
  if (algorithm in CURVES) return type === 'ec' && key.asymmetricKeyDetails?.namedCurve === CURVES[algorithm];
  return false;
}

function readConfigured(variable: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${variable}=${file} cannot be read (${code === 'ENOENT' ? 'no such file' : code ?? 'error'})`);
  }
}

/** A PEM (SPKI) public key file that must fit AUTH_ALGORITHM. */
export async function publicKeyFromFile(file: string, algorithm: string): Promise<KeyLike> {
  const pem = readConfigured('AUTH_PUBLIC_KEY_FILE', file);
  let key: KeyLike;
  try {
    key = await importSPKI(pem, algorithm);
  } catch {
    throw new ConfigError(`AUTH_PUBLIC_KEY_FILE=${file} is not a PEM public key (-----BEGIN PUBLIC KEY-----)`);
  }
  if (key instanceof KeyObject && !keyFitsAlgorithm(key, algorithm)) {
    throw new ConfigError(`AUTH_PUBLIC_KEY_FILE holds a ${key.asymmetricKeyType} key, which cannot verify AUTH_ALGORITHM=${algorithm}`);
  }
  return key;
}

/** A JWKS document on disk; at least one of its keys must fit AUTH_ALGORITHM. */
export async function keySetFromFile(file: string, algorithm: string): Promise<JWTVerifyGetKey> {
  const text = readConfigured('AUTH_JWKS_FILE', file);
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(text) as { keys?: unknown };
  } catch {
    throw new ConfigError(`AUTH_JWKS_FILE=${file} is not JSON`);
  }
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new ConfigError(`AUTH_JWKS_FILE=${file} has no "keys" array`);
  let fits = 0;
  for (const jwk of jwks.keys as JWK[]) {
    if (jwk.alg && jwk.alg !== algorithm) continue;
    try {
      const key = await importJWK(jwk, algorithm);
      if (key instanceof KeyObject && key.type === 'public' && keyFitsAlgorithm(key, algorithm)) fits++;
    } catch {
      // a key of another type: not usable with this algorithm
    }
  }
  if (fits === 0) throw new ConfigError(`AUTH_JWKS_FILE=${file} has no public key for AUTH_ALGORITHM=${algorithm}`);
  return createLocalJWKSet(jwks as { keys: JWK[] });
}

/** The identity provider's published keys, fetched (and refreshed) by jose; 5 s per fetch. */
export function keySetFromUrl(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
}
