import type { Knex } from 'knex';
import { runSql } from '../../../sources/runSql';
import { OPEN_STATUSES, TicketStatus } from './ticketStates';
import { residentPersonSql } from './residentTicketScope';
import type { TicketRow } from './ticketRows';

/** Which tickets a queue or a resident's list shows. */
export interface TicketFilter {
  /** The department whose queue it is (null: any department, for a resident's own list). */
  department: string | null;
  /** Street staff: only tickets of these grids (null: no grid limit). */
  gridIds: readonly string[] | null;
  /** A resident's list: only tickets about this household (null: no household limit). */
  householdId: string | null;
  /** A resident's list: only tickets about the household as a whole or about this person (null: any person). */
  personId: string | null;
  status: TicketStatus | null;
  /** true: overdue only; false: not overdue only; null: both. */
  overdue: boolean | null;
  /** The instant "overdue" is judged at. */
  now: Date;
}

/** A position in a list of tickets, newest first: (received_at, id) of the last ticket seen. */
export interface TicketCursor {
  receivedAt: string;
  id: string;
}

/**
 * SQL for "overdue" (one definition, also in Ticket.overdue): still open (the department has to act)
 * and past its close deadline, or never started and past its start deadline. `$n` is the instant.
 */
export function overdueSql(n: number): string {
  return `(status = ANY('{${OPEN_STATUSES.join(',')}}') AND (close_due_at < $${n} OR (accepted_at IS NULL AND start_due_at < $${n})))`;
}

function where(f: TicketFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [f.now];
  const parts: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    values.push(value);
    parts.push(sql(values.length));
  };
  if (f.department !== null) add((n) => `department = $${n}`, f.department);
  if (f.gridIds !== null) add((n) => `grid_id = ANY($${n}::text[])`, f.gridIds);
  if (f.householdId !== null) add((n) => `household_id = $${n}::uuid`, f.householdId);
  if (f.personId !== null) add((n) => residentPersonSql(n), f.personId);
  if (f.status !== null) add((n) => `status = $${n}`, f.status);
  if (f.overdue !== null) parts.push(f.overdue ? overdueSql(1) : `NOT ${overdueSql(1)}`);
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', values };
}

/** Up to `limit` tickets of the filter after `cursor`, newest first. */
export async function ticketPage(db: Knex, f: TicketFilter, limit: number, cursor: TicketCursor | null): Promise<TicketRow[]> {
  const w = where(f);
  const values = [...w.values, limit];
  let after = '';
  if (cursor) {
    values.push(cursor.receivedAt, cursor.id);
    after = `AND (received_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
  }
  // $1 (the instant) is always bound; the select names it so its type is known when no overdue filter uses it.
  return runSql<TicketRow>(db, `SELECT *, $1::timestamptz AS judged_at FROM tickets WHERE ${w.sql} ${after} ORDER BY received_at DESC, id DESC LIMIT $${w.values.length + 1}`, values);
}

/**
 * How many tickets the filter holds, how many of them are overdue, and how many are repeats. For a
 * resident's list (`personId`), a repeat counts only when the earlier ticket is one of theirs too.
 */
export async function ticketCounts(db: Knex, f: TicketFilter): Promise<{ total: number; overdue: number; repeats: number }> {
  const w = where(f);
  const values = [...w.values];
  let repeat = 'repeat_of IS NOT NULL';
  if (f.personId !== null) {
    values.push(f.personId);
    repeat = `EXISTS (SELECT 1 FROM tickets earlier WHERE earlier.id = tickets.repeat_of AND ${residentPersonSql(values.length, 'earlier')})`;
  }
  const [row] = await runSql<{ total: string; overdue: string; repeats: string }>(db,
    `SELECT count(*) AS total, count(*) FILTER (WHERE ${overdueSql(1)}) AS overdue, count(*) FILTER (WHERE ${repeat}) AS repeats
       FROM tickets WHERE ${w.sql}`, values);
  return { total: Number(row.total), overdue: Number(row.overdue), repeats: Number(row.repeats) };
}
