import { readAhead } from '../src/departments/personSections';
import { EMERGENCY_OFFICER } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { captureQueries } from './support/queryCounter';

/**
 * Reading ahead (src/departments/personSections.ts): a household's members' department sections are
 * read with the members' hub ids, as soon as the police rows they need are in, but only for fields
 * the request selects and the caller may see at all. A field the policy denies is never read, ahead or otherwise; what nobody selected is never read; and the
 * answer is the same with the sections read ahead or not.
 */
describe('reading a household file ahead', () => {
  let t: TestHub;
  let householdId: string;
  beforeAll(async () => {
    t = await startTestHub();
    const { rows } = await t.dbs.police.raw(
      `SELECT household_no FROM persons WHERE household_no IS NOT NULL GROUP BY household_no HAVING count(*) >= 3 ORDER BY household_no LIMIT 1`,
    );
    householdId = (await t.dbs.hub('household_index').where({ household_no: rows[0].household_no }).first()).id;
  });
  afterAll(() => t.close());

  /** The SQL texts sent to each database while `run` runs. */
  async function statements(run: () => Promise<unknown>): Promise<Record<string, string[]>> {
    const capture = captureQueries(t.dbs);
    try {
      await run();
    } finally {
      capture.stop();
    }
    return capture.sql;
  }

  const MEMBERS_CIVIL = /* GraphQL */ `query ($id: ID!) { household(id: $id) { members { name civilAffairs { maritalStatus childInDifficulty { category } } } } }`;

  it('never reads a section field the caller is denied, although the request selects it', async () => {
    // POLICE_OFFICER / EMERGENCY: civil affairs up to L3; childInDifficulty (L4) is DENY.
    const sql = await statements(() => t.as(EMERGENCY_OFFICER)(MEMBERS_CIVIL, { id: householdId }));
    const civil = sql.civil.join('\n');
    expect(civil).toContain('marital_status');
    expect(civil).not.toContain('children_in_difficulty');
  });

  it('reads no department section nobody selected', async () => {
    const sql = await statements(() => t.as(EMERGENCY_OFFICER)(`query ($id: ID!) { household(id: $id) { members { name } } }`, { id: householdId }));
    expect(sql.civil).toEqual([]);
    expect(sql.health).toEqual([]);
    expect(sql.police).toHaveLength(2);
  });

  it('answers the same, errors included, with the sections read ahead or not', async () => {
    const ahead = await t.as(EMERGENCY_OFFICER)(MEMBERS_CIVIL, { id: householdId });
    readAhead.on = false;
    try {
      const after = await t.as(EMERGENCY_OFFICER)(MEMBERS_CIVIL, { id: householdId });
      expect(after).toEqual(ahead);
    } finally {
      readAhead.on = true;
    }
    expect(ahead.errors?.map((e) => e.extensions?.code)).toContain('FIELD_DENIED');
  });
});
