import { closeDatabases, Databases, openDatabases } from '../src/db/databases';
import { openCheckDatabases } from '../src/checks/checkDatabases';
import { CHECK_RULES } from '../src/checks/rules';
import { runChecks } from '../src/checks/run';
import { SEED_REFERENCE_DATE } from '../seeds/seed';
import type { Caller } from './support/auth';
import { createThrowAwayDatabases, ThrowAwayDatabases } from './support/checkDatabases';
import { startTestHub, TestHub } from './support/http';

jest.setTimeout(240_000);

const PAGE = `query Findings($rule: String, $first: Int, $after: String) {
  discrepancies(rule: $rule, first: $first, after: $after) { totalCount edges { cursor node { id rule personId ownerRecord firstSeenAt lastSeenAt } } pageInfo { hasNextPage endCursor } }
}`;
const SHARES = '{ findingShares(last: 5) { runId asOf residentsWithOpenFinding residents share } }';

const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW', subject: 'checks-civil-1' };
const POLICE: Caller = { role: 'POLICE_OFFICER', purpose: 'ADDRESS_VERIFICATION', subject: 'checks-police-1' };
const HEALTH: Caller = { role: 'HEALTH_WORKER', purpose: 'HEALTH_FOLLOW_UP', subject: 'checks-health-1' };
const OUTSIDERS: Caller[] = [
  { role: 'STREET_STAFF', grids: ['110101001001-G01'], purpose: 'HOME_VISIT', subject: 'checks-street-1' },
  { role: 'AUDITOR', subject: 'checks-auditor-1' },
  { role: 'ADMIN', subject: 'checks-admin-1' },
];

interface Node { id: string; rule: string; personId: string | null; ownerRecord: string | null }

describe('findings are visible only to the department that must act on them', () => {
  let db: ThrowAwayDatabases;
  let t: TestHub;
  let serving: Databases;

  /** Every finding a caller can page through. */
  async function allPages(caller: Caller, rule?: string): Promise<{ nodes: Node[]; totalCount: number }> {
    const nodes: Node[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let page = 0; page < 100; page++) {
      const res: { errors?: unknown; data?: Record<string, any> | null } = await t.as(caller)(PAGE, { rule, first: 100, after });
      expect(res.errors).toBeUndefined();
      const c = res.data!.discrepancies;
      totalCount = c.totalCount;
      nodes.push(...c.edges.map((e: { node: Node }) => e.node));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    return { nodes, totalCount };
  }

  beforeAll(async () => {
    db = await createThrowAwayDatabases('checks_access');
    serving = openCheckDatabases(db.urls);
    await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'OPERATOR' });
    t = await startTestHub(openDatabases(db.urls, { poolMax: 4 }));
  });
  afterAll(async () => {
    await t?.close();
    await closeDatabases(serving);
    await db.drop();
  });

  it.each([['civil', CIVIL], ['police', POLICE], ['health', HEALTH]] as const)('gives %s officers exactly their own open findings, paged, with a true count', async (department, caller) => {
    const stored = await db.owner.hub('check_findings').where({ owner: department }).whereNull('resolved_at').orderBy('id').select('id', 'rule', 'subject_id', 'subject_key');
    expect(stored.length).toBeGreaterThan(0);
    const { nodes, totalCount } = await allPages(caller);
    expect(totalCount).toBe(stored.length);
    expect(nodes.map((n) => [n.id, n.rule, n.personId, n.ownerRecord])).toEqual(
      stored.map((s) => [String(s.id), s.rule, s.subject_id, s.subject_id ? null : s.subject_key]));
    for (const n of nodes) expect(CHECK_RULES.find((r) => r.id === n.rule)!.owner).toBe(department);
  });

  it('narrows to one rule of the department\'s own', async () => {
    const { nodes, totalCount } = await allPages(CIVIL, 'ASSISTANCE_UNKNOWN_TO_POLICE');
    const stored = await db.owner.hub('check_findings').where({ rule: 'ASSISTANCE_UNKNOWN_TO_POLICE' }).whereNull('resolved_at');
    expect(totalCount).toBe(stored.length);
    expect(nodes.every((n) => n.rule === 'ASSISTANCE_UNKNOWN_TO_POLICE' && n.personId === null && /^civil\.assistance:\d+$/.test(n.ownerRecord!))).toBe(true);
  });

  it('refuses another department\'s rule and every other role with a code, no data and no count, and records the refusal', async () => {
    const cases: Array<[Caller, string | undefined]> = [[POLICE, 'DEATH_WITH_ACTIVE_ASSISTANCE'], [CIVIL, 'BIRTH_NOT_REGISTERED'], [HEALTH, 'MARITAL_CONFLICT'], ...OUTSIDERS.map((c) => [c, undefined] as [Caller, undefined])];
    for (const [caller, rule] of cases) {
      const res = await t.as(caller)(PAGE, { rule });
      expect({ role: caller.role, rule, data: res.data?.discrepancies ?? null }).toEqual({ role: caller.role, rule, data: null });
      expect(res.errors).toHaveLength(1);
      expect(['FINDINGS_NOT_PERMITTED', 'PURPOSE_REQUIRED', 'FORBIDDEN']).toContain(res.errors![0].extensions!.code);
      expect(res.text).not.toMatch(/totalCount"\s*:\s*\d/);
    }
    const res = await t.as(POLICE)(PAGE, { rule: 'DEATH_WITH_ACTIVE_ASSISTANCE' });
    expect(res.errors![0].extensions!.code).toBe('FINDINGS_NOT_PERMITTED');
    const last = await db.owner.hub('access_log').orderBy('seq', 'desc').first();
    expect(last).toMatchObject({ outcome: 'REFUSED', refusal: 'FINDINGS_NOT_PERMITTED', subject: 'checks-police-1' });
  });

  it('answers an undeclared rule, a bad cursor and a bad page size with their codes', async () => {
    const codes = [];
    for (const variables of [{ rule: 'NO_SUCH_RULE' }, { after: 'bm90LWEtY3Vyc29y' }, { first: 0 }, { first: 101 }]) {
      const res = await t.as(CIVIL)(PAGE, variables);
      expect(res.data?.discrepancies ?? null).toBeNull();
      codes.push(res.errors![0].extensions!.code);
    }
    expect(codes).toEqual(['UNKNOWN_CHECK_RULE', 'INVALID_CURSOR', 'INVALID_PAGE_SIZE', 'PAGE_SIZE_TOO_LARGE']);
  });

  it('records reading findings in the access log, for each person concerned', async () => {
    const res = await t.as(CIVIL)(PAGE, { rule: 'DEATH_WITH_ACTIVE_ASSISTANCE', first: 5 });
    const people = res.data!.discrepancies.edges.map((e: { node: Node }) => e.node.personId);
    expect(people.length).toBeGreaterThan(0);
    const record = await db.owner.hub('access_log').orderBy('seq', 'desc').first();
    expect(record).toMatchObject({ subject: 'checks-civil-1', role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW' });
    for (const person of people) {
      const group = record.disclosures.find((g: { subjects: string[] }) => g.subjects.includes(person));
      expect(group.ALLOW).toEqual(expect.arrayContaining(['Discrepancy.rule', 'Discrepancy.personId', 'Discrepancy.firstSeenAt']));
    }
  });

  it('gives each owner department its own share of residents with an open finding per run, and nobody else any', async () => {
    const residents = Number((await db.owner.hub('person_index').count('* as n'))[0].n);
    for (const [department, caller] of [['civil', CIVIL], ['police', POLICE], ['health', HEALTH]] as const) {
      const res = await t.as(caller)(SHARES);
      expect(res.errors).toBeUndefined();
      const open = await db.owner.hub('check_findings').where({ owner: department }).whereNull('resolved_at').whereNotNull('subject_id').countDistinct('subject_id as n');
      expect(res.data!.findingShares[0]).toMatchObject({ asOf: SEED_REFERENCE_DATE, residents, residentsWithOpenFinding: Number(open[0].n) });
      expect(res.data!.findingShares[0].share).toBeCloseTo(Number(open[0].n) / residents, 10);
    }
    for (const caller of OUTSIDERS) {
      const res = await t.as(caller)(SHARES);
      expect(res.data?.findingShares ?? null).toBeNull();
      expect(res.errors![0].extensions!.code).toBe('FINDINGS_NOT_PERMITTED');
    }
  });
});
