import { randomUUID } from 'node:crypto';
import type { Caller } from './support/auth';
import { headersFor } from './support/auth';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { householdWithMembers, TestHousehold } from './support/ticketHouseholds';
import { openOwnerTestDatabases } from './support/testDatabases';
import { closeDatabases, Databases } from '../src/db/databases';

/**
 * An officer as the insider under TICKET_HANDLING: a read beyond the tickets section is bound to one
 * open ticket of their department and "reaches only that ticket's household (anyone else looks
 * missing)" (README, Tickets). The officer holds a ticket about one household and asks, with it,
 * for the department's cross-department findings: the findings about residents of other households
 * must not come back under that ticket (nor be counted), or any ticket opens the whole city's list
 * — recorded in the access log as reads for that one ticket.
 */
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'insider-binding-civil' };
const CREATE = 'mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { id } }';
const FINDINGS = `query Findings { discrepancies(rule: "LIVES_ALONE_CONFLICT", first: 100) { totalCount edges { node { id personId } } } }`;

describe('a ticket bound read does not open the department\'s findings about other households', () => {
  let t: TestHub;
  let home: TestHousehold;
  let elsewhere: TestHousehold;
  let ticketId: string;
  let runId: number;
  let owner: Databases;

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    home = await householdWithMembers(t.dbs, true, 15);
    elsewhere = await householdWithMembers(t.dbs, false, 15);
    // Two open findings of a civil rule: one about a member of the ticket's household, one about a stranger.
    [{ id: runId }] = await owner.hub('check_runs').insert({ as_of: '2026-11-01', trigger: 'OPERATOR', status: 'DONE', finished_at: new Date(), residents: 2 }).returning('id');
    const finding = (personId: string) => ({ rule: 'LIVES_ALONE_CONFLICT', owner: 'civil', subject_key: personId, subject_id: personId, first_seen_at: new Date(), last_seen_at: new Date(), first_run: runId, last_run: runId });
    await owner.hub('check_findings').insert([finding(home.members[0]), finding(elsewhere.members[0])]);
    const made = await t.as(CIVIL)(CREATE, { input: { householdId: home.id, personId: home.members[0], item: 'RECORD_CHECK_CIVIL', idempotencyKey: randomUUID() } });
    expect(made.errors).toBeUndefined();
    ticketId = made.data!.createTicket.id;
  });
  afterAll(async () => {
    await owner.hub('check_findings').where({ first_run: runId }).delete();
    await owner.hub('check_runs').where({ id: runId }).delete();
    await closeDatabases(owner);
    await t.close();
  });

  const bound = async (query: string) => postGraphQL(t.hub.url, query, undefined, { ...(await headersFor(CIVIL)), 'x-ticket-id': ticketId });

  it('refuses, or lists only the ticket household\'s findings: never a stranger\'s, not even in the count', async () => {
    const res = await bound(FINDINGS);
    const text = JSON.stringify(res);
    expect(text).not.toContain(elsewhere.members[0]);
    if (!res.errors) {
      const persons = res.data!.discrepancies.edges.map((e: { node: { personId: string } }) => e.node.personId);
      expect(persons.every((p: string) => home.members.includes(p))).toBe(true);
      expect(res.data!.discrepancies.totalCount).toBe(persons.length);
    }
    // Nothing about the stranger in the access log under this ticket.
    const records = await t.dbs.hub('access_log').where({ case_number: ticketId }).select('residents');
    expect(records.flatMap((r: { residents: string[] }) => r.residents)).not.toContain(elsewhere.members[0]);
  });
});
