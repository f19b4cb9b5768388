/**
 * `npm run checks:run [-- --as-of YYYY-MM-DD] [--rules A,B]`: runs the declared cross-department
 * checks once (src/checks/run.ts) against the configured databases (or the embedded cluster), as
 * an operator would from a scheduler (cron), and prints per rule what was found, opened and
 * resolved, and the findings' tickets filed and closed. Exit 0 on success, 2 on bad arguments,
 * 3 when another run holds the check-run lock (nothing done: ./runLock.ts), 1 on failure (the run
 * is then marked FAILED).
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { closeDatabases } from '../db/databases';
import { connectDatabases } from '../db/connect';
import { startupFailure } from '../startup/startupFailure';
import { openCheckDatabases } from './checkDatabases';
import { CHECK_RULES } from './rules';
import { runChecks } from './run';
import { CheckRunInProgressError } from './runLock';

/** Exit code when another run holds the lock. */
export const EXIT_RUN_IN_PROGRESS = 3;

const USAGE = 'usage: npm run checks:run -- [--as-of YYYY-MM-DD] [--rules RULE,RULE]';

export interface RunArgs {
  asOf?: string;
  rules?: string[];
}

/** Parses the arguments; returns an error message instead of throwing. */
export function parseRunArgs(argv: readonly string[]): RunArgs | string {
  const args: RunArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--as-of') {
      if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return `--as-of must be a date YYYY-MM-DD, got ${value ?? 'nothing'}`;
      args.asOf = value;
    } else if (flag === '--rules') {
      const rules = (value ?? '').split(',').filter(Boolean);
      const unknown = rules.filter((r) => !CHECK_RULES.some((c) => c.id === r));
      if (rules.length === 0 || unknown.length) return `--rules takes declared rule ids (${CHECK_RULES.map((r) => r.id).join(', ')}); unknown: ${unknown.join(', ') || 'none given'}`;
      args.rules = rules;
    } else {
      return `unknown argument: ${argv[i]}`;
    }
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseRunArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  const connected = await connectDatabases(loadConfig(), 1);
  const dbs = openCheckDatabases(connected.urls);
  try {
    let report: Awaited<ReturnType<typeof runChecks>>;
    try {
      report = await runChecks({ dbs, asOf: args.asOf, rules: args.rules, trigger: 'OPERATOR' });
    } catch (err) {
      if (!(err instanceof CheckRunInProgressError)) throw err;
      console.error(err.message);
      return EXIT_RUN_IN_PROGRESS;
    }
    console.log(`check run ${report.runId} as of ${report.asOf}: evaluated in ${(report.evaluateMs / 1000).toFixed(1)} s, recorded in ${(report.recordMs / 1000).toFixed(1)} s`);
    for (const r of report.rules) console.log(`  ${r.rule.padEnd(42)} ${r.owner.padEnd(7)} open ${String(r.found).padStart(7)}  opened ${String(r.opened).padStart(7)}  resolved ${String(r.resolved).padStart(7)}`);
    console.log(`tickets in ${(report.ticketsMs / 1000).toFixed(1)} s: ${report.tickets.filed} filed, ${report.tickets.closed} closed; ${report.tickets.withoutHousehold} open findings about no household here (no ticket: see discrepancies)`);
    return 0;
  } finally {
    await closeDatabases(dbs);
    await connected.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      const failure = startupFailure(err);
      console.error(failure ? `Configuration error: ${failure}` : err instanceof Error ? err.message : err);
      process.exit(failure ? 2 : 1);
    },
  );
}
