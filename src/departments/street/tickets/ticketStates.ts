/**
 * The ticket state machine (issue 17), declared once:
 *
 *   RECEIVED → ACCEPTED → (TRANSFERRED → ACCEPTED) → RESOLVED → CONFIRMED → RATED
 *                                        RESOLVED | CONFIRMED → REOPENED → ACCEPTED …
 *
 * - RECEIVED: routed to the item's department, waiting to be started.
 * - ACCEPTED: the department started on it (the start clock stops).
 * - TRANSFERRED: the department passed it to another department (named in the transition), which
 *   must accept it; a transfer from RECEIVED is allowed (misrouted at once).
 * - RESOLVED: the department says it is done, or — solved on the spot — RECEIVED → RESOLVED in the
 *   very write that receives it (the API and the seeded year alike).
 * - CONFIRMED: the resident (or the street staff on site with them) confirmed the result.
 * - RATED: the resident rated it (1–5 and a short comment); final.
 * - REOPENED: the resident says it is not solved (a second complaint); the department must accept
 *   it again. Reopening is allowed from RESOLVED and CONFIRMED, not from RATED.
 */
export const TICKET_STATUSES = ['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'RESOLVED', 'CONFIRMED', 'RATED', 'REOPENED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  RECEIVED: ['ACCEPTED', 'TRANSFERRED', 'RESOLVED'],
  ACCEPTED: ['TRANSFERRED', 'RESOLVED'],
  TRANSFERRED: ['ACCEPTED'],
  RESOLVED: ['CONFIRMED', 'REOPENED'],
  CONFIRMED: ['RATED', 'REOPENED'],
  RATED: [],
  REOPENED: ['ACCEPTED', 'TRANSFERRED', 'RESOLVED'],
};

/** Statuses in which the responsible department still has to act. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED'];

/** Whether `from → to` is a transition of the machine. */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}
