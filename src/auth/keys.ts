import fs from 'node:fs';
import path from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, KeyLike } from 'jose';
import type { AuthConfig, Mode } from '../config';
import { ConfigError } from '../startup/configError';
import { keySetFromFile, keySetFromUrl, publicKeyFromFile } from './verificationKey';
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
 * The verification settings the hub runs with: the configured PEM public key or JWKS (file or
 * URL), or — in development only — the development key pair (created on first start). A
 * configured key that is missing, unreadable or of the wrong type for AUTH_ALGORITHM is a
 * ConfigError, never a fallback to development keys. In production the development pair is never
 * created or loaded, and a configured key equal to it is refused.
 */
export async function loadAuthSettings(config: AuthConfig, mode: Mode = 'development'): Promise<AuthSettings & { devKeys?: KeyFiles }> {
  const common = { issuer: config.issuer, audience: config.audience, maxTokenSeconds: config.maxTokenSeconds };
  if (config.jwksUrl) return { ...common, key: keySetFromUrl(config.jwksUrl), algorithm: config.algorithm };
  if (config.jwksFile) return { ...common, key: await keySetFromFile(config.jwksFile, config.algorithm), algorithm: config.algorithm };
  if (config.publicKeyFile) {
    const key = await publicKeyFromFile(config.publicKeyFile, config.algorithm);
    if (mode === 'production') refuseDevKey(config.keysDir, config.publicKeyFile);
    return { ...common, key, algorithm: config.algorithm };
  }
  if (mode === 'production') throw new ConfigError('NODE_ENV=production: AUTH_PUBLIC_KEY_FILE, AUTH_JWKS_FILE or AUTH_JWKS_URL is required');
  const devKeys = await ensureDevKeys(devKeyFiles(config.keysDir));
  const key = await importSPKI(fs.readFileSync(devKeys.publicKeyFile, 'utf8'), DEV_ALGORITHM);
  return { ...common, key, algorithm: DEV_ALGORITHM, devKeys };
}

/** Production must not verify with the development public key, even when configured by path. */
function refuseDevKey(keysDir: string, configured: string): void {
  const dev = devKeyFiles(keysDir).publicKeyFile;
  if (!fs.existsSync(dev)) return;
  if (fs.readFileSync(dev, 'utf8').trim() === fs.readFileSync(configured, 'utf8').trim()) {
    throw new ConfigError('AUTH_PUBLIC_KEY_FILE is the development key (from ONEFILE_KEYS_DIR); NODE_ENV=production needs the identity provider\'s key');
  }
}
