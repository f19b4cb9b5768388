import type { Knex } from 'knex';
import { AccessRecord, canonicalRecord } from './accessRecord';

/** What the store says about itself, for the readiness endpoint. */
export interface AuditHealth {
  writable: boolean;
  lastError: string | null;
  lastSeq: number | null;
}

/**
 * Appends access records to the hub database's hash-chained, append-only log. Each append is one
 * statement: it advances the chain head (a single row, so concurrent appends are ordered by its
 * row lock) and inserts the record with hash = sha256(prev_hash ‖ canonical record), computed by
 * PostgreSQL from the canonical text the hub sends. Resolves with the record's sequence number
 * once it is committed; rejects if it could not be written.
 */
export class AuditStore {
  private health: AuditHealth = { writable: true, lastError: null, lastSeq: null };

  constructor(private readonly db: Knex) {}

  get status(): AuditHealth {
    return { ...this.health };
  }

  async append(record: AccessRecord): Promise<number> {
    try {
      const { rows } = await this.db.raw(
        `WITH head AS (
           UPDATE access_log_head
              SET seq = seq + 1, prev_hash = hash, hash = encode(sha256(convert_to(hash || ?, 'UTF8')), 'hex')
            WHERE id = 1
        RETURNING seq, prev_hash, hash)
         INSERT INTO access_log (seq, prev_hash, hash, occurred_at, request_id, subject, role, department, client_app, purpose,
                                 case_number, operation_name, document_hash, outcome, duration_ms, residents, households,
                                 misses, disclosures, decisions)
         SELECT head.seq, head.prev_hash, head.hash, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?::uuid[], ?, ?::jsonb, ?::text[]
           FROM head
      RETURNING seq`,
        [
          canonicalRecord(record),
          record.occurredAt, record.requestId, record.subject, record.role, record.department, record.clientApp, record.purpose,
          record.caseNumber, record.operationName, record.documentHash, record.outcome, record.durationMs, record.residents,
          record.households, record.misses, JSON.stringify(record.disclosures), record.decisions,
        ],
      );
      if (rows.length !== 1) throw new Error('access log head is missing');
      const seq = Number(rows[0].seq);
      this.health = { writable: true, lastError: null, lastSeq: seq };
      return seq;
    } catch (err) {
      this.health = { ...this.health, writable: false, lastError: (err as { code?: string }).code ?? 'WRITE_FAILED' };
      throw err;
    }
  }

  /** Checks the store can take records right now (used by /readyz): the head row is writable. */
  async probe(): Promise<boolean> {
    try {
      await this.db.raw('SELECT seq FROM access_log_head WHERE id = 1 FOR UPDATE NOWAIT');
      const { rows } = await this.db.raw("SELECT has_table_privilege(current_user, 'access_log', 'INSERT') AS ok");
      const ok = rows[0].ok === true;
      if (ok && !this.health.writable) this.health = { ...this.health, writable: true, lastError: null };
      if (!ok) this.health = { ...this.health, writable: false, lastError: 'INSERT_REVOKED' };
      return ok;
    } catch (err) {
      if ((err as { code?: string }).code === '55P03') return true; // locked by an append in flight: alive
      this.health = { ...this.health, writable: false, lastError: (err as { code?: string }).code ?? 'UNREACHABLE' };
      return false;
    }
  }
}
