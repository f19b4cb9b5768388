import { randomUUID } from 'node:crypto';
import { isWorkday } from 'chinese-days';
import { closeDatabases, Databases } from '../src/db/databases';
import { ticketDeadlines } from '../src/departments/street/tickets/ticketClocks';
import { loadWorkingCalendar } from '../src/departments/street/tickets/ticketCalendar';
import { packagedYears, WorkingCalendar } from '../src/departments/street/tickets/workingCalendar';
import type { Caller } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';
import { householdWithMembers } from './support/ticketHouseholds';

const iso = (d: Date) => d.toISOString();
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'clocks-civil' };

/**
 * The ticket clocks in working days (issue 17). The expected deadlines are worked out by hand from
 * the State Council's 2025 arrangement (National Day and Mid-Autumn: 1–8 October off, Sunday
 * 28 September and Saturday 11 October worked), or by walking the `chinese-days` package's days —
 * never with the code under test.
 */
describe('ticket clocks', () => {
  // Tuesday 30 September 2025, 10:00 China time: the last working day before the holiday.
  const received = new Date('2025-09-30T02:00:00Z');

  it.each([
    ['IMMEDIATE', '2025-09-30T04:00:00.000Z', '2025-10-09T16:00:00.000Z', '2025-10-11T16:00:00.000Z'],
    ['WITHIN_24_HOURS', '2025-10-01T02:00:00.000Z', '2025-10-11T16:00:00.000Z', '2025-10-28T16:00:00.000Z'],
    ['WITHIN_3_WORKING_DAYS', '2025-10-11T16:00:00.000Z', '2025-10-11T16:00:00.000Z', '2025-10-28T16:00:00.000Z'],
  ] as const)('runs a %s ticket\'s start, transfer and close clocks over the National Day holiday, counting the adjusted Saturday', (priority, start, transfer, close) => {
    const due = ticketDeadlines(new WorkingCalendar(), priority, received);
    expect([iso(due.startDueAt), iso(due.transferDueAt), iso(due.closeDueAt)]).toEqual([start, transfer, close]);
  });

  it('counts from the day of receipt in China time, not UTC', () => {
    const calendar = new WorkingCalendar();
    // Friday 10 October 23:30 China time: the next working day is the adjusted Saturday.
    expect(iso(calendar.addWorkingDays(new Date('2025-10-10T15:30:00Z'), 1))).toBe('2025-10-11T16:00:00.000Z');
    // One hour later it is Saturday 11 October in China (still Friday in UTC): the next one is Monday.
    expect(iso(calendar.addWorkingDays(new Date('2025-10-10T16:30:00Z'), 1))).toBe('2025-10-13T16:00:00.000Z');
  });

  it('lets the operator\'s calendar_days decide a day, and a year the package does not state only once a day of it is entered', () => {
    const plain = new WorkingCalendar();
    const year = Math.max(...packagedYears()) + 1;
    expect([plain.knowsYear(year - 1), plain.knowsYear(year)]).toEqual([true, false]);
    // Monday–Friday in an unknown year; an entered day decides, the year becomes known.
    const day = `${year}-01-01`;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    expect(plain.isWorkingDay(day)).toBe(weekday !== 0 && weekday !== 6);
    const entered = new WorkingCalendar(new Map([[day, false], ['2025-10-12', true]]));
    expect([entered.isWorkingDay(day), entered.knowsYear(year), entered.isWorkingDay('2025-10-12')]).toEqual([false, true, true]);
    // Sunday 12 October made a working day: the close clock of a ticket received on 30 September ends a working day sooner.
    expect(iso(ticketDeadlines(entered, 'WITHIN_3_WORKING_DAYS', received).closeDueAt)).toBe('2025-10-27T16:00:00.000Z');
  });

  describe('on tickets filed through the API', () => {
    let t: TestHub;
    let owner: Databases;
    let household: { id: string };
    beforeAll(async () => {
      t = await startTestHub();
      owner = openOwnerTestDatabases();
      household = await householdWithMembers(t.dbs, true, 7);
    });
    afterAll(async () => {
      await closeDatabases(owner);
      await t.close();
    });

    /** The end (24:00 China time, i.e. `<day>T16:00Z`) of the n-th day after `from`'s China day that `working` says is worked. */
    const walk = (from: Date, n: number, working: (day: string) => boolean): string => {
      let day = new Date(from.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      for (let counted = 0; counted < n; ) {
        day = new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
        if (working(day)) counted += 1;
      }
      return new Date(Date.parse(`${day}T00:00:00Z`) + 16 * 3600_000).toISOString();
    };
    const fileTicket = async () => {
      const res = await t.as(CIVIL)('mutation C($input: CreateTicketInput!) { createTicket(input: $input) { id receivedAt startDueAt closeDueAt } }', {
        input: { householdId: household.id, item: 'CARE_SERVICE', idempotencyKey: randomUUID() },
      });
      expect(res.errors).toBeUndefined();
      return res.data!.createTicket as { id: string; receivedAt: string; startDueAt: string; closeDueAt: string };
    };

    it('fixes a ticket\'s deadlines at receipt from the packaged calendar and the operator\'s table, read at each filing', async () => {
      expect(await owner.street('calendar_days')).toEqual([]);
      const plain = await fileTicket();
      const at = new Date(plain.receivedAt);
      expect(plain.startDueAt).toBe(new Date(at.getTime() + 24 * 3600_000).toISOString());
      expect(plain.closeDueAt).toBe(walk(at, 15, isWorkday));
      // The operator enters the next working day as a holiday (a notice the package does not carry yet).
      const day = walk(at, 1, isWorkday).slice(0, 10);
      await owner.street('calendar_days').insert({ day, working: false, note: 'test: 临时休息' });
      try {
        expect((await loadWorkingCalendar(t.dbs.street)).isWorkingDay(day)).toBe(false);
        const after = await fileTicket();
        expect(after.closeDueAt).toBe(walk(new Date(after.receivedAt), 15, (d) => d !== day && isWorkday(d)));
        expect(after.closeDueAt).not.toBe(plain.closeDueAt);
        // Deadlines already fixed do not move.
        expect(iso((await owner.street('tickets').where({ id: plain.id }).first()).close_due_at)).toBe(plain.closeDueAt);
      } finally {
        await owner.street('calendar_days').where({ day }).delete();
      }
    });
  });
});
