import { BadInputError } from '../../../errors';
import type { Context } from '../../../schema/context';
import { residentTicketScope, withoutForeignRepeats } from './residentTicketScope';
import { ticketDepartmentOf } from './ticketActors';
import { TicketRefusedError } from './ticketErrors';
import { TicketCursor, ticketCounts, TicketFilter, ticketPage } from './ticketQueueRows';
import type { TicketRow } from './ticketRows';
import type { TicketStatus } from './ticketStates';

/** Most tickets per page. */
export const MAX_TICKETS_PAGE = 100;

/** An opaque cursor: the last ticket's receipt time and id, marked as a ticket list's (a visit cursor is refused). */
export function encodeTicketCursor(row: TicketRow): string {
  return Buffer.from(`ticket|${new Date(row.received_at).toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

function decodeTicketCursor(cursor: string): TicketCursor {
  const m = /^ticket\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || Number.isNaN(Date.parse(m[1]))) throw new BadInputError('INVALID_CURSOR', 'The cursor is not one this list returned.', { argument: 'after' });
  return { receivedAt: m[1], id: m[2] };
}

function checkPage(first: number): number {
  if (first > MAX_TICKETS_PAGE) throw new BadInputError('PAGE_SIZE_TOO_LARGE', `At most ${MAX_TICKETS_PAGE} tickets per page.`, { argument: 'first', max: MAX_TICKETS_PAGE });
  if (!Number.isInteger(first) || first < 1) throw new BadInputError('INVALID_PAGE_SIZE', 'first must be at least 1.', { argument: 'first' });
  return first;
}

/** A page of tickets with the filter's counts. */
export interface TicketPage {
  rows: TicketRow[];
  hasNextPage: boolean;
  total: number;
  overdue: number;
  repeats: number;
}

async function page(ctx: Context, filter: TicketFilter, first: number, after: string | null): Promise<TicketPage> {
  const size = checkPage(first);
  const cursor = after ? decodeTicketCursor(after) : null;
  const db = ctx.loaders.street.db;
  const [rows, counts] = await Promise.all([ticketPage(db, filter, size + 1, cursor), ticketCounts(db, filter)]);
  return { rows: rows.slice(0, size), hasNextPage: rows.length > size, total: counts.total, overdue: counts.overdue, repeats: counts.repeats };
}

/**
 * A department's queue (TICKET_HANDLING): only tickets routed to the caller's department — for
 * street staff, the street office's tickets in their grids — newest first, optionally by status
 * and overdue; the counts cover the whole filter, not the page.
 */
export async function departmentQueue(ctx: Context, status: TicketStatus | null, overdue: boolean | null, first: number, after: string | null, now = new Date()): Promise<TicketPage> {
  const { principal, purpose } = ctx.access;
  const department = ticketDepartmentOf(principal);
  if (!department || purpose !== 'TICKET_HANDLING') throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', 'A department queue is read under TICKET_HANDLING by a department\'s roles or street staff.');
  const gridIds = principal.role === 'STREET_STAFF' ? principal.grids : null;
  return page(ctx, { department, gridIds, householdId: null, personId: null, status, overdue, now }, first, after);
}

/**
 * The calling resident's tickets (SELF_SERVICE): those about their household as a whole and those
 * about them — not another member's (./residentTicketScope.ts), nor a repeat link to one.
 */
export async function residentTickets(ctx: Context, first: number, after: string | null, now = new Date()): Promise<TicketPage> {
  if (ctx.access.principal.role !== 'RESIDENT') throw new TicketRefusedError('PURPOSE_NOT_APPLICABLE', 'myTickets is the resident\'s own list.');
  const scope = await residentTicketScope(ctx);
  if (!scope) return { rows: [], hasNextPage: false, total: 0, overdue: 0, repeats: 0 };
  const found = await page(ctx, { department: null, gridIds: null, householdId: scope.householdId, personId: scope.personId, status: null, overdue: null, now }, first, after);
  return { ...found, rows: await withoutForeignRepeats(ctx, ctx.loaders.street.db, found.rows) };
}
