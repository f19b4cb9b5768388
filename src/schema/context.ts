import type { RequestAudit } from '../audit/requestAudit';
import type { Access } from '../policy/access';
import type { Loaders } from '../sources/loaders';

/** What every resolver receives: the caller's access state and the request's own loaders. */
export interface Context {
  requestId: string;
  access: Access;
  /** What this request disclosed, for its access record. */
  audit: RequestAudit;
  /** Loaders bound to the caller's row scope; never shared between requests. */
  loaders: Loaders;
  /** Filled for the request's log line and metrics (server/reportPlugin.ts); absent outside HTTP. */
  report?: OperationReport;
}

/**
 * What the GraphQL layer reports about a request to the HTTP layer's log line and metrics: closed
 * sets and codes only, never who asked, what for whom, or any value.
 */
export interface OperationReport {
  /** `query`, `mutation`, `subscription`; `none` if the document never resolved to an operation. */
  kind: string;
  /** The caller's role once authenticated (a closed set), never who they are. */
  role?: string;
  /** `extensions.code` of each error in the response. */
  errorCodes: string[];
  /** Whether the GraphQL response carried data (to tell a partial answer from a failed one). */
  hasData?: boolean;
}
