import { randomUUID } from 'node:crypto';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { householdWithMembers, TestHousehold } from './support/ticketHouseholds';

/**
 * A ticket read is a disclosure about the household it is filed for — and about the member it names,
 * if one. Its access record names them, so the resident sees "civil affairs read my ticket" in their
 * own history; a ticket about one member is in that member's history only, not the other members'.
 */
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'ticket-reads-civil' };
const CREATE = 'mutation C($input: CreateTicketInput!) { createTicket(input: $input) { id } }';
const READ = 'query R($id: ID!) { ticket(id: $id) { id item summary transitions { to reason } } }';
const LOG = '{ myAccessLog(first: 30) { edges { node { role action purpose fields { field } } } } }';

interface LogNode { role: string; action: string; purpose: string; fields: Array<{ field: string }> }

describe('ticket reads in the access log', () => {
  let t: TestHub;
  let home: TestHousehold;

  beforeAll(async () => {
    t = await startTestHub();
    home = await householdWithMembers(t.dbs, true, 23);
  });
  afterAll(() => t.close());

  const lastRecord = async (requestDone: () => Promise<unknown>) => {
    const before = Number((await t.dbs.hub('access_log').max('seq as m').first())?.m ?? 0);
    await requestDone();
    const rows = await t.dbs.hub('access_log').where('seq', '>', before).where({ role: 'CIVIL_AFFAIRS_OFFICER' }).orderBy('seq');
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const ticketReads = async (as: string): Promise<LogNode[]> => {
    const res = await t.as({ role: 'RESIDENT', subject: as, purpose: 'SELF_SERVICE' })(LOG);
    expect(res.errors).toBeUndefined();
    return res.data!.myAccessLog.edges.map((e: { node: LogNode }) => e.node)
      .filter((n: LogNode) => n.role === 'CIVIL_AFFAIRS_OFFICER' && n.action !== 'WROTE' && n.fields.some((f) => f.field.startsWith('Ticket.')));
  };

  it('names the household and the member a ticket is about; that member sees the read, the others do not', async () => {
    const made = await t.as(CIVIL)(CREATE, { input: { householdId: home.id, personId: home.members[0], item: 'MEAL_ASSISTANCE', idempotencyKey: randomUUID() } });
    expect(made.errors).toBeUndefined();
    const id = made.data!.createTicket.id;
    const record = await lastRecord(() => t.as(CIVIL)(READ, { id }));
    expect(record.outcome).toBe('DISCLOSED');
    expect(record.households).toEqual([home.id]);
    expect(record.residents).toEqual([home.members[0]]);
    expect((await ticketReads(home.members[0])).length).toBeGreaterThan(0);
    expect(await ticketReads(home.members[1])).toEqual([]);
  });

  it('names the household alone for a ticket about the household as a whole, which every member sees', async () => {
    const other = await householdWithMembers(t.dbs, true, 24);
    const made = await t.as(CIVIL)(CREATE, { input: { householdId: other.id, item: 'MEAL_ASSISTANCE', idempotencyKey: randomUUID() } });
    expect(made.errors).toBeUndefined();
    const record = await lastRecord(() => t.as(CIVIL)(READ, { id: made.data!.createTicket.id }));
    expect(record.households).toEqual([other.id]);
    expect(record.residents).toEqual([]);
    for (const member of other.members) expect((await ticketReads(member)).length).toBeGreaterThan(0);
  });
});
