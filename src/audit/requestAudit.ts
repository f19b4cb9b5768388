import { DisclosureRecorder } from './disclosureRecorder';

/** The access-log state of one request. */
export interface RequestAudit {
  /** Set when the operation selects a resident-data root field: the request must be logged. */
  touchesResidentData: boolean;
  recorder: DisclosureRecorder;
  startedAt: number;
}

export function newRequestAudit(): RequestAudit {
  return { touchesResidentData: false, recorder: new DisclosureRecorder(), startedAt: performance.now() };
}
