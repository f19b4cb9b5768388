import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { needItem } from './needItems';
import { ticketDeadlines } from './ticketClocks';
import type { TicketEvent } from './ticketEvents';
import { insertTicket, insertTransition, latestWithinRepeatWindow, NewTicket } from './ticketRows';
import type { WorkingCalendar } from './workingCalendar';

/** The ticket fields a creation writes, as the access record lists them (no values). */
export const TICKET_CREATED_FIELDS = ['Ticket.item', 'Ticket.department', 'Ticket.priority', 'Ticket.status', 'Ticket.summary', 'Ticket.repeatOf', 'Ticket.solvedOnSpot'];

/** Who creates tickets, for the rows and their first transition. */
export interface TicketCreator {
  subject: string;
  role: string;
  /** The department the creator acts for (null for residents). */
  department: string | null;
  requestId: string;
}

/** One ticket to create: about whom, which item, from where. Checked by the caller (item in the catalogue, texts). */
export interface TicketSpec {
  householdId: string;
  personId: string | null;
  gridId: string;
  communityCode: string;
  item: string;
  source: NewTicket['source'];
  visitId: string | null;
  summary: string | null;
  /** Solved on the spot by the street staff on a visit: created RESOLVED. */
  solvedOnSpot: boolean;
  idempotencyKey: string | null;
  payloadHash: string | null;
}

/** A created ticket: its row and the event to publish once the transaction commits. */
export interface CreatedTicket {
  row: NewTicket & { version: number; reopen_count: number };
  event: TicketEvent;
}

/**
 * Inserts one ticket in `trx`, routed by the need-item catalogue (department, category, priority),
 * with its deadlines fixed from the clocks at `now`, linked to the latest ticket for the same
 * household and item within the repeat window (`repeat_of`), and its transitions: from nothing to
 * RECEIVED, and when solved on the spot RECEIVED → RESOLVED at the same instant by the same actor
 * (version 2) — every ticket's history starts with its receipt and walks the state machine, the
 * seeded year's (seeds/tables/ticketLives.ts) as much as the API's. Returns null when the creator already used the
 * idempotency key (nothing written). Throws if the item is not in the catalogue (callers check first).
 */
export async function insertNewTicket(trx: Knex.Transaction, creator: TicketCreator, spec: TicketSpec, now: Date, calendar: WorkingCalendar): Promise<CreatedTicket | null> {
  const item = needItem(spec.item);
  if (!item) throw new Error(`item ${spec.item} is not in the need-item catalogue`);
  const deadlines = ticketDeadlines(calendar, item.priority, now);
  const status = spec.solvedOnSpot ? 'RESOLVED' : 'RECEIVED';
  const row: NewTicket = {
    id: randomUUID(), household_id: spec.householdId, person_id: spec.personId, grid_id: spec.gridId, community_code: spec.communityCode,
    item: item.code, category: item.category, priority: item.priority, department: item.department, first_department: item.department,
    source: spec.source, visit_id: spec.visitId, status, received_at: now, start_due_at: deadlines.startDueAt,
    transfer_due_at: deadlines.transferDueAt, close_due_at: deadlines.closeDueAt, resolved_at: spec.solvedOnSpot ? now : null,
    solved_on_spot: spec.solvedOnSpot, repeat_of: await latestWithinRepeatWindow(trx, spec.householdId, item.code, now), summary: spec.summary,
    created_by_subject: creator.subject, created_by_role: creator.role, request_id: creator.requestId, idempotency_key: spec.idempotencyKey,
    payload_hash: spec.payloadHash,
  };
  const version = spec.solvedOnSpot ? 2 : 1;
  if (!(await insertTicket(trx, { ...row, version }))) return null;
  const by = { at: now, actor_subject: creator.subject, actor_role: creator.role, actor_department: creator.department, request_id: creator.requestId };
  await insertTransition(trx, { ticket_id: row.id, from_status: null, to_status: 'RECEIVED', ...by, from_department: null, to_department: item.department, reason: null });
  if (spec.solvedOnSpot) {
    await insertTransition(trx, { ticket_id: row.id, from_status: 'RECEIVED', to_status: 'RESOLVED', ...by, from_department: null, to_department: null, reason: 'solved on the spot' });
  }
  const event: TicketEvent = { ticketId: row.id, kind: 'CREATED', department: row.department, item: row.item, priority: row.priority, status, at: now, version };
  return { row: { ...row, version, reopen_count: 0 }, event };
}
