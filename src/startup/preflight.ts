import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { CheckpointKeys, loadCheckpointKeys, signingKeysFromFile } from '../audit/checkpoints';
import { MIN_DOCUMENT_KEY_BYTES } from '../audit/documentKey';
import { devKeyFiles } from '../auth/keys';
import { ConfigError } from './configError';
import { ensureWritableDir } from './folders';
import { checkPortFree } from './ports';

/**
 * The checks `npm start` makes before touching any database, each a ConfigError naming its
 * variable: the embedded data folder and the development keys folder are writable (when they
 * will be used), AUDIT_VERIFY_KEY_FILE (if set) is an Ed25519 public key, AUDIT_DOCUMENT_KEY_FILE
 * (if set) is readable and long enough, and PORT is free on
 * HOST. Token keys are checked by loadAuthSettings, the checkpoint key by checkpointKeysFor.
 */
export async function preflight(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!config.databaseUrls) ensureWritableDir('ONEFILE_DATA_DIR', config.dataDir);
  const devKeysNeeded = !config.auth.publicKeyFile && !config.auth.jwksFile && !config.auth.jwksUrl;
  const devKeysMissing = !fs.existsSync(devKeyFiles(config.auth.keysDir).privateKeyFile)
    || !fs.existsSync(path.resolve(config.auth.keysDir, 'audit-signing-private.pem'));
  if (config.mode === 'development' && (devKeysNeeded || !config.checkpointKeyFile) && devKeysMissing) {
    ensureWritableDir('ONEFILE_KEYS_DIR', config.auth.keysDir);
  }
  if (env.AUDIT_VERIFY_KEY_FILE) checkVerifyKey(env.AUDIT_VERIFY_KEY_FILE);
  // The signer process signs with it; the serving process only checks it can be read and is Ed25519.
  if (config.checkpointKeyFile || config.mode === 'production') checkpointKeysFor(config);
  if (config.accessLogPrivacy.documentKeyFile) checkDocumentKey(config.accessLogPrivacy.documentKeyFile);
  await checkPortFree(config.host, config.port);
}

/**
 * The keys that sign access-log checkpoints: AUDIT_SIGNING_KEY_FILE when set (required in
 * production, where no key is ever generated), else the development pair in ONEFILE_KEYS_DIR.
 */
export function checkpointKeysFor(config: Config): CheckpointKeys {
  if (config.checkpointKeyFile) return signingKeysFromFile(config.checkpointKeyFile);
  if (config.mode === 'production') throw new ConfigError('NODE_ENV=production: AUDIT_SIGNING_KEY_FILE is required');
  return loadCheckpointKeys(config.auth.keysDir);
}

function checkDocumentKey(file: string): void {
  let size: number;
  try {
    size = fs.readFileSync(file).length;
  } catch (err) {
    throw new ConfigError(`AUDIT_DOCUMENT_KEY_FILE=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size < MIN_DOCUMENT_KEY_BYTES) throw new ConfigError(`AUDIT_DOCUMENT_KEY_FILE must hold at least ${MIN_DOCUMENT_KEY_BYTES} bytes`);
}

function checkVerifyKey(file: string): void {
  let type: string | undefined;
  try {
    type = createPublicKey(fs.readFileSync(file)).asymmetricKeyType;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`AUDIT_VERIFY_KEY_FILE=${file} ${code === 'ENOENT' ? 'does not exist' : code ? `cannot be read (${code})` : 'is not a PEM public key'}`);
  }
  if (type !== 'ed25519') throw new ConfigError(`AUDIT_VERIFY_KEY_FILE holds a ${type} key; checkpoints are signed with Ed25519`);
}
