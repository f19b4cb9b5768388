import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../startup/configError';

/** The Ed25519 key pair that signs checkpoints of the access log's chain (the signer's, never the hub's). */
export interface CheckpointKeys {
  keyId: string;
  privateKey?: KeyObject;
  publicKey: KeyObject;
}

/** A signed statement "the chain's record `seq` has hash `hash`", as the witness and the database keep it. */
export interface SignedCheckpoint {
  seq: number;
  hash: string;
  /** ISO-8601 UTC with milliseconds, part of the signed message. */
  signedAt: string;
  keyId: string;
  /** Ed25519 over `checkpointMessage(seq, hash, signedAt)`, base64. */
  signature: string;
}

/** What a checkpoint signs: the chain position, its hash and when. */
export function checkpointMessage(seq: number, hash: string, signedAt: string): Buffer {
  return Buffer.from(`onefile-access-log:${seq}:${hash}:${signedAt}`, 'utf8');
}

/**
 * A public key's id: the first 16 hex digits of the SHA-256 of its SPKI encoding. Checkpoints carry
 * the id of the key that signed them, so a verifier given another key can say so.
 */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Development key files in `dir` (git-ignored `.data/keys`). */
export function devSigningKeyFiles(dir: string): { privateFile: string; publicFile: string } {
  return { privateFile: path.resolve(dir, 'audit-signing-private.pem'), publicFile: path.resolve(dir, 'audit-signing-public.pem') };
}

/**
 * Development only: the signer's key pair in `dir`, created on first use (private key mode 0600,
 * public key next to it for `audit:verify`). Production passes AUDIT_SIGNING_KEY_FILE instead.
 */
export function loadCheckpointKeys(dir: string): CheckpointKeys {
  const { privateFile, publicFile } = devSigningKeyFiles(dir);
  if (!fs.existsSync(privateFile) || !fs.existsSync(publicFile)) {
    const pair = generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(privateFile), { recursive: true });
    fs.writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    fs.writeFileSync(publicFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return signingKeysFromFile(privateFile);
}

/**
 * The signer's keys from AUDIT_SIGNING_KEY_FILE (Ed25519 private key, PKCS#8 PEM), checked: readable,
 * a private key, Ed25519, else a ConfigError naming the variable (never the key). The one loader of
 * a checkpoint signing key (the hub's preflight, the signer process and the development pair all
 * use it), so a checkpoint's key id is always `keyIdOf` its public key.
 */
export function signingKeysFromFile(file: string): CheckpointKeys {
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
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** Signs "record `seq` has hash `hash`" now. */
export function signCheckpoint(keys: CheckpointKeys, seq: number, hash: string): SignedCheckpoint {
  if (!keys.privateKey) throw new Error('checkpoint signing needs the private key');
  const signedAt = new Date().toISOString();
  const signature = sign(null, checkpointMessage(seq, hash, signedAt), keys.privateKey).toString('base64');
  return { seq, hash, signedAt, keyId: keys.keyId, signature };
}

/** Whether a checkpoint's signature is valid for its own seq, hash and time. */
export function checkpointSignatureValid(publicKey: KeyObject, c: { seq: number; hash: string; signedAt: string; signature: string }): boolean {
  try {
    return verify(null, checkpointMessage(c.seq, c.hash, c.signedAt), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}
