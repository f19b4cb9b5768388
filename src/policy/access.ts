import type { Principal } from '../auth/principal';
import type { Purpose } from '../auth/vocabulary';
import type { RowScope } from '../sources/rowScope';
import { FieldDecisions, NO_DECISIONS } from './policyEngine';
import { rowScopeFor } from './rowScopeFor';

/**
 * The request's authorization state: who asks, for which declared purpose, and the field
 * decisions that follow. `decisions` stays empty (everything denied) until the purpose check of
 * the operation has passed.
 */
export interface Access {
  principal: Principal;
  /** The `x-purpose` header as sent (validated by the purpose check). */
  declaredPurpose: string | null;
  /** The `x-case-number` header as sent. */
  caseNumber: string | null;
  /**
   * The ticket a TICKET_HANDLING request is bound to (`x-ticket-id`, a ticket id, checked before any
   * read: src/departments/street/tickets/ticketBinding.ts). Recorded in the access record's
   * `caseNumber` (the reference a bound purpose names); unset otherwise.
   */
  boundTicket?: string;
  /** The purpose in force once the check passed. */
  purpose: Purpose | null;
  decisions: FieldDecisions;
  /** The residents the principal may reach (rowScopeFor), decided once for the request. */
  rowScope: RowScope;
}

/** A fresh access state for a request, with nothing decided yet. */
export function initialAccess(principal: Principal, declaredPurpose: string | null, caseNumber: string | null): Access {
  return { principal, declaredPurpose, caseNumber, purpose: null, decisions: NO_DECISIONS, rowScope: rowScopeFor(principal) };
}
