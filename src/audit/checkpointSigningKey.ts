import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { ConfigError } from '../startup/configError';
import type { CheckpointKeys } from './checkpoints';

/**
 * The checkpoint signing key from AUDIT_SIGNING_KEY_FILE (Ed25519 private key, PKCS#8 PEM),
 * checked at start: readable, a private key, Ed25519. Its key id is derived from the public key,
 * so checkpoints name the key that signed them. Production requires this file and never
 * generates a key; development without it uses (and on first start creates) the pair in
 * ONEFILE_KEYS_DIR.
 */
export function loadCheckpointSigningKey(file: string): CheckpointKeys {
  let pem: Buffer;
  try {
    pem = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`AUDIT_SIGNING_KEY_FILE=${file} cannot be read (${code === 'ENOENT' ? 'no such file' : code ?? 'error'})`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`AUDIT_SIGNING_KEY_FILE=${file} is not a PEM private key (-----BEGIN PRIVATE KEY-----)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(`AUDIT_SIGNING_KEY_FILE holds a ${privateKey.asymmetricKeyType} key; checkpoints are signed with Ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  const fingerprint = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  return { keyId: `ed25519-${fingerprint}`, privateKey, publicKey };
}
