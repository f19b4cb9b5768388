import type { Knex } from 'knex';
import { runSql } from '../../../sources/runSql';
import type { NeedCategory, Priority } from './needItems';
import type { TicketStatus } from './ticketStates';

/**
 * The street database's ticket rows and the SQL that writes and reads them (no GraphQL here).
 * Households and persons are hub ids. Writes run on the caller's open transaction.
 */
export interface TicketRow {
  id: string;
  household_id: string;
  person_id: string | null;
  grid_id: string;
  community_code: string;
  item: string;
  category: NeedCategory;
  priority: Priority;
  department: string;
  first_department: string;
  source: 'VISIT' | 'RESIDENT' | 'DEPARTMENT' | 'FINDING';
  visit_id: string | null;
  status: TicketStatus;
  version: number;
  received_at: Date;
  start_due_at: Date;
  transfer_due_at: Date;
  close_due_at: Date;
  accepted_at: Date | null;
  transferred_at: Date | null;
  resolved_at: Date | null;
  confirmed_at: Date | null;
  rated_at: Date | null;
  solved_on_spot: boolean;
  reopen_count: number;
  repeat_of: string | null;
  rating: number | null;
  rating_comment: string | null;
  summary: string | null;
  created_by_subject: string;
  created_by_role: string;
  request_id: string;
  idempotency_key: string | null;
  payload_hash: string | null;
}

/** One row of ticket_transitions. */
export interface TransitionRow {
  ticket_id: string;
  seq: number;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  at: Date;
  actor_subject: string;
  actor_role: string;
  actor_department: string | null;
  from_department: string | null;
  to_department: string | null;
  reason: string | null;
  request_id: string;
}

/** How many days back a ticket for the same household and item makes a new one a repeat. */
export const REPEAT_WINDOW_DAYS = 30;

/**
 * The latest ticket for this household and item received within REPEAT_WINDOW_DAYS before `at`, or
 * null. Read inside the creating transaction, after an advisory lock on (household, item), so two
 * concurrent creations cannot both miss each other.
 */
export async function latestWithinRepeatWindow(trx: Knex.Transaction, householdId: string, item: string, at: Date): Promise<string | null> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 17))', [`${householdId}|${item}`]);
  const { rows } = await trx.raw(
    `SELECT id FROM tickets WHERE household_id = ? AND item = ? AND received_at > ?::timestamptz - make_interval(days => ?) AND received_at <= ?
      ORDER BY received_at DESC, id DESC LIMIT 1`,
    [householdId, item, at, REPEAT_WINDOW_DAYS, at],
  );
  return rows[0]?.id ?? null;
}

const INSERT_COLUMNS = [
  'id', 'household_id', 'person_id', 'grid_id', 'community_code', 'item', 'category', 'priority', 'department', 'first_department', 'source',
  'visit_id', 'status', 'received_at', 'start_due_at', 'transfer_due_at', 'close_due_at', 'resolved_at', 'solved_on_spot', 'repeat_of',
  'summary', 'created_by_subject', 'created_by_role', 'request_id', 'idempotency_key', 'payload_hash',
] as const;

/** A ticket to insert: the columns a creation sets (the rest take their defaults). */
export type NewTicket = Pick<TicketRow, (typeof INSERT_COLUMNS)[number]>;

/**
 * Inserts a ticket at `version` (the number of transitions its creation writes) unless its creator
 * already used the idempotency key (then false, nothing written). A NULL key never conflicts (tickets created from a visit share the visit's key).
 */
export async function insertTicket(trx: Knex.Transaction, t: NewTicket & { version: number }): Promise<boolean> {
  const { rows } = await trx.raw(
    `INSERT INTO tickets (${INSERT_COLUMNS.join(', ')}, version) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')}, ?)
     ON CONFLICT ON CONSTRAINT tickets_idempotency DO NOTHING RETURNING id`,
    [...INSERT_COLUMNS.map((c) => t[c]), t.version],
  );
  return rows.length === 1;
}

/** Appends a transition (its seq is the ticket's next). */
export async function insertTransition(trx: Knex.Transaction, t: Omit<TransitionRow, 'seq'>): Promise<void> {
  await trx.raw(
    `INSERT INTO ticket_transitions (ticket_id, seq, from_status, to_status, at, actor_subject, actor_role, actor_department, from_department, to_department, reason, request_id)
     SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM ticket_transitions WHERE ticket_id = ?`,
    [t.ticket_id, t.from_status, t.to_status, t.at, t.actor_subject, t.actor_role, t.actor_department, t.from_department, t.to_department, t.reason, t.request_id, t.ticket_id],
  );
}

/** The ticket its creator made with this idempotency key, or null. */
export async function ticketByKey(trx: Knex.Transaction, subject: string, key: string): Promise<TicketRow | null> {
  const { rows } = await trx.raw('SELECT * FROM tickets WHERE created_by_subject = ? AND idempotency_key = ?', [subject, key]);
  return rows[0] ?? null;
}

/** The ticket with this id, or null. */
export async function ticketById(db: Knex, id: string): Promise<TicketRow | null> {
  const [row] = await runSql<TicketRow>(db, 'SELECT * FROM tickets WHERE id = $1::uuid', [id]);
  return row ?? null;
}

/** What a transition changes on the ticket row: its status, department and timestamps. */
export interface TicketUpdate {
  status: TicketStatus;
  department?: string;
  /** The `*_at` column stamped the first time this status is reached (e.g. accepted_at). */
  firstAt?: 'accepted_at' | 'transferred_at' | 'resolved_at' | 'confirmed_at' | 'rated_at';
  reopen?: boolean;
  rating?: { rating: number; comment: string | null };
}

/**
 * Applies an update if, and only if, the ticket is still at `expectedVersion` (the version check is
 * in the statement: of two concurrent updates naming the same version, exactly one matches).
 * Returns the updated row, or null when the version (or the ticket) did not match.
 */
export async function updateTicketAtVersion(trx: Knex.Transaction, id: string, expectedVersion: number, u: TicketUpdate, at: Date): Promise<TicketRow | null> {
  const sets = ['status = ?', 'version = version + 1'];
  const values: Knex.RawBinding[] = [u.status];
  if (u.department) { sets.push('department = ?'); values.push(u.department); }
  if (u.firstAt) { sets.push(`${u.firstAt} = coalesce(${u.firstAt}, ?)`); values.push(at); }
  if (u.reopen) sets.push('reopen_count = reopen_count + 1');
  if (u.rating) { sets.push('rating = ?', 'rating_comment = ?'); values.push(u.rating.rating, u.rating.comment); }
  const { rows } = await trx.raw(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ? AND version = ? RETURNING *`, [...values, id, expectedVersion]);
  return rows[0] ?? null;
}

/** The transitions of each ticket, oldest first. */
export async function transitionsOfTickets(db: Knex, ids: readonly string[]): Promise<TransitionRow[]> {
  return runSql<TransitionRow>(db, 'SELECT * FROM ticket_transitions WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, seq', [ids]);
}
