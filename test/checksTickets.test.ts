import { execFile } from 'node:child_process';
import { databaseUrlVariable } from '../src/config';
import { openCheckDatabases } from '../src/checks/checkDatabases';
import { CHECK_RULES, ruleOwners } from '../src/checks/rules';
import { checkFindingItem } from '../src/departments/street/findingItems';
import { needItem } from '../src/departments/street/tickets/needItems';
import { runChecks } from '../src/checks/run';
import { CheckRunInProgressError, takeCheckRunLock } from '../src/checks/runLock';
import { CHECKS_PRINCIPAL } from '../src/checks/systemWrite';
import { closeDatabases, Databases } from '../src/db/databases';
import { SEED_REFERENCE_DATE } from '../seeds/seed';
import type { GroundTruth } from '../seeds/truth';
import { createThrowAwayDatabases, demoGroundTruth, ThrowAwayDatabases } from './support/checkDatabases';

jest.setTimeout(240_000);

/** Each open finding about a person, with the household police register them in (or null). */
async function findingsWithHouseholds(owner: Databases): Promise<Array<{ id: string; rule: string; owner: string; subject_id: string | null; ticket_id: string | null; household_id: string | null }>> {
  const findings = await owner.hub('check_findings').whereNull('resolved_at').select('id', 'rule', 'owner', 'subject_id', 'ticket_id').orderBy('id');
  const index = await owner.hub('person_index').whereIn('id', findings.flatMap((f) => (f.subject_id ? [f.subject_id] : []))).select('id', 'id_number');
  const persons = await owner.police('persons').whereIn('id_number', index.map((r) => r.id_number)).whereNotNull('household_no').select('id_number', 'household_no');
  const households = await owner.hub('household_index').whereIn('household_no', persons.map((p) => p.household_no)).select('id', 'household_no');
  const numberOf = new Map(index.map((r) => [r.id, r.id_number]));
  const householdOfNumber = new Map(persons.map((p) => [p.id_number, households.find((h) => h.household_no === p.household_no)?.id ?? null]));
  return findings.map((f) => ({ ...f, id: String(f.id), household_id: f.subject_id ? householdOfNumber.get(numberOf.get(f.subject_id)) ?? null : null }));
}

describe('findings become tickets for the department that must fix them', () => {
  it('has a need item routed to every department that owns a rule', () => {
    for (const owner of ruleOwners()) expect({ owner, department: needItem(checkFindingItem(owner))!.department }).toEqual({ owner, department: owner });
  });

  let db: ThrowAwayDatabases;
  let serving: Databases;
  let truth: GroundTruth;

  beforeAll(async () => {
    db = await createThrowAwayDatabases('checks_tickets');
    serving = openCheckDatabases(db.urls);
    truth = demoGroundTruth();
  });
  afterAll(async () => {
    await closeDatabases(serving);
    await db.drop();
  });

  it('files one ticket per finding about a registered household, in the owner\'s queue, with ids only', async () => {
    const report = await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'OPERATOR' });
    const findings = await findingsWithHouseholds(db.owner);
    const placed = findings.filter((f) => f.household_id);
    expect(placed.length).toBeGreaterThan(CHECK_RULES.length);
    expect(report.tickets).toEqual({ filed: placed.length, closed: 0, withoutHousehold: findings.filter((f) => f.subject_id && !f.household_id).length });
    const tickets = await db.owner.street('tickets').where({ created_by_subject: CHECKS_PRINCIPAL.subject }).select();
    expect(tickets).toHaveLength(placed.length);
    const byId = new Map(tickets.map((t) => [t.id, t]));
    for (const f of placed) {
      const t = byId.get(f.ticket_id!);
      expect({ rule: f.rule, ticket: t && { department: t.department, item: t.item, source: t.source, household: t.household_id, person: t.person_id, status: t.status, key: t.idempotency_key } })
        .toEqual({ rule: f.rule, ticket: { department: f.owner, item: `RECORD_CHECK_${f.owner.toUpperCase()}`, source: 'FINDING', household: f.household_id, person: f.subject_id, status: 'RECEIVED', key: `finding:${f.id}` } });
    }
    // Each with its first transition (nothing → RECEIVED by the system principal), and linked to an earlier ticket of the household for the same item.
    const transitions = await db.owner.street('ticket_transitions').whereIn('ticket_id', tickets.map((t) => t.id)).select('ticket_id', 'seq', 'from_status', 'to_status', 'actor_subject', 'to_department');
    expect(transitions).toHaveLength(tickets.length);
    for (const tr of transitions) expect(tr).toMatchObject({ seq: 1, from_status: null, to_status: 'RECEIVED', actor_subject: CHECKS_PRINCIPAL.subject, to_department: byId.get(tr.ticket_id)!.department });
    const sameHouseholdItem = tickets.filter((t) => tickets.some((u) => u.id !== t.id && u.household_id === t.household_id && u.item === t.item));
    for (const t of sameHouseholdItem) {
      const earlier = tickets.filter((u) => u.household_id === t.household_id && u.item === t.item && u.id !== t.id);
      expect(t.repeat_of === null || earlier.some((u) => u.id === t.repeat_of)).toBe(true);
    }
    expect(sameHouseholdItem.filter((t) => t.repeat_of !== null).length).toBe(sameHouseholdItem.length - new Set(sameHouseholdItem.map((t) => `${t.household_id}|${t.item}`)).size);
    // The owner's own record (no hub person) and persons with no household here get no ticket.
    for (const f of findings.filter((x) => !x.household_id)) expect({ rule: f.rule, ticket: f.ticket_id }).toEqual({ rule: f.rule, ticket: null });
    expect(findings.some((f) => f.rule === 'ASSISTANCE_UNKNOWN_TO_POLICE' && f.ticket_id === null)).toBe(true);
    // Nothing personal in a ticket: no ID number, no rule (the owner reads it in `discrepancies`), the summary names the finding id.
    const text = JSON.stringify(tickets);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    for (const rule of CHECK_RULES) expect(text).not.toContain(rule.id);
    for (const t of tickets) expect(t.summary).toMatch(/^cross-department check finding \d+$/);
  });

  it('records every ticket write in the access log chain as the checks\' system principal, before it commits', async () => {
    const tickets = await db.owner.street('tickets').where({ created_by_subject: CHECKS_PRINCIPAL.subject }).select('request_id', 'household_id', 'person_id');
    const records = await db.owner.hub('access_log').whereIn('request_id', [...new Set(tickets.map((t) => t.request_id))]).select();
    expect(records.length).toBe(new Set(tickets.map((t) => t.request_id)).size);
    for (const r of records) expect(r).toMatchObject({ subject: CHECKS_PRINCIPAL.subject, role: 'SYSTEM', department: 'street', purpose: 'TICKET_HANDLING', outcome: 'WRITTEN' });
    for (const t of tickets) {
      const r = records.find((x) => x.request_id === t.request_id)!;
      expect(r.households).toContain(t.household_id);
      expect(r.residents).toContain(t.person_id);
    }
    const text = JSON.stringify(records);
    for (const idNumber of Object.values(truth).flat()) expect(text).not.toContain(idNumber);
  });

  it('never files a second ticket for a finding: not on a re-run, not after a run that stopped before linking its ticket', async () => {
    const before = await db.owner.street('tickets').where({ created_by_subject: CHECKS_PRINCIPAL.subject }).count('* as n');
    // A run that committed the ticket but stopped before the finding kept its id.
    const [lost] = await db.owner.hub('check_findings').whereNotNull('ticket_id').orderBy('id').limit(1).select('id', 'ticket_id');
    await db.owner.hub('check_findings').where({ id: lost.id }).update({ ticket_id: null });
    const records = Number((await db.owner.hub('access_log').count('* as n'))[0].n);
    const report = await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'SCHEDULE' });
    expect(report.tickets).toMatchObject({ filed: 0, closed: 0 });
    expect(await db.owner.street('tickets').where({ created_by_subject: CHECKS_PRINCIPAL.subject }).count('* as n')).toEqual(before);
    expect((await db.owner.hub('check_findings').where({ id: lost.id }).first('ticket_id')).ticket_id).toBe(lost.ticket_id);
    // Nothing was written, so nothing was recorded.
    expect(Number((await db.owner.hub('access_log').count('* as n'))[0].n)).toBe(records);
  });

  it('resolves the ticket, with the reason, when the finding is resolved at the source; a finding opened later gets its own', async () => {
    const dead = truth.DEATH_WITH_ACTIVE_ASSISTANCE[0];
    const deadId = (await db.owner.hub('person_index').where({ id_number: dead }).first('id')).id as string;
    const finding = await db.owner.hub('check_findings').where({ rule: 'DEATH_WITH_ACTIVE_ASSISTANCE', subject_key: deadId }).whereNull('resolved_at').first();
    expect(finding.ticket_id).not.toBeNull();
    await db.owner.civil('assistance').where({ id_number: dead, status: 'ACTIVE' }).update({ status: 'STOPPED', ended_on: SEED_REFERENCE_DATE });

    const report = await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'SCHEDULE' });
    expect(report.tickets).toMatchObject({ filed: 0, closed: 1 });
    const ticket = await db.owner.street('tickets').where({ id: finding.ticket_id }).first();
    expect(ticket).toMatchObject({ status: 'RESOLVED', version: 2 });
    const last = await db.owner.street('ticket_transitions').where({ ticket_id: finding.ticket_id }).orderBy('seq', 'desc').first();
    expect(last).toMatchObject({ from_status: 'RECEIVED', to_status: 'RESOLVED', actor_subject: CHECKS_PRINCIPAL.subject, reason: `resolved at the source: check run ${report.runId} no longer finds the case` });
    const record = await db.owner.hub('access_log').where({ request_id: last.request_id }).first();
    expect(record).toMatchObject({ subject: CHECKS_PRINCIPAL.subject, outcome: 'WRITTEN', residents: [deadId] });
    expect((await db.owner.hub('check_findings').where({ id: finding.id }).first()).ticket_closed).toBe(true);
    // The next run has nothing more to close.
    expect((await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'SCHEDULE' })).tickets).toMatchObject({ filed: 0, closed: 0 });
  });

  it('leaves a ticket the department already resolved as it is, and marks it done', async () => {
    const [open] = await db.owner.hub('check_findings').whereNull('resolved_at').whereNotNull('ticket_id').where({ rule: 'MARITAL_CONFLICT' }).limit(1).select();
    await db.owner.street('tickets').where({ id: open.ticket_id }).update({ status: 'RESOLVED', resolved_at: new Date(), version: 2 });
    const idNumber = (await db.owner.hub('person_index').where({ id: open.subject_id }).first('id_number')).id_number;
    await db.owner.civil('marital_status').where({ id_number: idNumber }).update({ status: 'MARRIED' });
    const report = await runChecks({ dbs: serving, asOf: SEED_REFERENCE_DATE, trigger: 'SCHEDULE' });
    expect(report.tickets).toMatchObject({ closed: 0 });
    expect(await db.owner.street('tickets').where({ id: open.ticket_id }).first('version')).toEqual({ version: 2 });
    expect((await db.owner.hub('check_findings').where({ id: open.id }).first()).ticket_closed).toBe(true);
  });
});

describe('one check run at a time (hub advisory lock)', () => {
  let db: ThrowAwayDatabases;

  beforeAll(async () => {
    db = await createThrowAwayDatabases('checks_lock');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('of two concurrent runs from separate pools, one runs and the other is refused without recording anything', async () => {
    const [a, b] = [openCheckDatabases(db.urls), openCheckDatabases(db.urls)];
    try {
      const results = await Promise.allSettled([a, b].map((dbs) => runChecks({ dbs, asOf: SEED_REFERENCE_DATE, trigger: 'OPERATOR', rules: ['MARITAL_CONFLICT'] })));
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(refused.reason).toBeInstanceOf(CheckRunInProgressError);
      expect(await db.owner.hub('check_runs').count('* as n')).toEqual([{ n: '1' }]);
      // Released when the run ended: the next run runs.
      await expect(runChecks({ dbs: a, asOf: SEED_REFERENCE_DATE, trigger: 'OPERATOR', rules: ['MARITAL_CONFLICT'] })).resolves.toMatchObject({ rules: [{ rule: 'MARITAL_CONFLICT' }] });
    } finally {
      await Promise.all([closeDatabases(a), closeDatabases(b)]);
    }
  });

  it('`npm run checks:run` exits 3 with a clear message while another run holds the lock', async () => {
    const holder = openCheckDatabases(db.urls);
    const lock = await takeCheckRunLock(holder.hub);
    try {
      const runs = Number((await db.owner.hub('check_runs').count('* as n'))[0].n);
      const env = Object.fromEntries(Object.entries(db.urls).map(([name, url]) => [databaseUrlVariable(name), url]));
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/checks/runCli.ts'], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env } }, (err, _stdout, stderr) =>
          resolve({ code: err ? (err as { code?: number }).code ?? null : 0, stderr }));
      });
      expect({ code, stderr: stderr.trim() }).toEqual({ code: 3, stderr: new CheckRunInProgressError().message });
      expect(Number((await db.owner.hub('check_runs').count('* as n'))[0].n)).toBe(runs);
    } finally {
      await lock.release();
      await closeDatabases(holder);
    }
  });
});
