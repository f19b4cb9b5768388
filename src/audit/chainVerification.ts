import type { Knex } from 'knex';
import { openWitnesses } from './auditLogins';
import type { SignedCheckpoint } from './checkpoints';
import { verificationKey, VerifyError } from './verificationKeyFile';
import { verifyInSnapshot } from './verifyChain';
import { describeResult, VERIFY_BROKEN, VERIFY_INTACT } from './verifyCommand';

/** What a verification found: intact, broken (at `brokenSeq`), or not run (no key, wrong key, unreadable witness). */
export type VerificationStatus = 'INTACT' | 'BROKEN' | 'CANNOT_RUN';

export interface ChainVerification {
  ranAt: Date;
  subject: string;
  status: VerificationStatus;
  records: number;
  lastSeq: number;
  checkpoints: number;
  witnessed: number;
  brokenSeq: number | null;
  /** The lines `audit:verify` would print for the same result. */
  message: string;
}

export interface ChainState {
  /** Where the head row says the log ends, and its hash. */
  headSeq: number;
  headHash: string | null;
  /** The latest checkpoint the signer wrote to the hub database (null: none yet). */
  lastCheckpoint: { seq: number; hash: string; signedAt: Date; keyId: string } | null;
  /** The latest verification run from the console (null: none yet). */
  lastVerification: ChainVerification | null;
}

function verificationFromRow(row: Record<string, any>): ChainVerification {
  return {
    ranAt: new Date(row.ran_at),
    subject: row.subject,
    status: row.status,
    records: Number(row.records),
    lastSeq: Number(row.last_seq),
    checkpoints: Number(row.checkpoints),
    witnessed: Number(row.witnessed),
    brokenSeq: row.broken_seq === null ? null : Number(row.broken_seq),
    message: row.message,
  };
}

/** The chain's state: head, last signed checkpoint, last recorded verification. Reads only. */
export async function readChainState(db: Knex): Promise<ChainState> {
  // One after the other: `db` may be a transaction (one connection).
  const head = await db('access_log_head').select('seq', 'hash').where({ id: 1 }).first();
  const checkpoint = await db('access_log_checkpoints').select('seq', 'hash', 'signed_at', 'key_id').orderBy('seq', 'desc').first();
  const verification = await db('audit_verifications').select('*').orderBy('id', 'desc').first();
  return {
    headSeq: Number(head?.seq ?? 0),
    headHash: head && Number(head.seq) > 0 ? head.hash : null,
    lastCheckpoint: checkpoint ? { seq: Number(checkpoint.seq), hash: checkpoint.hash, signedAt: new Date(checkpoint.signed_at), keyId: checkpoint.key_id } : null,
    lastVerification: verification ? verificationFromRow(verification) : null,
  };
}

/**
 * Runs exactly what `audit:verify` checks (src/audit/verifyChain.ts), with the same inputs — the
 * verification key (AUDIT_VERIFY_KEY_FILE, else the development signer's public key) and the
 * witnesses (AUDIT_WITNESS_FILE, AUDIT_WITNESS_DATABASE_URL), read before the snapshot — on one
 * REPEATABLE READ, READ ONLY snapshot of `readDb` (the audit-read pool), then records the outcome
 * in `audit_verifications` on `writeDb` with the auditor's subject, and returns it. A missing or
 * wrong key or an unreadable witness is recorded as CANNOT_RUN with its reason, not thrown.
 */
export async function verifyAndRecord(readDb: Knex, writeDb: Knex, subject: string, env: NodeJS.ProcessEnv = process.env): Promise<ChainVerification> {
  const outcome = await verifyOnce(readDb, env);
  const [row] = await writeDb('audit_verifications')
    .insert({
      subject,
      status: outcome.status,
      records: outcome.records,
      last_seq: outcome.lastSeq,
      checkpoints: outcome.checkpoints,
      witnessed: outcome.witnessed,
      broken_seq: outcome.brokenSeq,
      message: outcome.message,
    })
    .returning('*');
  return verificationFromRow(row);
}

type Outcome = Omit<ChainVerification, 'ranAt' | 'subject'>;

async function verifyOnce(readDb: Knex, env: NodeJS.ProcessEnv): Promise<Outcome> {
  const none = { records: 0, lastSeq: 0, checkpoints: 0, witnessed: 0, brokenSeq: null };
  let witnessed: SignedCheckpoint[] = [];
  const witnesses = openWitnesses(env, { create: false });
  try {
    const publicKey = verificationKey(env);
    for (const w of witnesses) witnessed = witnessed.concat(await w.readAll());
    const result = await readDb.transaction(
      async (trx) => {
        await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        return verifyInSnapshot(trx, publicKey, witnessed);
      },
      { readOnly: true },
    );
    const { code, lines } = describeResult(result, witnesses.map((w) => w.where));
    return {
      status: code === VERIFY_INTACT ? 'INTACT' : code === VERIFY_BROKEN ? 'BROKEN' : 'CANNOT_RUN',
      records: result.records,
      lastSeq: result.lastSeq,
      checkpoints: result.checkpoints,
      witnessed: result.witnessed,
      brokenSeq: result.broken?.seq ?? null,
      message: lines.join('\n'),
    };
  } catch (err) {
    if (err instanceof VerifyError) return { status: 'CANNOT_RUN', ...none, message: err.message };
    throw err;
  } finally {
    for (const w of witnesses) await w.close().catch(() => undefined);
  }
}
