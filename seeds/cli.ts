/**
 * `npm run seed -- --residents N [--seed S] [--checksum]`: replaces the seeded tables of every
 * registered database (embedded PostgreSQL unless the *_DATABASE_URL variables are set) with a generated
 * population and prints what was loaded. Exit 0 on success, 2 on bad arguments, 1 on failure.
 */
import fs from 'node:fs';
import { databaseNames, loadConfig } from '../src/config';
import { connectDatabases } from '../src/db/connect';
import { startupFailure } from '../src/startup/startupFailure';
import { seedRefusal } from './replaceGuard';
import { tableChecksums } from './checksum';
import { DEFAULT_SEED, DEMO_RESIDENTS, seedDatabases, SeedReport } from './seed';
import { seedGroundTruth } from './truth';

const USAGE = `usage: npm run seed -- [--residents N] [--seed S] [--checksum] [--truth FILE] [--replace ${databaseNames().join(',')}]\n` +
  `  --residents  residents to generate, 10..5000000 (default ${DEMO_RESIDENTS}, the demo street)\n` +
  `  --seed       integer random seed (default ${DEFAULT_SEED})\n` +
  '  --checksum   also print an md5 of every seeded table (to compare runs)\n' +
  '  --truth      also write the ground truth of the cross-department checks (rule -> subjects\' ID numbers) to FILE\n' +
  '  --replace    the databases whose seeded tables will be replaced; required (all of them) when *_DATABASE_URL are set';

export interface CliArgs {
  residents: number;
  seed: number;
  checksum: boolean;
  /** File to write the checks' ground truth to (seeds/truth.ts). */
  truth?: string;
  /** Databases named by --replace (comma-separated). */
  replace?: string[];
}

/** Parses the arguments; returns an error message instead of throwing. */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = { residents: DEMO_RESIDENTS, seed: DEFAULT_SEED, checksum: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--residents') {
      const v = value();
      const n = Number(v);
      if (!v || !/^\d+$/.test(v) || n < 10 || n > 5_000_000) return `--residents must be an integer from 10 to 5000000, got ${v ?? 'nothing'}`;
      args.residents = n;
    } else if (flag === '--seed') {
      const v = value();
      if (!v || !/^-?\d+$/.test(v) || Math.abs(Number(v)) > 2 ** 31) return `--seed must be an integer, got ${v ?? 'nothing'}`;
      args.seed = Number(v);
    } else if (flag === '--replace') {
      const v = value();
      if (!v) return `--replace needs a list of databases, e.g. --replace ${databaseNames().join(',')}`;
      args.replace = v.split(',').map((n) => n.trim()).filter(Boolean);
    } else if (flag === '--truth') {
      const v = value();
      if (!v) return '--truth needs a file name';
      args.truth = v;
    } else if (flag === '--checksum') {
      args.checksum = true;
    } else if (flag === '--help' || flag === '-h') {
      return '';
    } else {
      return `unknown argument: ${argv[i]}`;
    }
  }
  return args;
}

function printReport(report: SeedReport): void {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  console.log(`seeded ${report.residents} residents (seed ${report.seed}, reference date ${report.referenceDate})`);
  console.log(`streets: ${report.streets.map((s) => `${s.name} ${s.code}`).join(', ')}`);
  console.log('rows:');
  for (const [table, count] of Object.entries(report.rows)) console.log(`  ${table.padEnd(36)} ${String(count).padStart(10)}`);
  const p = report.proportions;
  console.log('proportions:');
  console.log(`  aged 60+ ${pct(p.aged60Plus)} · floating ${pct(p.floating)} · locals living away ${pct(p.livingAwayOfLocals)} · household size ${p.meanHouseholdSize}`);
  console.log(`  elderly living alone ${pct(p.livesAloneOfElderly)} · disabled ${pct(p.disabledOfLocals)} of locals · 低保 ${pct(p.minimumLivingOfLocals)} of locals · chronic ${pct(p.chronicOfElderly)} of elderly · deceased ${pct(p.deceased)}`);
  console.log('planted discrepancies:');
  for (const d of report.discrepancies) console.log(`  ${d.kind.padEnd(30)} ${String(d.count).padStart(7)}  ${d.description}`);
  const t = report.timings;
  const each = Object.entries(t.databasesMs).map(([db, ms]) => `${db} ${(ms / 1000).toFixed(2)} s`).join(', ');
  console.log(`elapsed: ${(t.totalMs / 1000).toFixed(2)} s (model ${(t.modelMs / 1000).toFixed(2)} s, load ${(t.loadMs / 1000).toFixed(2)} s: ${each})`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args ? `${args}\n${USAGE}` : USAGE);
    return args ? 2 : 0;
  }
  const config = loadConfig();
  const refusal = seedRefusal(config.mode, config.databaseUrls !== undefined, args.replace);
  if (refusal) {
    console.error(refusal);
    return 2;
  }
  const connected = await connectDatabases(config);
  try {
    const report = await seedDatabases(connected.dbs, { residents: args.residents, seed: args.seed });
    printReport(report);
    if (args.truth) {
      const truth = seedGroundTruth(args.residents, args.seed);
      fs.writeFileSync(args.truth, `${JSON.stringify(truth, null, 1)}\n`);
      console.log(`ground truth of the checks written to ${args.truth}: ${Object.entries(truth).map(([rule, s]) => `${rule} ${s.length}`).join(', ')}`);
    }
    if (args.checksum) {
      console.log('checksums:');
      for (const [table, md5] of Object.entries(await tableChecksums(connected.dbs))) console.log(`  ${table.padEnd(36)} ${md5}`);
    }
    return 0;
  } finally {
    await connected.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      const failure = startupFailure(err);
      console.error(failure ? `Configuration error: ${failure}` : err instanceof Error ? err.stack ?? err.message : err);
      process.exit(failure ? 2 : 1);
    },
  );
}
