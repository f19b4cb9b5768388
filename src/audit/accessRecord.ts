import { createHash } from 'node:crypto';
import type { Decision } from '../policy/declaration';

/**
 * How a request that touched resident data ended. PARTIAL: some fields were denied or their
 * source failed; ABANDONED: the client left before the response was sent, so nothing left.
 * WRITTEN: the request wrote a record of the hub's own (a street visit), committed only after this
 * record; WRITE_FAILED: that commit failed after the WRITTEN record was appended (same request id).
 */
export type Outcome = 'DISCLOSED' | 'PARTIAL' | 'NOTHING_FOUND' | 'REFUSED' | 'ERROR' | 'ABANDONED' | 'WRITTEN' | 'WRITE_FAILED';

/** A field's recorded decision: the policy's, or FAILED when its source could not answer (nothing returned). */
export type RecordedDecision = Decision | 'FAILED';

/**
 * Fields disclosed to a group of subjects (persons or households) that saw the same fields.
 * FAILED (only present when non-empty, so older records keep their canonical text) lists the
 * fields asked for and allowed whose source failed: they were not disclosed.
 */
export interface DisclosureGroup {
  subjects: string[];
  ALLOW: string[];
  MASK: string[];
  DENY: string[];
  FAILED?: string[];
}

/**
 * One access record: who, why, what operation, whose data and which fields with which decision.
 * Never an ID number, a name or the request's variables: subjects are opaque hub ids, the
 * document is kept only as a keyed fingerprint of its literal-free form (documentFingerprint.ts),
 * the operation name only when it is not shaped like an identifier, the case number only in the
 * configured format.
 */
export interface AccessRecord {
  occurredAt: string;
  requestId: string;
  subject: string;
  role: string;
  department: string | null;
  clientApp: string;
  purpose: string | null;
  /** The case number (CASE_INVESTIGATION), or the ticket id a TICKET_HANDLING request named. */
  caseNumber: string | null;
  operationName: string | null;
  documentHash: string;
  outcome: Outcome;
  /**
   * For a REFUSED request, the code it was refused with (e.g. FILTER_NOT_PERMITTED). Absent, not
   * null, otherwise, so records written before the column existed keep their canonical text.
   */
  refusal?: string;
  durationMs: number;
  residents: string[];
  households: string[];
  misses: number;
  disclosures: DisclosureGroup[];
  decisions: RecordedDecision[];
}

/** JSON with object keys sorted at every level: the same record always gives the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The canonical text of a record, which the chain hashes. */
export function canonicalRecord(record: AccessRecord): string {
  return stableStringify(record);
}

/** hash = sha256(prev_hash ‖ canonical record), hex. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);
