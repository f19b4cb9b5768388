import { closeDatabases, Databases } from '../src/db/databases';
import { openCheckDatabases } from '../src/checks/checkDatabases';
import { CHECK_RULES } from '../src/checks/rules';
import { runChecks } from '../src/checks/run';
import { SEED_REFERENCE_DATE } from '../seeds/seed';
import type { GroundTruth } from '../seeds/truth';
import { createThrowAwayDatabases, demoGroundTruth, expectedSubjectKeys, ThrowAwayDatabases } from './support/checkDatabases';

jest.setTimeout(240_000);

/** Open findings per rule, as the hub stores them. */
async function openFindings(owner: Databases): Promise<Record<string, string[]>> {
  const rows = await owner.hub('check_findings').whereNull('resolved_at').select('rule', 'subject_key').orderBy(['rule', 'subject_key']);
  const byRule: Record<string, string[]> = Object.fromEntries(CHECK_RULES.map((r) => [r.id, []]));
  for (const r of rows) byRule[r.rule].push(r.subject_key);
  return byRule;
}

describe('a check run on the demo street', () => {
  let db: ThrowAwayDatabases;
  let serving: Databases;
  let truth: GroundTruth;
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    db = await createThrowAwayDatabases('checks_run');
    serving = openCheckDatabases(db.urls);
    truth = demoGroundTruth();
    expected = await expectedSubjectKeys(db.owner, truth);
  });
  afterAll(async () => {
    await closeDatabases(serving);
    await db.drop();
  });

  it('exports a ground truth with at least one planted case for every declared rule', () => {
    expect(Object.keys(truth).sort()).toEqual(CHECK_RULES.map((r) => r.id).sort());
    for (const rule of CHECK_RULES) expect({ rule: rule.id, planted: truth[rule.id].length > 0 }).toEqual({ rule: rule.id, planted: true });
  });

  it('finds 100% of the planted cases of every rule with no false positive, each routed to its owner', async () => {
    const statements: string[] = [];
    for (const name of ['police', 'civil', 'health'] as const) serving[name].on('query', (q: { sql: string }) => statements.push(q.sql));
    const report = await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'OPERATOR' });
    expect(await openFindings(db.owner)).toEqual(expected);
    // Read-only at the departments: every statement a SELECT, in batched look-ups.
    expect(statements.length).toBeGreaterThan(CHECK_RULES.length);
    for (const sql of statements) expect(sql.trim()).toMatch(/^SELECT\b/);
    for (const r of report.rules) expect(r).toMatchObject({ found: expected[r.rule].length, opened: expected[r.rule].length, resolved: 0 });
    const owners = await db.owner.hub('check_findings').distinct('rule', 'owner');
    for (const o of owners) expect(o.owner).toBe(CHECK_RULES.find((r) => r.id === o.rule)!.owner);
    const run = await db.owner.hub('check_runs').where({ id: report.runId }).first();
    expect(run).toMatchObject({ status: 'DONE', trigger: 'OPERATOR' });
  });

  it('stores no ID number, name or department value with a finding', async () => {
    const text = JSON.stringify(await db.owner.hub('check_findings').select());
    expect(text).not.toMatch(/\d{17}[\dX]/);
    for (const idNumber of Object.values(truth).flat().slice(0, 50)) expect(text).not.toContain(idNumber);
  });

  it('keeps a finding open across runs, and resolves it on the next run once fixed at the source; a new case opens one', async () => {
    const before = await db.owner.hub('check_findings').whereNull('resolved_at').select('id', 'rule', 'subject_key', 'first_run');
    // Fix one case at the source: civil affairs stops the assistance of a person health registered dead.
    const dead = truth.DEATH_WITH_ACTIVE_ASSISTANCE[0];
    await db.owner.civil('assistance').where({ id_number: dead, status: 'ACTIVE' }).update({ status: 'STOPPED', ended_on: SEED_REFERENCE_DATE });
    // And make a new one: a 低保 member with a chronic condition whose family-doctor contract is withdrawn.
    const covered = await db.owner.civil('assistance').where({ kind: 'MINIMUM_LIVING', status: 'ACTIVE' }).whereNotIn('id_number', truth.CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR).pluck('id_number');
    const chronic = await db.owner.health('chronic_conditions').whereIn('id_number', covered).whereNotIn('id_number', db.owner.health('deaths').select('id_number')).first('id_number');
    await db.owner.health('family_doctor_contracts').where({ id_number: chronic.id_number }).delete();

    const report = await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'SCHEDULE' });
    const [fixedId, newId] = await Promise.all([dead, chronic.id_number].map(async (n) => (await db.owner.hub('person_index').where({ id_number: n }).first('id')).id as string));
    const fixed = await db.owner.hub('check_findings').where({ rule: 'DEATH_WITH_ACTIVE_ASSISTANCE', subject_key: fixedId }).first();
    expect(fixed.resolved_at).not.toBeNull();
    expect(fixed.last_run).not.toBe(String(report.runId));
    const after = await db.owner.hub('check_findings').whereNull('resolved_at').select('id', 'rule', 'subject_key', 'first_run');
    const unchanged = before.filter((f) => f.subject_key !== fixedId);
    expect(after.filter((f) => f.subject_key !== newId)).toEqual(expect.arrayContaining(unchanged));
    expect(after).toHaveLength(before.length);
    expect(after.find((f) => f.subject_key === newId)).toMatchObject({ rule: 'CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR', first_run: String(report.runId) });
    const byRule = Object.fromEntries(report.rules.map((r) => [r.rule, r]));
    expect(byRule.DEATH_WITH_ACTIVE_ASSISTANCE).toMatchObject({ opened: 0, resolved: 1 });
    expect(byRule.CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR).toMatchObject({ opened: 1, resolved: 0 });
  });

  it('records, per owner department and run, the share of residents with an open finding', async () => {
    const shares = await db.owner.hub('check_department_shares').orderBy(['run_id', 'department']).select();
    const residents = Number((await db.owner.hub('person_index').count('* as n'))[0].n);
    const last = shares.filter((s) => s.run_id === shares.at(-1)!.run_id);
    expect(last.map((s) => s.department)).toEqual([...new Set(CHECK_RULES.map((r) => r.owner))].sort());
    for (const s of last) {
      const open = await db.owner.hub('check_findings').where({ owner: s.department }).whereNull('resolved_at').whereNotNull('subject_id').countDistinct('subject_id as n');
      expect({ department: s.department, subjects: Number(s.subjects), residents: Number(s.residents) }).toEqual({ department: s.department, subjects: Number(open[0].n), residents });
      expect(Number(s.subjects)).toBeGreaterThan(0);
    }
  });
});
