import type { ErrorCode } from '../errors';
import type { ResidentClaimAnswers } from './auditStore';
import { DisclosureRecorder } from './disclosureRecorder';

/**
 * A write to be recorded in the access log (issue 16): who wrote is the request's principal; this
 * says what about whom. WRITTEN is appended while the write's transaction is open (the write commits
 * only once it is); WRITE_FAILED when that commit then failed.
 */
export interface WriteAudit {
  outcome: 'WRITTEN' | 'WRITE_FAILED';
  /** The office that owns the written record (e.g. `street`), shown to residents in their history. */
  department: string;
  /** Hub ids of the households and persons the write is about. */
  households: string[];
  residents: string[];
  /** `Type.field` of every field written. */
  fields: string[];
}

/** The access-log state of one request. */
export interface RequestAudit {
  /** Set when the operation selects a resident-data root field: the request must be logged. */
  touchesResidentData: boolean;
  recorder: DisclosureRecorder;
  /** The code the request was refused with before execution (see RefusedError), if it was. */
  refusal: ErrorCode | null;
  /** Look-ups by a full identifier (ID number) the request makes; their misses are reserved up front. */
  identifierLookups: number;
  startedAt: number;
  /**
   * Appends a write record for this request to the hash-chained log and resolves with its sequence
   * number once it is committed; rejects when it cannot be written (the write must then not commit).
   * Set by the audit plugin once the operation is known; absent outside HTTP.
   */
  appendWrite?: (write: WriteAudit) => Promise<number>;
  /**
   * The service item a SERVICE_APPLICATION verified claims for (issue 18), once `verify` found it
   * in the catalogue: a code, never client text. The access record keeps it in its case-number
   * column, as CASE_INVESTIGATION keeps its case number.
   */
  serviceItem?: string;
  /**
   * The yes/no answers `verify` gave, per resident (issue 18): stored beside the request's access
   * record for the resident's own history only, never in the record (AuditStore.append).
   */
  claimAnswers?: ResidentClaimAnswers[];
  /** True once a write record was appended: the request's record is that one (and a WRITE_FAILED twin). */
  writeRecorded: boolean;
}

export function newRequestAudit(): RequestAudit {
  return { touchesResidentData: false, refusal: null, identifierLookups: 0, recorder: new DisclosureRecorder(), startedAt: performance.now(), writeRecorded: false };
}
