import type { KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalRecord, chainHash, GENESIS_HASH } from './accessRecord';
import { recordFromRow } from './accessRecordRow';
import { checkpointSignatureValid } from './checkpoints';

export interface BrokenLink {
  seq: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  lastSeq: number;
  checkpoints: number;
  broken: BrokenLink | null;
}

const BATCH = 5000;

/**
 * Walks the whole chain in sequence order and returns the first broken link: a missing sequence
 * number (a deleted record), a prev_hash that is not the previous record's hash, or a hash that
 * does not match the record's content (a modified record). Then checks the signed checkpoints:
 * each signature, that the checkpointed record still has the checkpointed hash, and that the log
 * still reaches the last checkpoint (a deleted tail).
 */
export async function verifyChain(db: Knex, publicKey: KeyObject): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  const hashes = new Map<number, string>();
  const checkpoints = await db('access_log_checkpoints').select('seq', 'hash', 'signed_at', 'signature').orderBy('seq');
  const wanted = new Set(checkpoints.map((c) => Number(c.seq)));
  const fail = (seq: number, reason: string): VerifyResult => ({ ok: false, records, lastSeq: expectedSeq - 1, checkpoints: checkpoints.length, broken: { seq, reason } });

  for (;;) {
    const rows: Array<Record<string, any>> = await db('access_log')
      .select('*', db.raw('residents::text[] AS residents'), db.raw('households::text[] AS households'))
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `record ${expectedSeq} is missing (next is ${seq})`);
      if (row.prev_hash !== prevHash) return fail(seq, `record ${seq} does not follow record ${seq - 1} (prev_hash differs)`);
      if (chainHash(row.prev_hash, canonicalRecord(recordFromRow(row))) !== row.hash) return fail(seq, `record ${seq} was modified (hash does not match its content)`);
      if (wanted.has(seq)) hashes.set(seq, row.hash);
      prevHash = row.hash;
      expectedSeq += 1;
      records += 1;
    }
    if (rows.length < BATCH) break;
  }

  for (const c of checkpoints) {
    const seq = Number(c.seq);
    const signedAt = new Date(c.signed_at).toISOString();
    if (!checkpointSignatureValid(publicKey, { seq, hash: c.hash, signedAt, signature: c.signature })) {
      return fail(seq, `checkpoint at record ${seq} has an invalid signature`);
    }
    if (seq > expectedSeq - 1) return fail(expectedSeq, `records ${expectedSeq}..${seq} are missing: the log ends before its signed checkpoint at ${seq}`);
    if (hashes.get(seq) !== c.hash) return fail(seq, `record ${seq} differs from its signed checkpoint`);
  }
  return { ok: true, records, lastSeq: expectedSeq - 1, checkpoints: checkpoints.length, broken: null };
}
