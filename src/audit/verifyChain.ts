import type { KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalRecord, chainHash, GENESIS_HASH } from './accessRecord';
import { recordFromRow } from './accessRecordRow';
import { checkpointSignatureValid, keyIdOf, SignedCheckpoint } from './checkpoints';

export interface BrokenLink {
  /** The first record that is missing, modified, out of chain or beyond the head. */
  seq: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  lastSeq: number;
  /** Where the chain head row says the log ends. */
  headSeq: number;
  /** Signed checkpoints in the hub database. */
  checkpoints: number;
  /** Signed checkpoints in the witnesses (outside the hub database). */
  witnessed: number;
  /** The highest witnessed checkpoint's record (0 if none). */
  lastWitnessedSeq: number;
  broken: BrokenLink | null;
  /** Set when no checkpoint verifies with the key given: the key is the wrong one (nothing else was checked). */
  wrongKey?: { keyId: string; signedWith: string[] };
}

const BATCH = 5000;

type Sourced = SignedCheckpoint & { source: string };

/**
 * Verifies the access log against itself, its head and every signed checkpoint (the database's and the
 * witnesses'), reading one consistent snapshot (REPEATABLE READ, READ ONLY: any login with SELECT on
 * the log will do). Pass witness checkpoints read *before* calling, so each was signed over a head
 * the snapshot already contains. Reports the first problem found, naming the first record concerned:
 * - a missing sequence number, a prev_hash that is not the previous record's hash, a record whose hash
 *   does not match its content;
 * - a log that ends before its head (records deleted at the end) or runs past it (the head rewound),
 *   or a head whose hash is not the last record's;
 * - a checkpoint beyond the end of the log (the tail deleted, with or without the head and the
 *   database's checkpoints) or whose record now has another hash;
 * - a checkpoint whose signature does not verify. If none verifies, the key is the wrong one: that is
 *   reported as such (`wrongKey`), not as a broken record.
 */
export async function verifyChain(db: Knex, publicKey: KeyObject, witnessed: SignedCheckpoint[] = []): Promise<VerifyResult> {
  return db.transaction((trx) => verifyInSnapshot(trx, publicKey, witnessed), { isolationLevel: 'repeatable read', readOnly: true });
}

/** verifyChain inside a transaction the caller opened (REPEATABLE READ, READ ONLY: one snapshot). */
export async function verifyInSnapshot(db: Knex.Transaction, publicKey: KeyObject, witnessed: SignedCheckpoint[]): Promise<VerifyResult> {
  const head = await db('access_log_head').select('seq', 'hash').where({ id: 1 }).first();
  const stored = await db('access_log_checkpoints').select('seq', 'hash', 'signed_at', 'key_id', 'signature').orderBy('seq');
  const checkpoints: Sourced[] = [
    ...stored.map((c) => ({ seq: Number(c.seq), hash: c.hash, signedAt: new Date(c.signed_at).toISOString(), keyId: c.key_id, signature: c.signature, source: 'signed checkpoint' })),
    ...witnessed.map((c) => ({ ...c, source: 'witnessed checkpoint' })),
  ];
  const headSeq = Number(head?.seq ?? 0);
  const lastWitnessedSeq = witnessed.reduce((m, c) => Math.max(m, c.seq), 0);
  const summary = { checkpoints: stored.length, witnessed: witnessed.length, headSeq, lastWitnessedSeq };

  const valid = checkpoints.map((c) => checkpointSignatureValid(publicKey, c));
  if (checkpoints.length > 0 && !valid.some(Boolean)) {
    const signedWith = [...new Set(checkpoints.map((c) => c.keyId))].sort();
    return { ok: false, records: 0, lastSeq: 0, ...summary, broken: null, wrongKey: { keyId: keyIdOf(publicKey), signedWith } };
  }

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  const hashes = new Map<number, string>();
  const wanted = new Set([...checkpoints.map((c) => c.seq), headSeq]);
  const fail = (seq: number, reason: string): VerifyResult => ({ ok: false, records, lastSeq: expectedSeq - 1, ...summary, broken: { seq, reason } });

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
  const lastSeq = expectedSeq - 1;

  // The end of the log against what says where it ends: every signed checkpoint (the witnesses' survive
  // a database superuser) and the head row.
  const beyond = checkpoints.filter((c, i) => valid[i] && c.seq > lastSeq).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) {
    return fail(lastSeq + 1, `records ${lastSeq + 1}..${beyond.seq} are missing: the log ends at record ${lastSeq}, before its ${beyond.source} at record ${beyond.seq} (${beyond.signedAt})`);
  }
  if (headSeq > lastSeq) return fail(lastSeq + 1, `records ${lastSeq + 1}..${headSeq} are missing: the log ends at record ${lastSeq}, but its head is at record ${headSeq}`);
  if (headSeq < lastSeq) return fail(headSeq + 1, `the chain head was rewound: it is at record ${headSeq}, but the log continues to record ${lastSeq}`);
  if (headSeq > 0 && hashes.get(headSeq) !== head.hash) return fail(headSeq, `the chain head's hash is not record ${headSeq}'s`);

  for (const [i, c] of checkpoints.entries()) {
    if (!valid[i]) return fail(c.seq, `${c.source} at record ${c.seq} has an invalid signature`);
    if (hashes.get(c.seq) !== c.hash) return fail(c.seq, `record ${c.seq} differs from its ${c.source}`);
  }
  return { ok: true, records, lastSeq, ...summary, broken: null };
}
