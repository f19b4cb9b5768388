import type { Priority } from './needItems';
import type { WorkingCalendar } from './workingCalendar';

/**
 * The clocks of a ticket (issue 17), per priority, declared once: how long the responsible
 * department has to start (accept), to transfer a ticket it cannot handle, and to close (resolve) it.
 * Plans of the street offices: start within 2 hours, transfer complex ones within 3 working days,
 * close within 15 working days; the priority sets how soon the start must be — an emergency is
 * started within 2 hours round the clock, the others within 24 hours or 3 working days.
 * Deadlines are fixed when the ticket is received (a later change of the table does not move them).
 */
export type Clock = { readonly hours: number } | { readonly workingDays: number };

export interface PriorityClocks {
  readonly start: Clock;
  readonly transfer: Clock;
  readonly close: Clock;
}

export const TICKET_CLOCKS: Readonly<Record<Priority, PriorityClocks>> = {
  IMMEDIATE: { start: { hours: 2 }, transfer: { workingDays: 1 }, close: { workingDays: 3 } },
  WITHIN_24_HOURS: { start: { hours: 24 }, transfer: { workingDays: 3 }, close: { workingDays: 15 } },
  WITHIN_3_WORKING_DAYS: { start: { workingDays: 3 }, transfer: { workingDays: 3 }, close: { workingDays: 15 } },
};

export interface TicketDeadlines {
  startDueAt: Date;
  transferDueAt: Date;
  closeDueAt: Date;
}

/** When a clock started at `from` runs out. */
export function clockEnds(calendar: WorkingCalendar, from: Date, clock: Clock): Date {
  return 'hours' in clock ? new Date(from.getTime() + clock.hours * 3600_000) : calendar.addWorkingDays(from, clock.workingDays);
}

/** The deadlines of a ticket of this priority received at `receivedAt`. */
export function ticketDeadlines(calendar: WorkingCalendar, priority: Priority, receivedAt: Date): TicketDeadlines {
  const c = TICKET_CLOCKS[priority];
  return { startDueAt: clockEnds(calendar, receivedAt, c.start), transferDueAt: clockEnds(calendar, receivedAt, c.transfer), closeDueAt: clockEnds(calendar, receivedAt, c.close) };
}
