import { closeDatabases, Databases } from '../src/db/databases';
import { departmentModules } from '../src/departments/registry';
import { renderTicketDocs } from '../src/departments/street/ticketDocs';
import { TICKET_DOCS_FILE } from '../src/departments/street/ticketDocsCli';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { ticketDeadlines } from '../src/departments/street/tickets/ticketClocks';
import { canTransition, TicketStatus } from '../src/departments/street/tickets/ticketStates';
import { WorkingCalendar } from '../src/departments/street/tickets/workingCalendar';
import { buildPopulation } from '../seeds/population';
import { DEFAULT_SEED, DEMO_RESIDENTS } from '../seeds/seed';
import { seededTickets } from '../seeds/tables/streetTickets';
import fs from 'node:fs';
import { openOwnerTestDatabases } from './support/testDatabases';

describe('the ticket catalogue\'s documentation', () => {
  it('is docs/tickets.md as generated (run `npm run tickets:doc` after changing items, clocks, states or figures)', () => {
    expect(fs.readFileSync(TICKET_DOCS_FILE, 'utf8')).toBe(renderTicketDocs());
  });

  it('names only registered department modules as the department that must act', () => {
    const registered = new Set(departmentModules().filter((m) => m.kind === 'department').map((m) => m.name));
    expect(NEED_ITEMS.filter((i) => !registered.has(i.department)).map((i) => `${i.code} → ${i.department}`)).toEqual([]);
  });
});

/**
 * The seed's tickets: everything in it happens before 00:00 China time on 2026-11-01 (the seed's
 * reference date). Other suites share these databases and file tickets through the API at the
 * real time; those are the tickets suites' business, not the seed's.
 */
const SEEDED = "t.received_at < '2026-11-01T00:00:00+08:00'";

describe('the seeded year of tickets', () => {
  let owner: Databases;
  beforeAll(() => {
    owner = openOwnerTestDatabases();
  });
  afterAll(async () => {
    await closeDatabases(owner);
  });

  it('holds exactly the generator\'s tickets and transitions', async () => {
    const truth = seededTickets(buildPopulation({ residents: DEMO_RESIDENTS, seed: DEFAULT_SEED }));
    const rows: Array<{ id: string; status: string; version: number; n: string }> = (await owner.street.raw(
      'SELECT t.id::text AS id, t.status, t.version, (SELECT count(*) FROM ticket_transitions x WHERE x.ticket_id = t.id) AS n FROM tickets t WHERE ' + SEEDED + ' ORDER BY t.id')).rows;
    const expected = truth.map((t) => ({ id: t.id, status: t.status, version: t.transitions.length, n: String(t.transitions.length) })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows).toEqual(expected);
  });

  it('walks only the state machine\'s transitions, each ticket\'s version counting them, its columns agreeing with them', async () => {
    const chains: Array<{ id: string; steps: Array<{ from: TicketStatus | null; to: TicketStatus }>; status: string; resolved_at: Date | null; first_resolved: Date | null; reopen_count: number; reopens: string }> = (await owner.street.raw(`
      SELECT t.id, t.status, t.resolved_at, t.reopen_count,
        json_agg(json_build_object('from', x.from_status, 'to', x.to_status) ORDER BY x.seq) AS steps,
        min(x.at) FILTER (WHERE x.to_status = 'RESOLVED') AS first_resolved,
        count(*) FILTER (WHERE x.to_status = 'REOPENED') AS reopens
      FROM tickets t JOIN ticket_transitions x ON x.ticket_id = t.id WHERE ${SEEDED} GROUP BY t.id`)).rows;
    expect(chains.length).toBeGreaterThan(1000);
    for (const c of chains) {
      expect(c.steps[0]).toEqual({ from: null, to: 'RECEIVED' });
      for (const s of c.steps.slice(1)) expect(`${s.from} → ${s.to}: ${canTransition(s.from!, s.to)}`).toBe(`${s.from} → ${s.to}: true`);
      expect(c.steps[c.steps.length - 1].to).toBe(c.status);
      expect(c.resolved_at?.getTime() ?? null).toBe(c.first_resolved?.getTime() ?? null);
      expect(Number(c.reopens)).toBe(c.reopen_count);
    }
  });

  it('sets each deadline from the item\'s priority and the packaged calendar, and routes each item to its department', async () => {
    const calendar = new WorkingCalendar();
    const items = new Map(NEED_ITEMS.map((i) => [i.code, i]));
    const rows: Array<{ item: string; priority: string; category: string; first_department: string; received_at: Date; start_due_at: Date; transfer_due_at: Date; close_due_at: Date }> =
      await owner.street('tickets as t').whereRaw(SEEDED).select('item', 'priority', 'category', 'first_department', 'received_at', 'start_due_at', 'transfer_due_at', 'close_due_at').orderBy('id').limit(300);
    for (const r of rows) {
      const item = items.get(r.item)!;
      expect([r.priority, r.category, r.first_department]).toEqual([item.priority, item.category, item.department]);
      const due = ticketDeadlines(calendar, item.priority, r.received_at);
      expect([r.start_due_at, r.transfer_due_at, r.close_due_at]).toEqual([due.startDueAt, due.transferDueAt, due.closeDueAt]);
    }
  });

  it('links a repeat to the same household\'s last ticket for the item within 30 days, and only then', async () => {
    const wrong = (await owner.street.raw(`
      SELECT t.id FROM tickets t
      LEFT JOIN LATERAL (
        SELECT e.id FROM tickets e WHERE e.household_id = t.household_id AND e.item = t.item AND e.received_at < t.received_at
          AND e.received_at >= t.received_at - interval '30 days' ORDER BY e.received_at DESC LIMIT 1) last ON true
      WHERE ${SEEDED} AND t.repeat_of IS DISTINCT FROM last.id`)).rows;
    expect(wrong).toEqual([]);
    const repeats = Number((await owner.street('tickets as t').whereRaw(SEEDED).whereNotNull('repeat_of').count('* as n'))[0].n);
    expect(repeats).toBeGreaterThan(100);
  });

  it('makes every need heard on a visit a ticket of that visit\'s household, received when the visit was recorded', async () => {
    const needs = (await owner.street.raw(`
      SELECT v.id, v.needs[1] AS need, v.household_id, v.recorded_at, t.item, t.household_id AS ticket_household, t.received_at
      FROM visits v LEFT JOIN tickets t ON t.visit_id = v.id
      WHERE cardinality(v.needs) > 0 AND v.recorded_at < '2026-11-01T00:00:00+08:00'`)).rows;
    expect(needs.length).toBeGreaterThan(300);
    for (const n of needs) expect([n.item, n.ticket_household, n.received_at?.getTime()]).toEqual([n.need, n.household_id, n.recorded_at.getTime()]);
  });
});
