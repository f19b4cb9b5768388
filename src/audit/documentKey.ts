import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Shortest document key accepted (bytes of the key file). */
export const MIN_DOCUMENT_KEY_BYTES = 32;

/** The development key's file name inside the keys folder. */
export const DEV_DOCUMENT_KEY_FILE = 'audit-document.key';

/**
 * The secret that keys the access log's document fingerprints (audit/documentFingerprint.ts).
 * With `keyFile` (AUDIT_DOCUMENT_KEY_FILE) its bytes are the key, at least 32 of them (e.g.
 * `openssl rand -base64 32 > key`); the hub reads it, auditors and `audit:verify` never need it.
 * Without, a random key is created in `keysDir` (`.data/keys/audit-document.key`, mode 0600) on
 * first use and kept, so fingerprints stay comparable across restarts in development.
 */
export function loadDocumentKey(options: { keyFile?: string; keysDir: string }): Buffer {
  if (options.keyFile) {
    const key = fs.readFileSync(options.keyFile);
    if (key.length < MIN_DOCUMENT_KEY_BYTES) throw new Error(`AUDIT_DOCUMENT_KEY_FILE must hold at least ${MIN_DOCUMENT_KEY_BYTES} bytes`);
    return key;
  }
  const file = path.resolve(options.keysDir, DEV_DOCUMENT_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return fs.readFileSync(file);
}
