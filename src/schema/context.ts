import type { RequestAudit } from '../audit/requestAudit';
import type { TicketEvents } from '../events/ticketEvents';
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
  /**
   * Mints a new id for the request and gives it to the log line and the `x-request-id` response
   * header; the caller sets `requestId` (the resolvers' context) to it, so the access records follow.
   * A write's records are linked by request id, so a write never keeps one the client chose
   * (src/departments/street/recordVisit.ts). Absent outside HTTP.
   */
  renewRequestId?: () => string;
  /** The request's deadline and whether its client is still there (absent outside HTTP, e.g. in-process tests). */
  lifetime?: RequestLifetime;
  /** The hub's ticket events: set on WebSocket operations (server/subscriptions.ts), where subscriptions run. */
  ticketEvents?: TicketEvents;
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

/**
 * How long a request may still ask sources, and whether its client is still there (made per HTTP
 * request by server/requestLifetime.ts). The policy layer stops resolving resident fields once
 * `expired`; the access record of a request whose client left before the response was sent says
 * ABANDONED.
 */
export interface RequestLifetime {
  /** True once the request is older than its deadline (REQUEST_DEADLINE_MS). */
  readonly expired: boolean;
  /** True once the client closed the connection before the response was complete. */
  readonly abandoned: boolean;
  /** Aborted when the client goes away before the response was complete (cancels audit reads). */
  readonly signal: AbortSignal;
}
