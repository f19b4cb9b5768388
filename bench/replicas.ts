/**
 * `npm run build:bench && node dist-bench/bench/replicas.js [-- options]` (issue 15, replicas):
 * 1, 2 and 3 hub processes on the same databases, the load spread over them, then a check that
 * the one access-log chain they all appended to verifies.
 *
 * For each process count N and each target (`hub`: policy and access log on; `hub-nolog`: the same
 * without writing the log, to see what the chain costs as N grows), N bench/serve.ts children are
 * started and loaded at once, each by its own autocannon with `connections / N` clients, for
 * `--warmup` seconds discarded and `--seconds` measured, `--rounds` times (the process counts and
 * targets interleaved within each round). Reported per N: total and per-process req/s, p50/p99,
 * Node CPU per request (all processes), PostgreSQL CPU per request, and how many backends were
 * waiting on a lock (sampled every 50 ms from pg_stat_activity: appends queueing for the chain's
 * head row show up here). Afterwards the whole chain is verified from record 1 (src/audit/verifyChain.ts,
 * as `npm run audit:verify` does, without signed checkpoints: the bench hubs run without a signer)
 * and the records appended during the run are compared with the requests the hubs answered.
 *
 * Options: --residents 100000 --processes 1,2,3 --connections 32 --seconds 10 --warmup 3 --rounds 2
 *          --scenario household|person --samples 2000 --pool 10 --keep --out FILE
 * Ports: BENCH_PG_PORT the embedded cluster's, BENCH_PORT_BASE + 1, + 2, ... the hub processes' (else free ports).
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { exportSPKI, generateKeyPair } from 'jose';
import { verifyChain } from '../src/audit/verifyChain';
import { issueToken } from '../src/auth/issueToken';
import { prepareBenchDatabases } from './benchDatabases';
import { postgresPids, processCpuMs } from './cpuMeter';
import { HOUSEHOLD_FILE, PERSON_FILE, sampleHouseholdIds, samplePersonIds } from './documents';
import { LoadResult, measureLoad } from './load';
import type { Target } from './serve';
import { fmt, median, ratio } from './stats';
import { RunningTarget, startTarget } from './targets';

const ISSUER = 'onefile-bench';
const AUDIENCE = 'onefile';

interface Window {
  processes: number;
  target: Target;
  round: number;
  loads: LoadResult[];
  requests: number;
  nodeMs: number;
  postgresMs: number;
  /** Mean number of backends waiting on a lock (sampled). */
  lockWaiters: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      residents: { type: 'string', default: '100000' },
      processes: { type: 'string', default: '1,2,3' },
      connections: { type: 'string', default: '32' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      scenario: { type: 'string', default: 'household' },
      targets: { type: 'string', default: 'hub,hub-nolog' },
      samples: { type: 'string', default: '2000' },
      pool: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const residents = Number(values.residents);
  const counts = values.processes!.split(',').map(Number);
  const targets = values.targets!.split(',') as Target[];
  const connections = Number(values.connections);
  const scenario = values.scenario === 'person' ? 'person' : 'household';
  const bench = await prepareBenchDatabases({ residents, keep: values.keep! || residents >= 1_000_000, log });
  const windows: Window[] = [];
  try {
    const ids = scenario === 'person' ? await samplePersonIds(bench.dbs, Number(values.samples)) : await sampleHouseholdIds(bench.dbs, Number(values.samples));
    const body = (id: string) => JSON.stringify({ query: scenario === 'person' ? PERSON_FILE : HOUSEHOLD_FILE, variables: { id } });
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const token = await issueToken(privateKey, 'EdDSA', ISSUER, AUDIENCE, { role: 'POLICE_OFFICER', subject: 'bench-police', clientApp: 'bench', ttlSeconds: 8 * 3600 });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'EMERGENCY' };
    const env = {
      BENCH_URLS: JSON.stringify(bench.urls), BENCH_PUBLIC_KEY: await exportSPKI(publicKey), BENCH_ISSUER: ISSUER,
      BENCH_AUDIENCE: AUDIENCE, BENCH_POOL_MAX: values.pool!, BENCH_PEER_URL: '',
    };
    const headBefore = Number((await bench.dbs.hub.raw('SELECT seq FROM access_log_head WHERE id = 1')).rows[0]?.seq ?? 0);
    let hubRequests = 0;
    // BENCH_PORT_BASE: process i listens on the port base + 1 + i, as `npm run bench`'s targets do (else any free port).
    const portBase = Number(process.env.BENCH_PORT_BASE) || 0;
    for (let round = 0; round < Number(values.rounds); round++) {
      const order = counts.flatMap((n) => targets.map((target) => ({ n, target })));
      if (round % 2 === 1) order.reverse();
      for (const { n, target } of order) {
        const started: RunningTarget[] = [];
        try {
          for (let i = 0; i < n; i++) started.push(await startTarget(target, env, undefined, portBase ? portBase + 1 + i : 0));
          const per = Math.max(1, Math.round(connections / n));
          let cpuStart: { node: number[]; pg: Map<number, number> } | undefined;
          let waiters: number[] = [];
          let sampling: NodeJS.Timeout | undefined;
          let resets = 0;
          const loads = await Promise.all(started.map((t, i) => measureLoad({
            origin: new URL(t.url).origin,
            headers,
            requests: ids.slice(i).concat(ids.slice(0, i)).map((id) => ({ method: 'POST' as const, path: '/graphql', body: body(id) })),
            connections: per,
            seconds: Number(values.seconds),
            warmupSeconds: Number(values.warmup),
            beforeMeasure: async () => {
              await t.reset();
              if (++resets === started.length) {
                cpuStart = { node: started.map((s) => processCpuMs(s.pid)), pg: new Map(postgresPids(bench.dataDir!).map((p) => [p, processCpuMs(p)])) };
                waiters = [];
                sampling = setInterval(() => {
                  void bench.dbs.hub.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)
                    .then((r) => waiters.push(r.rows[0].n), () => undefined);
                }, 50);
              }
            },
            verifyBody: (b) => b.startsWith('{"data":{') && !b.includes('"errors"'),
          })));
          clearInterval(sampling);
          const nodeMs = started.reduce((a, s, i) => a + processCpuMs(s.pid) - (cpuStart?.node[i] ?? 0), 0);
          let postgresMs = 0;
          for (const p of postgresPids(bench.dataDir!)) postgresMs += processCpuMs(p) - (cpuStart?.pg.get(p) ?? 0);
          let requests = 0;
          for (const t of started) requests += (await t.stats()).requests;
          if (target === 'hub') hubRequests += requests;
          const w: Window = { processes: n, target, round, loads, requests, nodeMs, postgresMs, lockWaiters: waiters.length ? waiters.reduce((a, b) => a + b, 0) / waiters.length : NaN };
          windows.push(w);
          log(`  round ${round + 1} ${target} ×${n}: ${fmt(loads.reduce((a, l) => a + l.rps, 0), 0)} req/s (${loads.map((l) => fmt(l.rps, 0)).join(' + ')}), lock waiters ${fmt(w.lockWaiters, 1)}`);
        } finally {
          for (const t of started) await t.stop();
        }
      }
    }
    // The one chain all processes appended to, verified from its first record.
    const started = performance.now();
    const { publicKey: anyKey } = generateKeyPairSync('ed25519');
    const verified = await verifyChain(bench.dbs.hub, anyKey);
    const verifySeconds = (performance.now() - started) / 1000;
    const appended = verified.headSeq - headBefore;
    const report = render(windows, counts, targets, connections, scenario, residents, bench.where);
    const chain = `- access-log chain after the run: ${verified.ok ? '**verifies**' : `**BROKEN** at ${JSON.stringify(verified.broken)}`} (${verified.records} records from record 1, head ${verified.headSeq}, ${fmt(verifySeconds, 1)} s); ${appended} records appended during the run for ${hubRequests} requests answered by the \`hub\` processes (measured windows only; warm-ups append too)`;
    const text = `${report}\n${chain}\n`;
    process.stdout.write(text);
    if (values.out) fs.writeFileSync(values.out, text);
  } finally {
    await bench.close();
  }
}

function render(ws: Window[], counts: number[], targets: Target[], connections: number, scenario: string, residents: number, where: string): string {
  const lines = [
    `#### Replicas: ${scenario} file, ${residents.toLocaleString('en-US')} residents, ${connections} clients spread over the processes (medians over rounds)`,
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}. Databases: ${where}.`,
    '',
    '| target | processes | req/s total | req/s per process | p50 ms | p99 ms | Node CPU ms/req (all processes) | PostgreSQL CPU ms/req | lock waiters (mean) | bad |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const med = (t: Target, n: number, pick: (w: Window) => number) => median(ws.filter((w) => w.target === t && w.processes === n).map(pick));
  const total = (w: Window) => w.loads.reduce((a, l) => a + l.rps, 0);
  for (const t of targets) {
    for (const n of counts) {
      const bad = ws.filter((w) => w.target === t && w.processes === n).reduce((a, w) => a + w.loads.reduce((b, l) => b + l.bad, 0), 0);
      lines.push(`| ${t} | ${n} | ${fmt(med(t, n, total), 0)} | ${fmt(med(t, n, total) / n, 0)} | ${fmt(med(t, n, (w) => median(w.loads.map((l) => l.p50))))} | ${fmt(med(t, n, (w) => Math.max(...w.loads.map((l) => l.p99))))} | ${fmt(med(t, n, (w) => w.nodeMs / Math.max(1, w.requests)))} | ${fmt(med(t, n, (w) => w.postgresMs / Math.max(1, w.requests)))} | ${fmt(med(t, n, (w) => w.lockWaiters), 1)} | ${bad} |`);
    }
  }
  lines.push('');
  for (const n of counts.filter((c) => c !== counts[0])) {
    for (const t of targets) lines.push(`- ${t}: ${n} processes vs ${counts[0]}: total throughput ${ratio(med(t, n, total) / med(t, counts[0], total))}`);
  }
  if (targets.includes('hub') && targets.includes('hub-nolog')) {
    for (const n of counts) lines.push(`- access log's share at ${n} process(es) (hub / hub-nolog throughput): ${ratio(med('hub', n, total) / med('hub-nolog', n, total))}`);
  }
  return lines.join('\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
