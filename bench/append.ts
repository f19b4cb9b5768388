/**
 * `npm run bench:append`: the cost of writing access records, without HTTP or GraphQL. Appends
 * realistic records (a search page: 20 residents, 20 households, 3 disclosure groups of ~25
 * fields) through the hub's AuditStore as the serving login, and prints per append: latency
 * (median, p99) one at a time, Node and PostgreSQL CPU, and throughput and waits (median, p99,
 * max) with 32 concurrent writers (group commit), against the previous append function measured in
 * the same run (ratios). Options: --appends N (2000 per variant) --concurrency C (32).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { parse } from 'graphql';
import type { AccessRecord } from '../src/audit/accessRecord';
import { documentFingerprint } from '../src/audit/documentFingerprint';
import { AuditStore } from '../src/audit/auditStore';
import { closeDatabases, openDatabases } from '../src/db/databases';
import { prepareBenchDatabases } from './benchDatabases';
import { cpuMeter } from './cpuMeter';
import { installLegacyAppend, LegacyAuditStore } from './legacyAppend';
import { fmt, median, quantile, ratio } from './stats';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const APPENDS = option('appends', 2000);
const CONCURRENCY = option('concurrency', 32);
const DATA_DIR = path.resolve('.data/bench-append');

const FIELDS = ['Person.id', 'Person.name', 'Person.age', 'Person.sex', 'Person.actualAddress', 'Address.text', 'Household.id', 'Household.size', 'Household.address'];

function record(): AccessRecord {
  const residents = Array.from({ length: 20 }, () => randomUUID());
  const households = Array.from({ length: 20 }, () => randomUUID());
  return {
    occurredAt: new Date().toISOString(), requestId: randomUUID(), subject: 'bench-worker-1', role: 'STREET_STAFF', department: 'street',
    clientApp: 'grid-app', purpose: 'HOME_VISIT', caseNumber: null, operationName: 'GridTagSearch', documentHash: documentFingerprint(randomBytes(32), parse('query GridTagSearch { viewer { role } }')),
    outcome: 'DISCLOSED', durationMs: 12, residents, households, misses: 0,
    disclosures: [
      { subjects: residents.slice(0, 10), ALLOW: FIELDS, MASK: ['Person.idNumber', 'Person.phone'], DENY: [] },
      { subjects: residents.slice(10), ALLOW: FIELDS.slice(0, 5), MASK: ['Person.idNumber'], DENY: ['Person.ethnicity'] },
      { subjects: households, ALLOW: ['Household.id', 'Household.size', 'HouseholdTags.disabled'], MASK: [], DENY: [] },
    ],
    decisions: ['ALLOW', 'MASK', 'DENY'],
  };
}

interface Measured {
  latencies: number[];
  waits: number[];
  seconds: number;
  one: { nodeMs: number; postgresMs: number };
  many: { nodeMs: number; postgresMs: number };
  appends: number;
}

/** One round for one store: `appends` records one at a time, then `appends` with CONCURRENCY writers. */
async function round(store: AuditStore, meter: ReturnType<typeof cpuMeter>, appends: number): Promise<Measured> {
  const latencies: number[] = [];
  let stop = meter.start();
  for (let i = 0; i < appends; i++) {
    const r = record();
    const t0 = process.hrtime.bigint();
    await store.append(r);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const one = stop();
  stop = meter.start();
  const t0 = Date.now();
  let next = 0;
  const waits: number[] = [];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < appends) {
      const r = record();
      const started = process.hrtime.bigint();
      await store.append(r);
      waits.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }));
  return { latencies, waits, seconds: (Date.now() - t0) / 1000, one, many: stop(), appends };
}

function merge(rounds: Measured[]): Measured {
  const sum = (f: (m: Measured) => number) => rounds.reduce((a, m) => a + f(m), 0);
  return {
    latencies: rounds.flatMap((m) => m.latencies), waits: rounds.flatMap((m) => m.waits), seconds: sum((m) => m.seconds), appends: sum((m) => m.appends),
    one: { nodeMs: sum((m) => m.one.nodeMs), postgresMs: sum((m) => m.one.postgresMs) },
    many: { nodeMs: sum((m) => m.many.nodeMs), postgresMs: sum((m) => m.many.postgresMs) },
  };
}

function report(label: string, m: Measured): void {
  console.log(`  ${label}`);
  console.log(`    one at a time:   median ${fmt(median(m.latencies))} ms, p99 ${fmt(quantile(m.latencies, 0.99))} ms; CPU per append: node ${fmt(m.one.nodeMs / m.appends, 3)} ms, postgres ${fmt(m.one.postgresMs / m.appends, 3)} ms`);
  console.log(`    ${CONCURRENCY} concurrent: ${Math.round(m.appends / m.seconds)} appends/s, wait per append median ${fmt(median(m.waits))} ms, p99 ${fmt(quantile(m.waits, 0.99))} ms, max ${fmt(Math.max(...m.waits))} ms; CPU per append: node ${fmt(m.many.nodeMs / m.appends, 3)} ms, postgres ${fmt(m.many.postgresMs / m.appends, 3)} ms`);
}

/**
 * The hub's store (the database builds each canonical text) against the previous form (Node builds
 * it and passes it along, bench/legacyAppend.ts) in the same run, in alternating rounds so both see
 * the same machine load; prints both and the ratios.
 */
async function main(): Promise<void> {
  const bench = await prepareBenchDatabases({ residents: 1000, dataDir: DATA_DIR, keep: false, log: () => undefined });
  await installLegacyAppend(bench.dbs.hub);
  const serving = openDatabases(bench.urls, { poolMax: 10, as: 'serve' });
  const stores = { current: new AuditStore(serving.hub), legacy: new LegacyAuditStore(serving.hub) };
  const meter = cpuMeter(DATA_DIR);
  try {
    for (const store of Object.values(stores)) for (let i = 0; i < 200; i++) await store.append(record());
    const rounds: Record<keyof typeof stores, Measured[]> = { current: [], legacy: [] };
    const half = Math.ceil(APPENDS / 2);
    for (let r = 0; r < 2; r++) {
      for (const name of (r % 2 ? ['current', 'legacy'] : ['legacy', 'current']) as Array<keyof typeof stores>) rounds[name].push(await round(stores[name], meter, half));
    }
    const current = merge(rounds.current);
    const legacy = merge(rounds.legacy);
    console.log(`access-log appends (${current.appends} records of a 20-resident search page per variant, serving login, ${bench.where})`);
    report('canonical text built by the database (append_access_records(records)):', current);
    report('baseline, canonical text passed by Node (the previous append_access_records(canonicals, records)):', legacy);
    console.log(`  ratios current/baseline: one-at-a-time median ${ratio(median(current.latencies) / median(legacy.latencies))}, postgres CPU per append ${ratio(current.one.postgresMs / Math.max(legacy.one.postgresMs, 1))} (one at a time) ${ratio(current.many.postgresMs / Math.max(legacy.many.postgresMs, 1))} (concurrent), node CPU per append ${ratio(current.one.nodeMs / Math.max(legacy.one.nodeMs, 1))}, throughput ${ratio((current.appends / current.seconds) / (legacy.appends / legacy.seconds))}, p99 wait ${ratio(quantile(current.waits, 0.99) / quantile(legacy.waits, 0.99))}`);
  } finally {
    await closeDatabases(serving);
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
