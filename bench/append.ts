/**
 * `npm run bench:append`: the cost of writing access records, without HTTP or GraphQL. Appends
 * realistic records (a search page: 20 residents, 20 households, 3 disclosure groups of ~25
 * fields) through the hub's AuditStore as the serving login, and prints per append: latency
 * (median, p99) one at a time, Node and PostgreSQL CPU, and throughput and waits (median, p99,
 * max) with 32 concurrent writers (group commit). Options: --appends N (2000) --concurrency C (32).
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
import { fmt, median, quantile } from './stats';

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

async function main(): Promise<void> {
  const bench = await prepareBenchDatabases({ residents: 1000, dataDir: DATA_DIR, keep: false, log: () => undefined });
  const serving = openDatabases(bench.urls, { poolMax: 10, as: 'serve' });
  const store = new AuditStore(serving.hub);
  const meter = cpuMeter(DATA_DIR);
  try {
    for (let i = 0; i < 200; i++) await store.append(record());
    const latencies: number[] = [];
    let stop = meter.start();
    for (let i = 0; i < APPENDS; i++) {
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
      while (next++ < APPENDS) {
        const r = record();
        const started = process.hrtime.bigint();
        await store.append(r);
        waits.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }));
    const seconds = (Date.now() - t0) / 1000;
    const many = stop();
    console.log(`access-log appends (${APPENDS} records of a 20-resident search page, serving login, ${bench.where})`);
    console.log(`  one at a time:   median ${fmt(median(latencies))} ms, p99 ${fmt(quantile(latencies, 0.99))} ms; CPU per append: node ${fmt(one.nodeMs / APPENDS, 3)} ms, postgres ${fmt(one.postgresMs / APPENDS, 3)} ms`);
    console.log(`  ${CONCURRENCY} concurrent: ${Math.round(APPENDS / seconds)} appends/s, wait per append median ${fmt(median(waits))} ms, p99 ${fmt(quantile(waits, 0.99))} ms, max ${fmt(Math.max(...waits))} ms; CPU per append: node ${fmt(many.nodeMs / APPENDS, 3)} ms, postgres ${fmt(many.postgresMs / APPENDS, 3)} ms`);
  } finally {
    await closeDatabases(serving);
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
