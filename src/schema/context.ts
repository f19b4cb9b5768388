import type { RequestAudit } from '../audit/requestAudit';
import type { Access } from '../policy/access';
import type { Loaders } from '../sources/loaders';
import type { RequestReport } from '../server/requestReport';

/** What every resolver receives: the caller's access state and the request's own loaders. */
export interface Context {
  requestId: string;
  access: Access;
  /** What this request disclosed, for its access record. */
  audit: RequestAudit;
  /** Loaders bound to the caller's row scope; never shared between requests. */
  loaders: Loaders;
  /** The request's log line and metrics labels (operation kind, role, error codes); absent outside HTTP. */
  report?: RequestReport;
}
