import type { AccessRecord } from './accessRecord';

/** Rebuilds the record a row was written from, so its canonical text can be hashed again. */
export function recordFromRow(row: Record<string, any>): AccessRecord {
  return {
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
    subject: row.subject,
    role: row.role,
    department: row.department,
    clientApp: row.client_app,
    purpose: row.purpose,
    caseNumber: row.case_number,
    operationName: row.operation_name,
    documentHash: row.document_hash,
    outcome: row.outcome,
    ...(row.refusal === null || row.refusal === undefined ? {} : { refusal: row.refusal }),
    durationMs: row.duration_ms,
    residents: row.residents,
    households: row.households,
    misses: row.misses,
    disclosures: row.disclosures,
    decisions: row.decisions,
  };
}
