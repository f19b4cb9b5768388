/**
 * `npm run bench:policy`: the policy layer's cost on a list of 500 people × ~20 fields, as a ratio
 * against the same query with the policy layer off, measured in the same run (issue 3; target ≤ 1.3×).
 *
 * In-process, with graphql's `execute()` against real PostgreSQL (embedded in `.data/bench-policy-*`
 * unless the `*_DATABASE_URL` variables are set). Each iteration gets fresh per-request loaders with
 * row scope `all` on both sides, so only the policy layer differs. Variants:
 *  - `off`        buildOneFileSchema(): the same resolvers, no policy;
 *  - `on-police`  buildServedSchema(), POLICE_OFFICER / EMERGENCY: every selected field is ALLOW,
 *                 so the figure is the layer's pure overhead;
 *  - `on-police-norec` the same with the access log's disclosure recorder a no-op, to separate the
 *                 policy's own cost from recording disclosures for the access record (issue 4);
 *  - `on-street`  buildServedSchema(), STREET_STAFF / HOME_VISIT: some fields masked, some denied;
 * Two modes: `db` (loaders read PostgreSQL) and `primed` (loaders primed from a recording of the
 * first run: no I/O, execution overhead only). Iterations are interleaved in a shuffled order per
 * round after a warm-up; medians and p90 are reported per variant, with on/off ratios.
 *
 * Options: --residents N (20000) --iterations N (60) --warmup N (15) --mode db|primed|both (both)
 *          --only VARIANT (run one variant alone, e.g. under `node --cpu-prof`, see bench/README)
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DocumentNode, execute, ExecutionResult, GraphQLSchema, parse } from 'graphql';
import { principalFromClaims } from '../src/auth/principal';
import type { Purpose, Role } from '../src/auth/vocabulary';
import { newRequestAudit } from '../src/audit/requestAudit';
import { Access, initialAccess } from '../src/policy/access';
import { buildOneFileSchema, buildServedSchema } from '../src/schema/buildSchema';
import type { Context } from '../src/schema/context';
import { createLoaders, Loaders } from '../src/sources/loaders';
import { BenchDatabases, prepareBenchDatabases } from './benchDatabases';
import { PERSONS_LIST, PERSONS_LIST_LEAVES, samplePersonIds } from './documents';
import { LoadRecording, primeLoaders, recordLoads } from './primedLoaders';
import { fmt, median, quantile, ratio, shuffle } from './stats';

/** One side of the comparison: a schema and the access state its requests carry. */
export interface Variant {
  name: 'off' | 'on-police' | 'on-police-norec' | 'on-street';
  schema: GraphQLSchema;
  access: Access;
  /** Whether the access log's disclosure recorder runs (it is called by the policy's leaf wrapper). */
  recordDisclosures: boolean;
}

/** Most ids `persons(ids)` takes (MAX_BATCH_IDS). */
const LIST_SIZE = 500;
/** Target of issue 3: policy on ≤ 1.3× policy off. */
export const POLICY_TARGET = 1.3;

function accessFor(served: ReturnType<typeof buildServedSchema>, role: Role, purpose: Purpose): Access {
  const principal = principalFromClaims({ sub: `bench-${role.toLowerCase()}`, role, client_app: 'bench', grids: role === 'STREET_STAFF' ? ['110101001001-G01'] : undefined });
  return { ...initialAccess(principal, purpose, null), purpose, decisions: served.engine.decisionsFor(role, purpose) };
}

/** The three variants: policy off, policy on with all fields allowed, policy on with masks and denials. */
export function buildVariants(): Variant[] {
  const served = buildServedSchema();
  const police = accessFor(served, 'POLICE_OFFICER', 'EMERGENCY');
  const street = accessFor(served, 'STREET_STAFF', 'HOME_VISIT');
  return [
    { name: 'off', schema: buildOneFileSchema(), access: police, recordDisclosures: true },
    { name: 'on-police', schema: served.schema, access: police, recordDisclosures: true },
    { name: 'on-police-norec', schema: served.schema, access: police, recordDisclosures: false },
    { name: 'on-street', schema: served.schema, access: street, recordDisclosures: true },
  ];
}

/** A request context as the HTTP server builds it (row scope `all`), for one variant. */
export function benchContext(variant: Variant, loaders: Loaders): Context {
  const audit = newRequestAudit();
  audit.touchesResidentData = true;
  if (!variant.recordDisclosures) audit.recorder.record = () => undefined;
  return { requestId: 'bench', access: { ...variant.access }, audit, loaders };
}

/** Runs the list query once with fresh loaders (primed from `recording` when given); returns ms and the result. */
async function runOnce(bench: BenchDatabases, variant: Variant, document: DocumentNode, ids: string[], recording?: LoadRecording) {
  const loaders = createLoaders(bench.dbs, { kind: 'all' });
  if (recording) primeLoaders(loaders, recording);
  const contextValue = benchContext(variant, loaders);
  const started = performance.now();
  const result = (await execute({ schema: variant.schema, document, contextValue, variableValues: { ids } })) as ExecutionResult;
  return { ms: performance.now() - started, result };
}

/** Records what the query loads (one policy-off run), for the primed mode. */
async function record(bench: BenchDatabases, off: Variant, document: DocumentNode, ids: string[]): Promise<LoadRecording> {
  const loaders = createLoaders(bench.dbs, { kind: 'all' });
  const recorder = recordLoads(loaders);
  await execute({ schema: off.schema, document, contextValue: benchContext(off, loaders), variableValues: { ids } });
  return recorder.settle();
}

/** Checks the variants answer as expected and describes what each returned. */
function describe(results: Map<string, ExecutionResult>): string[] {
  const off = results.get('off');
  const lines: string[] = [];
  for (const [name, result] of results) {
    const persons = ((result.data?.persons ?? []) as unknown[]).filter(Boolean).length;
    const codes = new Map<string, number>();
    for (const e of result.errors ?? []) {
      const code = String((e.originalError as { code?: string } | undefined)?.code ?? e.message);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    const same = off && name !== 'off' ? (JSON.stringify(result.data) === JSON.stringify(off.data) ? 'data identical to off' : 'data differs from off (masked/denied)') : '';
    lines.push(`  ${name.padEnd(15)} ${persons} persons, errors: ${codes.size ? [...codes].map(([c, n]) => `${c}×${n}`).join(', ') : 'none'} ${same}`);
  }
  if (off?.errors?.length) throw new Error(`policy-off run returned errors: ${off.errors[0].message}`);
  for (const name of ['on-police', 'on-police-norec']) {
    const police = results.get(name);
    if (police && JSON.stringify(police.data) !== JSON.stringify(off?.data)) throw new Error(`${name} should return exactly the policy-off data (every field ALLOW)`);
  }
  return lines;
}

interface ModeResult {
  mode: 'db' | 'primed';
  samples: Map<string, number[]>;
  queriesPerRun: number;
}

/** Warm-up, then `iterations` rounds; each round runs every variant once in a shuffled order. */
async function measure(bench: BenchDatabases, variants: Variant[], document: DocumentNode, ids: string[], opts: { iterations: number; warmup: number; recording?: LoadRecording }): Promise<ModeResult> {
  let queries = 0;
  const count = () => void (queries += 1);
  for (const db of Object.values(bench.dbs)) db.on('query', count);
  const samples = new Map(variants.map((v) => [v.name as string, [] as number[]]));
  let runs = 0;
  for (let round = 0; round < opts.warmup + opts.iterations; round++) {
    for (const variant of shuffle([...variants], round + 1)) {
      const { ms } = await runOnce(bench, variant, document, ids, opts.recording);
      runs += 1;
      if (round >= opts.warmup) samples.get(variant.name)!.push(ms);
    }
  }
  for (const db of Object.values(bench.dbs)) db.removeListener('query', count);
  return { mode: opts.recording ? 'primed' : 'db', samples, queriesPerRun: queries / runs };
}

/** A markdown table of one mode's medians, p90 and on/off ratios. */
export function report(result: ModeResult): string[] {
  const off = result.samples.get('off');
  const offMedian = off ? median(off) : Number.NaN;
  const lines = [
    `### ${result.mode === 'db' ? 'With PostgreSQL (fresh loaders per iteration)' : 'Primed loaders (no I/O: execution only)'} — ${fmt(result.queriesPerRun, 1)} SQL queries per execution`,
    '',
    '| variant | median ms | p90 ms | n | ratio vs off (medians) | median of paired ratios |',
    '|---|---|---|---|---|---|',
  ];
  for (const [name, samples] of result.samples) {
    const paired = off ? samples.map((ms, i) => ms / off[i]) : [];
    lines.push(`| ${name} | ${fmt(median(samples))} | ${fmt(quantile(samples, 0.9))} | ${samples.length} | ${off ? ratio(median(samples) / offMedian) : 'n/a'} | ${off ? ratio(median(paired)) : 'n/a'} |`);
  }
  lines.push('');
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      residents: { type: 'string', default: '20000' },
      iterations: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '15' },
      mode: { type: 'string', default: 'both' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const residents = Number(values.residents);
  const iterations = Number(values.iterations);
  const warmup = Number(values.warmup);
  const all = buildVariants();
  const variants = values.only ? all.filter((v) => v.name === values.only) : all;
  if (!variants.length) throw new Error(`--only must be one of ${all.map((v) => v.name).join(', ')}`);
  const dataDir = path.join('.data', `bench-policy-${process.pid}`);
  const bench = await prepareBenchDatabases({ residents, dataDir, keep: values.keep });
  try {
    const document = parse(PERSONS_LIST);
    const ids = await samplePersonIds(bench.dbs, LIST_SIZE);
    const first = new Map<string, ExecutionResult>();
    for (const v of all) first.set(v.name, (await runOnce(bench, v, document, ids)).result);
    const lines = [
      `## Policy layer cost: persons(ids) × ${ids.length}, ${PERSONS_LIST_LEAVES} leaf fields each (${residents} residents, ${bench.where})`,
      '',
      `node ${process.version}, ${iterations} interleaved iterations per variant after ${warmup} warm-up rounds; target ≤ ${POLICY_TARGET}×`,
      '',
      ...describe(first).map((l) => `    ${l.trim()}`),
      '',
    ];
    const modes = values.mode === 'both' ? ['db', 'primed'] : [values.mode];
    for (const mode of modes) {
      const recording = mode === 'primed' ? await record(bench, all[0], document, ids) : undefined;
      const result = await measure(bench, variants, document, ids, { iterations, warmup, recording });
      lines.push(...report(result));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await bench.close();
    if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
