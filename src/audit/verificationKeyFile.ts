import { createPublicKey, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { devSigningKeyFiles } from './checkpoints';

/** Thrown for what stops verification before it starts (no key, not an Ed25519 key): `audit:verify` exits 2. */
export class VerifyError extends Error {}

/**
 * The checkpoint verification key, as `audit:verify` and the console's verify button both read it:
 * AUDIT_VERIFY_KEY_FILE, else the development signer's public key under ONEFILE_KEYS_DIR (default
 * `.data/keys`). Never created here: a missing or wrong file is a VerifyError.
 */
export function verificationKey(env: NodeJS.ProcessEnv): KeyObject {
  const file = env.AUDIT_VERIFY_KEY_FILE || devSigningKeyFiles(env.ONEFILE_KEYS_DIR || '.data/keys').publicFile;
  if (!fs.existsSync(file)) throw new VerifyError(`no verification key: ${file} does not exist (set AUDIT_VERIFY_KEY_FILE to the signer's public key)`);
  const key = createPublicKey(fs.readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new VerifyError(`${file} is not an Ed25519 public key`);
  return key;
}
