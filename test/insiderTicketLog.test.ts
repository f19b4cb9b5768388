import { randomUUID } from 'node:crypto';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { householdWithMembers } from './support/ticketHouseholds';

/**
 * A resident's access history (myAccessLog) lists records about them and about their registered
 * household as a whole — not a household record that names another member only: otherwise a member
 * learns that another member reported a need (a WROTE record by role RESIDENT with Ticket.* fields,
 * at the minute she filed it), though the ticket itself is hers alone (test/insiderTickets.test.ts).
 */
describe('a resident\'s access history does not tell of another member\'s report', () => {
  let t: TestHub;
  beforeAll(async () => { t = await startTestHub(); });
  afterAll(() => t.close());

  it('shows the wife her report and the husband nothing of it', async () => {
    const home = await householdWithMembers(t.dbs, true, 17);
    const wife: Caller = { role: 'RESIDENT', subject: home.members[0], purpose: 'SELF_SERVICE' };
    const husband: Caller = { role: 'RESIDENT', subject: home.members[1], purpose: 'SELF_SERVICE' };
    const LOG = '{ myAccessLog(first: 20) { edges { node { role action fields { field } } } } }';
    const filed = await t.as(wife)('mutation S($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }', { input: { item: 'DOMESTIC_VIOLENCE', summary: '求助', idempotencyKey: randomUUID() } });
    expect(filed.errors).toBeUndefined();
    const ticketWrites = async (as: Caller) => (await t.as(as)(LOG)).data!.myAccessLog.edges
      .filter((e: { node: { action: string; fields: Array<{ field: string }> } }) => e.node.action === 'WROTE' && e.node.fields.some((f) => f.field.startsWith('Ticket.')));
    expect(await ticketWrites(wife)).toHaveLength(1);
    expect(await ticketWrites(husband)).toEqual([]);
  });
});
