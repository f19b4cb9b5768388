import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

/** The Ed25519 key pair that signs checkpoints of the access log's chain. */
export interface CheckpointKeys {
  keyId: string;
  privateKey?: KeyObject;
  publicKey: KeyObject;
}

/** What a checkpoint signs: the chain position, its hash and when. */
export function checkpointMessage(seq: number, hash: string, signedAt: string): Buffer {
  return Buffer.from(`onefile-access-log:${seq}:${hash}:${signedAt}`, 'utf8');
}

/**
 * Loads the checkpoint signing keys from `dir` (audit-signing-private.pem / -public.pem),
 * creating an Ed25519 pair there on first use. Production deployments keep the private key in
 * their secret store and give verifiers the public key only.
 */
export function loadCheckpointKeys(dir: string): CheckpointKeys {
  const privateFile = path.resolve(dir, 'audit-signing-private.pem');
  const publicFile = path.resolve(dir, 'audit-signing-public.pem');
  if (!fs.existsSync(privateFile) || !fs.existsSync(publicFile)) {
    const pair = generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(privateFile), { recursive: true });
    fs.writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    fs.writeFileSync(publicFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  const privateKey = createPrivateKey(fs.readFileSync(privateFile));
  return { keyId: 'dev-audit-1', privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * Signs the chain's current head and stores it as a checkpoint, unless the head has not moved
 * since the last one. Returns the checkpointed sequence number (null if nothing to sign).
 */
export async function writeCheckpoint(db: Knex, keys: CheckpointKeys): Promise<number | null> {
  if (!keys.privateKey) throw new Error('checkpoint signing needs the private key');
  const head = await db('access_log_head').select('seq', 'hash').where({ id: 1 }).first();
  const seq = Number(head?.seq ?? 0);
  if (seq === 0) return null;
  const last = await db('access_log_checkpoints').max('seq as seq').first();
  if (Number(last?.seq ?? 0) >= seq) return null;
  const signedAt = new Date().toISOString();
  const signature = sign(null, checkpointMessage(seq, head.hash, signedAt), keys.privateKey).toString('base64');
  await db('access_log_checkpoints').insert({ seq, hash: head.hash, signed_at: signedAt, key_id: keys.keyId, signature });
  return seq;
}

/** Whether a stored checkpoint's signature is valid for its own seq, hash and time. */
export function checkpointSignatureValid(publicKey: KeyObject, c: { seq: number; hash: string; signedAt: string; signature: string }): boolean {
  return verify(null, checkpointMessage(c.seq, c.hash, c.signedAt), publicKey, Buffer.from(c.signature, 'base64'));
}

/**
 * Writes a checkpoint every `intervalMs` while the hub runs (and once more on stop). Failures are
 * reported to `onError`; the next tick tries again.
 */
export function startCheckpointing(db: Knex, keys: CheckpointKeys, intervalMs: number, onError: (err: unknown) => void) {
  const timer = setInterval(() => writeCheckpoint(db, keys).catch(onError), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await writeCheckpoint(db, keys).catch(onError);
    },
  };
}
