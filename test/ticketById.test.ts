import { randomUUID } from 'node:crypto';
import { closeDatabases, Databases } from '../src/db/databases';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import type { Caller } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

/**
 * `ticket(id)`: one ticket in the caller's reach, policed and recorded like the lists' tickets; a
 * ticket outside it answers exactly like one that does not exist.
 */
const GRID = '110101001001-G01';
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'ticket-by-id-civil' };
const HEALTH: Caller = { role: 'HEALTH_WORKER', purpose: 'TICKET_HANDLING', subject: 'ticket-by-id-health' };
const CIVIL_LOOKUP: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW', subject: 'ticket-by-id-civil-2' };
const READ = 'query One($id: ID!) { ticket(id: $id) { id item department status version householdId summary transitions { to actorRole } } }';
const CREATE = 'mutation Create($input: CreateTicketInput!) { createTicket(input: $input) { id department householdId } }';

type Answer = { data?: { ticket: unknown } | null; errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, unknown> }> };
/** What a caller can observe of a refusal: data, message, path and code (not the request's own id). */
const observed = (res: Answer) => ({ data: res.data, errors: res.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })) });

describe('ticket(id)', () => {
  let t: TestHub;
  let owner: Databases;
  let home: { id: string; member: string };
  let neighbourMember: string;
  let civilTicket: { id: string; department: string; householdId: string };

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const codes = await t.dbs.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const households = await t.dbs.police('households').whereIn('building_code', codes).orderBy('household_no').limit(2).pluck('household_no');
    const member = async (no: string) => {
      const idNumber = await t.dbs.police('persons').where({ household_no: no }).orderBy('id_number').first().then((p: { id_number: string }) => p.id_number);
      return (await t.dbs.hub('person_index').where({ id_number: idNumber }).first()).id as string;
    };
    home = { id: (await t.dbs.hub('household_index').where({ household_no: households[0] }).first()).id, member: await member(households[0]) };
    neighbourMember = await member(households[1]);
    const item = NEED_ITEMS.find((i) => i.department === 'civil')!.code;
    const res = await t.as(CIVIL)(CREATE, { input: { householdId: home.id, personId: home.member, item, summary: '需要上门', idempotencyKey: randomUUID() } });
    expect(res.errors).toBeUndefined();
    civilTicket = res.data!.createTicket;
    expect(civilTicket.department).toBe('civil');
  });

  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  it("reads a ticket of the caller's department, and records the read in the access log like the queue's", async () => {
    const res = await t.as(CIVIL)(READ, { id: civilTicket.id });
    expect(res.errors).toBeUndefined();
    const row = await owner.street('tickets').where({ id: civilTicket.id }).first();
    expect(res.data!.ticket).toMatchObject({ id: row.id, item: row.item, department: 'civil', status: row.status, version: row.version, householdId: row.household_id, summary: '需要上门' });
    const lastRecord = () => owner.hub('access_log').where({ subject: CIVIL.subject }).orderBy('seq', 'desc').first();
    const recorded = (r: Record<string, unknown>) => ({ purpose: r.purpose, outcome: r.outcome, residents: r.residents, households: r.households, disclosures: r.disclosures, decisions: r.decisions });
    const one = recorded(await lastRecord());
    // The same ticket's fields read through the queue (the newest first: it was filed a moment ago).
    const queue = await t.as(CIVIL)(READ.replace('query One($id: ID!) { ticket(id: $id) {', 'query Queue { ticketQueue(first: 1) { edges { node {').replace(/ } }$/, ' } } } }'));
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.ticketQueue.edges[0].node.id).toBe(civilTicket.id);
    expect(one).toEqual(recorded(await lastRecord()));
    expect(one.purpose).toBe('TICKET_HANDLING');
    expect(JSON.stringify(one.disclosures)).toContain('Ticket.status');
  });

  it("answers another department's ticket exactly like a ticket that does not exist (TICKET_NOT_FOUND), and a malformed id the same", async () => {
    const other = observed(await t.as(HEALTH)(READ, { id: civilTicket.id }));
    const missing = observed(await t.as(HEALTH)(READ, { id: randomUUID() }));
    const malformed = observed(await t.as(HEALTH)(READ, { id: 'not-a-ticket' }));
    expect(other.errors?.[0].code).toBe('TICKET_NOT_FOUND');
    expect(other).toEqual(missing);
    expect(other).toEqual(malformed);
    // Each is recorded the same way: REFUSED, TICKET_NOT_FOUND, no resident named.
    const records = await owner.hub('access_log').where({ subject: HEALTH.subject }).orderBy('seq', 'desc').limit(3);
    expect(records.map((r) => ({ outcome: r.outcome, refusal: r.refusal, residents: r.residents }))).toEqual(Array(3).fill({ outcome: 'REFUSED', refusal: 'TICKET_NOT_FOUND', residents: [] }));
    // A department role under a purpose that reads no ticket list is refused before the id is looked at.
    expect(observed(await t.as(CIVIL_LOOKUP)(READ, { id: civilTicket.id })).errors?.[0].code).toBe('PURPOSE_NOT_APPLICABLE');
  });

  it("gives a resident their own household's ticket only: a neighbour's answer is a missing ticket's", async () => {
    const own = await t.as({ role: 'RESIDENT', subject: home.member, purpose: 'SELF_SERVICE' })(READ, { id: civilTicket.id });
    expect(own.errors).toBeUndefined();
    expect(own.data!.ticket).toMatchObject({ id: civilTicket.id, householdId: home.id });
    const neighbour: Caller = { role: 'RESIDENT', subject: neighbourMember, purpose: 'SELF_SERVICE' };
    const theirs = observed(await t.as(neighbour)(READ, { id: civilTicket.id }));
    expect(theirs.errors?.[0].code).toBe('TICKET_NOT_FOUND');
    expect(theirs).toEqual(observed(await t.as(neighbour)(READ, { id: randomUUID() })));
  });
});
