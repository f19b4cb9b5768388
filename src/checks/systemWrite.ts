import type { Knex } from 'knex';
import type { AccessRecord } from '../audit/accessRecord';
import { commitWithRecord, WriteOutcome } from '../audit/commitWithRecord';

/** The principal a check run writes as (tickets for findings): not a person, named in every record it appends. */
export const CHECKS_PRINCIPAL = { subject: 'system:checks-run', role: 'SYSTEM', clientApp: 'checks:run' } as const;

/** Appends one record to the hash-chained access log (AuditStore.append: the one recorder). */
export type AppendRecord = (record: AccessRecord) => Promise<number>;

/** What a system write is about and which fields it writes (no values). */
export interface SystemWrite {
  requestId: string;
  /** The office that owns the written records (`street` for tickets). */
  department: string;
  purpose: string;
  households: string[];
  residents: string[];
  fields: string[];
  startedAt: number;
}

/** The access record of a check run's write, in the shape of a request's write record (writeRecord.ts). */
export function systemWriteRecord(write: SystemWrite, outcome: WriteOutcome): AccessRecord {
  const households = [...new Set(write.households)].sort();
  const residents = [...new Set(write.residents)].sort();
  return {
    occurredAt: new Date().toISOString(),
    requestId: write.requestId,
    subject: CHECKS_PRINCIPAL.subject,
    role: CHECKS_PRINCIPAL.role,
    department: write.department,
    clientApp: CHECKS_PRINCIPAL.clientApp,
    purpose: write.purpose,
    caseNumber: null,
    operationName: null,
    // No GraphQL document: a fixed marker instead of its fingerprint.
    documentHash: CHECKS_PRINCIPAL.subject,
    outcome,
    durationMs: Math.round(performance.now() - write.startedAt),
    residents,
    households,
    misses: 0,
    disclosures: [{ subjects: [...households, ...residents], ALLOW: [...write.fields].sort(), MASK: [], DENY: [] }],
    decisions: ['ALLOW'],
  };
}

/**
 * Ends a check run's write on the one write-commit path (src/audit/commitWithRecord.ts), like a
 * request's ticket write: the WRITTEN record appended while `trx` is open (if it cannot be, `trx`
 * rolls back and the append's error is thrown: no write without its record), then the commit; if
 * the commit fails, a WRITE_FAILED twin is appended and the commit's error is thrown. `trx` is
 * always finished when it settles.
 */
export function commitSystemWrite(trx: Knex.Transaction, append: AppendRecord, write: SystemWrite): Promise<void> {
  return commitWithRecord(trx, { requestId: write.requestId, what: 'check run', append: (outcome) => append(systemWriteRecord(write, outcome)) });
}
