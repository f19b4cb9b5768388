import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { needItem } from './tickets/needItems';
import type { TicketCreator, TicketSpec } from './tickets/newTickets';
import { ticketDeadlines } from './tickets/ticketClocks';
import type { TicketEvent } from './tickets/ticketEvents';
import { NewTicket, REPEAT_WINDOW_DAYS } from './tickets/ticketRows';
import type { WorkingCalendar } from './tickets/workingCalendar';

const COLUMNS = [
  'id', 'household_id', 'person_id', 'grid_id', 'community_code', 'item', 'category', 'priority', 'department', 'first_department', 'source',
  'visit_id', 'status', 'received_at', 'start_due_at', 'transfer_due_at', 'close_due_at', 'resolved_at', 'solved_on_spot', 'repeat_of',
  'summary', 'created_by_subject', 'created_by_role', 'request_id', 'idempotency_key', 'payload_hash',
] as const;

/** What a batch insert did: the tickets it created (rows and events) and, per idempotency key, the ticket already there. */
export interface BatchInsert {
  created: Array<{ row: NewTicket; event: TicketEvent }>;
  existing: Map<string, string>;
}

/**
 * Inserts many RECEIVED tickets of one creator in `trx`, set-based (a handful of statements for the
 * batch instead of four per ticket: a check run files thousands), with exactly what
 * `insertNewTicket` (./tickets/newTickets.ts) gives one: routed by the need-item catalogue,
 * deadlines from the clocks at `now`, `repeat_of` the latest ticket for the same household and
 * item within the repeat window (earlier ones of the batch included), under the same advisory
 * locks on (household, item), and a first transition to RECEIVED. A spec whose idempotency key
 * the creator already used is not inserted: `existing` maps the key to that ticket.
 */
export async function insertTicketsBatch(trx: Knex.Transaction, creator: TicketCreator, specs: readonly TicketSpec[], now: Date, calendar: WorkingCalendar): Promise<BatchInsert> {
  const keys = specs.map((s) => s.idempotencyKey!);
  const existing = new Map<string, string>((await trx.raw('SELECT idempotency_key, id::text AS id FROM tickets WHERE created_by_subject = ? AND idempotency_key = ANY(?::text[])', [creator.subject, keys]))
    .rows.map((r: { idempotency_key: string; id: string }) => [r.idempotency_key, r.id]));
  const fresh = specs.filter((s) => !existing.has(s.idempotencyKey!));
  if (fresh.length === 0) return { created: [], existing };
  const pairs = [...new Set(fresh.map((s) => `${s.householdId}|${s.item}`))].sort();
  await trx.raw('SELECT count(pg_advisory_xact_lock(hashtextextended(k, 17))) FROM unnest(?::text[]) AS k', [pairs]);
  const latest = new Map<string, string>((await trx.raw(
    `SELECT DISTINCT ON (t.household_id, t.item) t.household_id::text || '|' || t.item AS pair, t.id::text AS id
       FROM tickets t JOIN unnest(?::uuid[], ?::text[]) AS p(household_id, item) ON t.household_id = p.household_id AND t.item = p.item
      WHERE t.received_at > ?::timestamptz - make_interval(days => ?) AND t.received_at <= ?
      ORDER BY t.household_id, t.item, t.received_at DESC, t.id DESC`,
    [pairs.map((p) => p.split('|')[0]), pairs.map((p) => p.split('|')[1]), now, REPEAT_WINDOW_DAYS, now])).rows.map((r: { pair: string; id: string }) => [r.pair, r.id]));
  const created: BatchInsert['created'] = [];
  for (const spec of fresh) {
    const item = needItem(spec.item);
    if (!item) throw new Error(`item ${spec.item} is not in the need-item catalogue`);
    const due = ticketDeadlines(calendar, item.priority, now);
    const pair = `${spec.householdId}|${item.code}`;
    const row: NewTicket = {
      id: randomUUID(), household_id: spec.householdId, person_id: spec.personId, grid_id: spec.gridId, community_code: spec.communityCode,
      item: item.code, category: item.category, priority: item.priority, department: item.department, first_department: item.department,
      source: spec.source, visit_id: spec.visitId, status: 'RECEIVED', received_at: now, start_due_at: due.startDueAt, transfer_due_at: due.transferDueAt,
      close_due_at: due.closeDueAt, resolved_at: null, solved_on_spot: false, repeat_of: latest.get(pair) ?? null, summary: spec.summary,
      created_by_subject: creator.subject, created_by_role: creator.role, request_id: creator.requestId, idempotency_key: spec.idempotencyKey, payload_hash: spec.payloadHash,
    };
    latest.set(pair, row.id);
    created.push({ row, event: { ticketId: row.id, kind: 'CREATED', department: row.department, item: row.item, priority: row.priority, status: 'RECEIVED', at: now, version: 1 } });
  }
  const rows = created.map((c) => c.row);
  await trx.raw(`INSERT INTO tickets (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::tickets, ?::jsonb)`, [JSON.stringify(rows)]);
  await trx.raw(
    `INSERT INTO ticket_transitions (ticket_id, seq, from_status, to_status, at, actor_subject, actor_role, actor_department, from_department, to_department, reason, request_id)
     SELECT t.id, 1, NULL, 'RECEIVED', ?, ?, ?, ?, NULL, t.department, NULL, ? FROM unnest(?::uuid[], ?::text[]) AS t(id, department)`,
    [now, creator.subject, creator.role, creator.department, creator.requestId, rows.map((r) => r.id), rows.map((r) => r.department)]);
  return { created, existing };
}
