import fs from 'node:fs';
import path from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, KeyLike } from 'jose';
import type { AuthConfig } from '../config';
import type { AuthSettings } from './authenticate';

/** Algorithm of the development keys. */
export const DEV_ALGORITHM = 'EdDSA';

export interface KeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
}

/** Where development keys live (a git-ignored folder). */
export function devKeyFiles(keysDir: string): KeyFiles {
  const dir = path.resolve(keysDir);
  return { privateKeyFile: path.join(dir, 'dev-private.pem'), publicKeyFile: path.join(dir, 'dev-public.pem') };
}

/**
 * Creates an Ed25519 development key pair on first use (private key mode 0600) and returns the
 * file names. Existing keys are kept, so tokens stay valid across restarts.
 */
export async function ensureDevKeys(files: KeyFiles): Promise<KeyFiles> {
  if (fs.existsSync(files.privateKeyFile) && fs.existsSync(files.publicKeyFile)) return files;
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  fs.mkdirSync(path.dirname(files.privateKeyFile), { recursive: true });
  fs.writeFileSync(files.privateKeyFile, await exportPKCS8(privateKey), { mode: 0o600 });
  fs.writeFileSync(files.publicKeyFile, await exportSPKI(publicKey));
  return files;
}

/** Reads a PEM private key (PKCS#8) for signing development tokens. */
export function readPrivateKey(file: string, alg: string): Promise<KeyLike> {
  return importPKCS8(fs.readFileSync(file, 'utf8'), alg);
}

/**
 * The verification settings the hub runs with: the configured public key, or the development key
 * pair (created on first start) when none is configured.
 */
export async function loadAuthSettings(config: AuthConfig): Promise<AuthSettings & { devKeys?: KeyFiles }> {
  const devKeys = config.publicKeyFile ? undefined : await ensureDevKeys(devKeyFiles(config.keysDir));
  const file = config.publicKeyFile ?? devKeys!.publicKeyFile;
  const algorithm = config.publicKeyFile ? config.algorithm : DEV_ALGORITHM;
  const key = await importSPKI(fs.readFileSync(file, 'utf8'), algorithm);
  return { key, algorithm, issuer: config.issuer, audience: config.audience, devKeys };
}
