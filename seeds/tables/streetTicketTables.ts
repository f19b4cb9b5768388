/**
 * The street database's ticket tables (`tickets`, `ticket_transitions`), written row by row from the
 * seeded tickets (streetTickets.ts), one household at a time.
 */
import { chunked, CopyText, TableLoad } from '../copy';
import type { Model } from '../model';
import { householdTickets } from './streetTickets';

const ts = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The ticket tables of the model's street database, in load order. */
export function streetTicketTables(m: Model): TableLoad[] {
  return [
    {
      table: 'tickets',
      columns: ['id', 'household_id', 'person_id', 'grid_id', 'community_code', 'item', 'category', 'priority', 'department', 'first_department', 'source', 'visit_id',
        'status', 'version', 'received_at', 'start_due_at', 'transfer_due_at', 'close_due_at', 'accepted_at', 'transferred_at', 'resolved_at', 'confirmed_at', 'rated_at',
        'solved_on_spot', 'reopen_count', 'repeat_of', 'rating', 'rating_comment', 'summary', 'created_by_subject', 'created_by_role', 'request_id', 'idempotency_key', 'payload_hash'],
      chunks: () => chunked(function* (out: CopyText) {
        for (const list of householdTickets(m)) {
          for (const t of list) {
            out.row([t.id, t.householdId, t.personId, t.gridId, t.communityCode, t.item.code, t.item.category, t.item.priority, t.department, t.firstDepartment, t.source, t.visitId,
              t.status, t.transitions.length, ts(t.receivedAt), ts(t.startDueAt), ts(t.transferDueAt), ts(t.closeDueAt), ts(t.acceptedAt), ts(t.transferredAt), ts(t.resolvedAt),
              ts(t.confirmedAt), ts(t.ratedAt), t.solvedOnSpot, t.reopenCount, t.repeatOf, t.rating, t.ratingComment, null, t.createdBy.subject, t.createdBy.role, 'seed', `seed-${t.id}`, 'seed']);
          }
          yield;
        }
      }),
    },
    {
      table: 'ticket_transitions',
      columns: ['ticket_id', 'seq', 'from_status', 'to_status', 'at', 'actor_subject', 'actor_role', 'actor_department', 'from_department', 'to_department', 'reason', 'request_id'],
      chunks: () => chunked(function* (out: CopyText) {
        for (const list of householdTickets(m)) {
          for (const t of list) for (const x of t.transitions) out.row([t.id, x.seq, x.from, x.to, ts(x.at), x.actorSubject, x.actorRole, x.actorDepartment, x.fromDepartment, x.toDepartment, x.reason, 'seed']);
          yield;
        }
      }),
    },
  ];
}
