import type { Knex } from 'knex';
import { accessLogAppendFailures, accessLogAppendSeconds } from '../metrics';
import { runSql } from '../sources/runSql';
import type { AccessRecord } from './accessRecord';

/** What the store says about itself, for the readiness endpoint. */
export interface AuditHealth {
  writable: boolean;
  lastError: string | null;
  lastSeq: number | null;
}

/**
 * A verification's yes/no answers for one resident (issue 18), kept for the resident's own history
 * beside the record that disclosed them, never in it (migration `resident_claim_answers`).
 */
export interface ResidentClaimAnswers {
  resident: string;
  /** Claim name → answer. */
  answers: Record<string, boolean>;
}

interface Pending {
  record: AccessRecord;
  answers?: readonly ResidentClaimAnswers[];
  resolve(seq: number): void;
  reject(err: unknown): void;
}

/** Most records written in one call. */
const MAX_BATCH = 256;

/** The stored columns of a record (the chain columns are added by the database function). */
function columnsOf(r: AccessRecord) {
  return {
    occurred_at: r.occurredAt, request_id: r.requestId, subject: r.subject, role: r.role, department: r.department, client_app: r.clientApp,
    purpose: r.purpose, case_number: r.caseNumber, operation_name: r.operationName, document_hash: r.documentHash, outcome: r.outcome, refusal: r.refusal ?? null,
    duration_ms: r.durationMs, residents: r.residents, households: r.households, misses: r.misses, disclosures: r.disclosures, decisions: r.decisions,
  };
}

/** Appends records through the database's one chained append; their sequence numbers in order. */
async function appendRecords(db: Knex, records: readonly AccessRecord[]): Promise<number[]> {
  // Only the columns: the database builds each record's canonical text from what it stores.
  const rows = await runSql<{ seq: string }>(db, 'SELECT s AS seq FROM append_access_records($1::jsonb) AS s', [JSON.stringify(records.map(columnsOf))]);
  if (rows.length !== records.length) throw new Error('access log append returned the wrong number of records');
  return rows.map((r) => Number(r.seq));
}

/**
 * Appends access records to the hub database's hash-chained, append-only log. Records of
 * requests that finish while a write is in flight are grouped (group commit) and written by one
 * call of `append_access_records`, which computes each record's canonical text from the columns
 * it stores, locks the chain head once, chains them in order and inserts them. `append` resolves with the record's sequence number only once its batch is
 * committed, and rejects if it could not be written, so a request never answers with an
 * unrecorded disclosure.
 */
export class AuditStore {
  private health: AuditHealth = { writable: true, lastError: null, lastSeq: null };
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Knex) {}

  get status(): AuditHealth {
    return { ...this.health };
  }

  /**
   * Appends `record`; `answers` (a verification's yes/no answers per resident) are written in the
   * same transaction, keyed by the record's sequence number: both or neither.
   */
  append(record: AccessRecord, answers?: readonly ResidentClaimAnswers[]): Promise<number> {
    const timed = accessLogAppendSeconds.startTimer();
    return new Promise<number>((resolve, reject) => {
      this.queue.push({
        record,
        ...(answers?.length ? { answers } : {}),
        resolve: (seq) => (timed({ outcome: 'ok' }), resolve(seq)),
        reject: (err) => (timed({ outcome: 'failed' }), accessLogAppendFailures.inc(), reject(err)),
      });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const seqs = await this.write(batch.map((p) => p.record), batch.map((p) => p.answers ?? []));
          batch.forEach((p, i) => p.resolve(seqs[i]));
          this.health = { writable: true, lastError: null, lastSeq: seqs.at(-1) ?? this.health.lastSeq };
        } catch (err) {
          this.health = { ...this.health, writable: false, lastError: (err as { code?: string }).code ?? 'WRITE_FAILED' };
          batch.forEach((p) => p.reject(err));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  protected async write(records: AccessRecord[], answers: ReadonlyArray<readonly ResidentClaimAnswers[]> = []): Promise<number[]> {
    if (!answers.some((a) => a.length)) return appendRecords(this.db, records);
    return this.db.transaction(async (trx) => {
      const seqs = await appendRecords(trx, records);
      const rows = answers.flatMap((list, i) => list.map((a) => ({ seq: seqs[i], resident: a.resident, answers: a.answers })));
      await runSql(trx, 'INSERT INTO resident_claim_answers (seq, resident, answers) SELECT seq, resident, answers FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, resident uuid, answers jsonb)', [JSON.stringify(rows)]);
      return seqs;
    });
  }

  /** Checks the store can take records right now (used by /readyz). */
  async probe(): Promise<boolean> {
    try {
      const { rows } = await this.db.raw(
        "SELECT has_function_privilege(current_user, 'append_access_records(jsonb)', 'EXECUTE') AS ok",
      );
      const ok = rows[0].ok === true;
      this.health = ok ? { ...this.health, writable: true, lastError: null } : { ...this.health, writable: false, lastError: 'INSERT_REVOKED' };
      return ok;
    } catch (err) {
      this.health = { ...this.health, writable: false, lastError: (err as { code?: string }).code ?? 'UNREACHABLE' };
      return false;
    }
  }
}
