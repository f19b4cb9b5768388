import type { GraphQLErrorItem } from '../../api';

/** The ticket fields the desk and the resident's page read (no field names a staff member: the API has none). */
export const TICKET_FIELDS = `id item category priority department status version source householdId personId summary
  receivedAt startDueAt closeDueAt acceptedAt resolvedAt confirmedAt overdue reopenCount repeatOf rating ratingComment
  transitions { from to at actorRole actorDepartment department reason }`;

export interface TicketTransition {
  from: string | null;
  to: string | null;
  at: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  department: string | null;
  reason: string | null;
}

export interface Ticket {
  id: string;
  item: string | null;
  category: string | null;
  priority: string | null;
  department: string | null;
  status: string | null;
  version: number | null;
  source: string | null;
  householdId: string | null;
  personId: string | null;
  summary: string | null;
  receivedAt: string | null;
  startDueAt: string | null;
  closeDueAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  confirmedAt: string | null;
  overdue: boolean | null;
  reopenCount: number | null;
  repeatOf: string | null;
  rating: number | null;
  ratingComment: string | null;
  transitions: TicketTransition[] | null;
}

export interface TicketPage {
  totalCount: number;
  overdueCount: number;
  repeatCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: Ticket }>;
}

/** The states a ticket passes through, in order, for a progress line (REOPENED and TRANSFERRED are shown as steps when they happened). */
export const PROGRESS = ['RECEIVED', 'ACCEPTED', 'RESOLVED', 'CONFIRMED', 'RATED'] as const;

/** A stale `expectedVersion`: someone else moved the ticket first. */
export function isConflict(errors: GraphQLErrorItem[]): boolean {
  return errors.some((e) => e.extensions?.code === 'TICKET_VERSION_CONFLICT');
}


