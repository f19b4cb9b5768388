import type { Knex } from 'knex';
import type { Databases } from '../db/databases';
import { checkEvaluators } from './evaluators';
import { Subject, subjectsOf } from './subjects';
import { CHECK_RULES, CheckRule } from './rules';
import { takeCheckRunLock } from './runLock';
import { AuditStore } from '../audit/auditStore';
import type { AppendRecord } from './systemWrite';
import type { CheckRunTickets } from '../departments/module';
import { departmentModules } from '../departments/registry';

/**
 * One run of every declared check (./rules.ts): evaluates each rule across the department
 * databases (its module's evaluator, ./evaluators.ts, read-only), turns its cases into subjects (hub person ids; the ID
 * numbers are dropped here), and then, in ONE hub transaction, records the run's findings:
 * a case seen before keeps its finding (last seen moves), a new case opens one, an open finding
 * no longer found is resolved — the case was fixed at the source. The run's counts per rule and,
 * per owner department, the share of residents with an open finding are stored with it. Either
 * everything of a run is written or, on failure, only the run row marked FAILED.
 *
 * After the commit, the module that keeps tickets (registry: `afterCheckRun`) files and closes the
 * findings' tickets: one per finding in the owner's queue, each write in the access log chain as the
 * checks' system principal (./systemWrite.ts).
 */
export interface RunOptions {
  dbs: Databases;
  /** The day the rules are evaluated for (ISO date); default today (UTC). */
  asOf?: string;
  trigger: 'OPERATOR' | 'SCHEDULE';
  /** Only these rules (default: all declared). */
  rules?: readonly string[];
  log?: (line: string) => void;
  /** The access log's append (default: an AuditStore on `dbs.hub`). */
  append?: AppendRecord;
}

export interface RuleOutcome {
  rule: string;
  owner: string;
  /** Cases this run found (= its open findings after the run). */
  found: number;
  opened: number;
  resolved: number;
  /** Cases about an ID number police do not know: no hub person, not recorded under this rule. */
  unknownToPolice: number;
  ms: number;
}

export interface RunReport {
  runId: number;
  asOf: string;
  rules: RuleOutcome[];
  /** Evaluation (department reads) and recording (hub transaction) times. */
  evaluateMs: number;
  recordMs: number;
  /** The findings' tickets filed and closed after the commit. */
  tickets: CheckRunTickets;
  ticketsMs: number;
}

export { subjectsOf } from './subjects';
export type { Subject, Subjects } from './subjects';

/** Records one rule's subjects in the run's transaction; returns what was opened and how many were resolved. */
async function recordRule(trx: Knex.Transaction, runId: number, rule: CheckRule, subjects: readonly Subject[]): Promise<{ opened: number; resolved: number }> {
  const keys = subjects.map((s) => s.key);
  const personIds = subjects.map((s) => s.personId);
  await trx.raw(`
    UPDATE check_findings f SET last_seen_at = now(), last_run = ?
    FROM unnest(?::text[]) AS s(key)
    WHERE f.rule = ? AND f.resolved_at IS NULL AND f.subject_key = s.key`, [runId, keys, rule.id]);
  const resolved = await trx.raw(`
    UPDATE check_findings SET resolved_at = now()
    WHERE rule = ? AND resolved_at IS NULL AND last_run <> ?`, [rule.id, runId]);
  const inserted = await trx.raw(`
    INSERT INTO check_findings (rule, owner, subject_key, subject_id, first_seen_at, last_seen_at, first_run, last_run)
    SELECT ?, ?, s.key, s.person_id, now(), now(), ?, ?
    FROM unnest(?::text[], ?::uuid[]) AS s(key, person_id)
    WHERE NOT EXISTS (SELECT 1 FROM check_findings f WHERE f.rule = ? AND f.resolved_at IS NULL AND f.subject_key = s.key)
    `, [rule.id, rule.owner, runId, runId, keys, personIds as unknown as string[], rule.id]);
  return { opened: inserted.rowCount as number, resolved: resolved.rowCount as number };
}

/** Per owner department: residents (hub persons) with at least one open finding it must act on, of all residents. */
async function recordShares(trx: Knex.Transaction, runId: number, owners: readonly string[]): Promise<void> {
  const residents = Number((await trx.raw('SELECT count(*) AS n FROM person_index')).rows[0].n);
  await trx.raw('UPDATE check_runs SET residents = ? WHERE id = ?', [residents, runId]);
  for (const owner of owners) {
    const subjects = Number((await trx.raw('SELECT count(DISTINCT subject_id) AS n FROM check_findings WHERE owner = ? AND resolved_at IS NULL AND subject_id IS NOT NULL', [owner])).rows[0].n);
    await trx.raw('INSERT INTO check_department_shares (run_id, department, subjects, residents) VALUES (?, ?, ?, ?)', [runId, owner, subjects, residents]);
  }
}

/**
 * Runs the checks once (see the module comment), holding the check-run lock (./runLock.ts): rejects
 * with CheckRunInProgressError, doing nothing, while another run holds it. Rejects, with the run
 * marked FAILED, when a database fails during evaluation or recording; when filing or closing
 * tickets fails after the run was recorded (DONE), rejects too, and the next run completes them.
 */
export async function runChecks(options: RunOptions): Promise<RunReport> {
  const lock = await takeCheckRunLock(options.dbs.hub);
  try {
    return await runLocked(options);
  } finally {
    await lock.release();
  }
}

async function runLocked(options: RunOptions): Promise<RunReport> {
  const { dbs } = options;
  const log = options.log ?? (() => undefined);
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const rules = CHECK_RULES.filter((r) => !options.rules || options.rules.includes(r.id));
  const runId = Number((await dbs.hub.raw("INSERT INTO check_runs (as_of, trigger, status) VALUES (?, ?, 'RUNNING') RETURNING id", [asOf, options.trigger])).rows[0].id);
  let recorded: { outcomes: RuleOutcome[]; evaluateMs: number; recordMs: number };
  try {
    const started = performance.now();
    const evaluators = checkEvaluators();
    const evaluated: Array<{ rule: CheckRule; subjects: Subject[]; unknownToPolice: number; ms: number }> = [];
    for (const rule of rules) {
      const t0 = performance.now();
      const cases = await evaluators[rule.id]({ dbs, asOf });
      const { subjects, unknownToPolice } = await subjectsOf(dbs, cases);
      evaluated.push({ rule, subjects, unknownToPolice, ms: Math.round(performance.now() - t0) });
      const unknown = unknownToPolice ? ` (+${unknownToPolice} about ID numbers no registered person holds: not recorded)` : '';
      log(`${rule.id}: ${subjects.length}${unknown} (${Math.round(performance.now() - t0)} ms)`);
    }
    const recording = performance.now();
    const outcomes: RuleOutcome[] = [];
    await dbs.hub.transaction(async (trx) => {
      for (const { rule, subjects, unknownToPolice, ms } of evaluated) {
        const r = await recordRule(trx, runId, rule, subjects);
        outcomes.push({ rule: rule.id, owner: rule.owner, found: subjects.length, opened: r.opened, resolved: r.resolved, unknownToPolice, ms });
        await trx.raw('INSERT INTO check_run_rules (run_id, rule, owner, open, opened, resolved) VALUES (?, ?, ?, ?, ?, ?)',
          [runId, rule.id, rule.owner, subjects.length, r.opened, r.resolved]);
      }
      await recordShares(trx, runId, [...new Set(rules.map((r) => r.owner))].sort());
      await trx.raw("UPDATE check_runs SET status = 'DONE', finished_at = now() WHERE id = ?", [runId]);
    });
    recorded = { outcomes, evaluateMs: Math.round(recording - started), recordMs: Math.round(performance.now() - recording) };
  } catch (err) {
    await dbs.hub.raw("UPDATE check_runs SET status = 'FAILED', finished_at = now() WHERE id = ?", [runId]).catch(() => undefined);
    throw err;
  }
  const done = performance.now();
  const store = options.append ? null : new AuditStore(dbs.hub);
  const append: AppendRecord = options.append ?? ((r) => store!.append(r));
  const tickets: CheckRunTickets = { filed: 0, closed: 0, withoutHousehold: 0 };
  for (const m of departmentModules()) {
    const done = await m.parts().afterCheckRun?.({ dbs, append, runId });
    if (done) for (const k of ['filed', 'closed', 'withoutHousehold'] as const) tickets[k] += done[k];
  }
  log(`tickets: ${tickets.filed} filed, ${tickets.closed} closed, ${tickets.withoutHousehold} findings with no household (no ticket)`);
  return { runId, asOf, rules: recorded.outcomes, evaluateMs: recorded.evaluateMs, recordMs: recorded.recordMs, tickets, ticketsMs: Math.round(performance.now() - done) };
}
