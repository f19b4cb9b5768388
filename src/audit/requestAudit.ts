import type { ErrorCode } from '../errors';
import { DisclosureRecorder } from './disclosureRecorder';

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
}

export function newRequestAudit(): RequestAudit {
  return { touchesResidentData: false, refusal: null, identifierLookups: 0, recorder: new DisclosureRecorder(), startedAt: performance.now() };
}
