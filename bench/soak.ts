/**
 * `npm run soak -- --minutes N`: the compiled hub in production mode under mixed traffic from every
 * role for N minutes, with faults injected while it runs (a department stopped and restarted, one
 * hung, an auditor storm; `--no-faults` to leave them out), then SIGTERM under load. At the end it
 * checks and prints: no 5xx but the intended 503s (OVERLOADED, SHUTTING_DOWN), exactly one access
 * record per disclosing 200, the chain and its checkpoints verify, the heap is flat (last quarter vs
 * second quarter, from the hub's own /metrics), and the hub drained and exited 0 in its budget.
 * Exit code 1 if any check fails.
 *
 * Options: --minutes 1 --clients 16 --residents 5000 --max-in-flight 32 --civil-cluster-port P. Uses the
 * `*_DATABASE_URL` databases when set (they are re-seeded if their size differs), else a throw-away
 * embedded cluster. Civil affairs is copied into a second embedded cluster of its own (on
 * `--civil-cluster-port`, default a free port; `--no-second-cluster` to leave it out) and served from
 * there, so it can be hung by SIGSTOP.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportSPKI, generateKeyPair } from 'jose';
import { loadCheckpointKeys } from '../src/audit/checkpoints';
import { verifyChain } from '../src/audit/verifyChain';
import { DATABASE_NAMES, databaseUrlVariable } from '../src/config';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';
import { freePort, prepareBenchDatabases } from './benchDatabases';
import { SecondCluster, startSecondCluster } from './soakCluster';
import { soakFaults } from './soakFaults';
import { sendOne, SoakExchange, soakMix, weighted } from './soakTraffic';

const ISSUER = 'onefile-soak';
const AUDIENCE = 'onefile';
const METRICS_TOKEN = 'soak-metrics-token-0123456789';
const SHUTDOWN_SECONDS = 10;
/** Production refuses the development serving password; the soak's throw-away cluster gets this one. */
const SOAK_APP_PASSWORD = 'soak-serving-login-password';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '1' }, clients: { type: 'string', default: '16' }, residents: { type: 'string', default: '5000' },
      'max-in-flight': { type: 'string', default: '32' }, 'no-faults': { type: 'boolean', default: false },
      'civil-cluster-port': { type: 'string' }, 'no-second-cluster': { type: 'boolean', default: false },
    },
  });
  const minutes = Number(values.minutes);
  const clients = Number(values.clients);
  const runMs = minutes * 60_000;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-soak-'));
  const bench = await prepareBenchDatabases({ residents: Number(values.residents), keep: false, poolMax: 4 });
  const owner = bench.dbs;
  let civilCluster: SecondCluster | undefined;
  let failed = false;
  const check = (ok: boolean, what: string) => {
    failed ||= !ok;
    process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${what}\n`);
  };
  try {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    fs.writeFileSync(path.join(work, 'token-public.pem'), await exportSPKI(publicKey));
    const checkpointKeys = loadCheckpointKeys(work);
    const env: NodeJS.ProcessEnv = {
      ...process.env, NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'warn', AUTH_PUBLIC_KEY_FILE: path.join(work, 'token-public.pem'),
      AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, ONEFILE_KEYS_DIR: work, AUDIT_SIGNING_KEY_FILE: path.join(work, 'audit-signing-private.pem'),
      AUDIT_CHECKPOINT_SECONDS: '30', METRICS_TOKEN, MAX_IN_FLIGHT: String(values['max-in-flight']), SHUTDOWN_DRAIN_SECONDS: String(SHUTDOWN_SECONDS),
      // A handful of principals send all the traffic: the per-principal budgets would refuse most of it.
      RATE_LIMIT_REQUESTS: '0', MISS_BUDGET: '0',
    };
    for (const name of DATABASE_NAMES) env[databaseUrlVariable(name)] = bench.urls[name];
    if (!values['no-faults'] && !values['no-second-cluster']) {
      const port = values['civil-cluster-port'] ? Number(values['civil-cluster-port']) : await freePort();
      civilCluster = await startSecondCluster('civil', bench.urls.civil, port, path.resolve('.data', `soak-civil-${process.pid}`));
      env[databaseUrlVariable('civil')] = civilCluster.url;
      process.stdout.write(`civil affairs served from a second cluster (port ${port})\n`);
    }
    // Production refuses the development serving password and a generated document key.
    env.ONEFILE_APP_PASSWORD = SOAK_APP_PASSWORD;
    await owner.hub.raw(`ALTER ROLE onefile_app PASSWORD '${SOAK_APP_PASSWORD}'`);
    env.AUDIT_DOCUMENT_KEY_FILE = path.join(work, 'document.key');
    fs.writeFileSync(env.AUDIT_DOCUMENT_KEY_FILE, randomBytes(32).toString('base64'), { mode: 0o600 });
    const child = spawn(process.execPath, [...HUB_NODE_FLAGS, path.join(__dirname, '..', 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    while (!/serving GraphQL at (\S+)/.test(output)) {
      if (child.exitCode !== null) throw new Error(`hub exited before serving:\n${output}`);
      await sleep(100);
    }
    const url = /serving GraphQL at (\S+)/.exec(output)![1];

    const hub = owner.hub;
    const persons = await hub('person_index').orderByRaw('random()').limit(300).pluck('id');
    const grid = (await hub('grids').orderBy('id').first()).id as string;
    const gridBuildings = await hub('buildings').where({ grid_id: grid }).pluck('code');
    const householdNos = await owner.police('households').whereIn('building_code', gridBuildings).limit(200).pluck('household_no');
    const gridHouseholds: string[] = await hub('household_index').whereIn('household_no', householdNos).pluck('id');
    const mix = await soakMix(privateKey, ISSUER, AUDIENCE, { persons, gridHouseholds: gridHouseholds.length ? gridHouseholds : persons, grid, resident: persons[0] }, minutes);
    const next = weighted(gridHouseholds.length ? mix : mix.filter((k) => k.name !== 'street household'));

    const memory: Array<{ at: number; heap: number; rss: number }> = [];
    const started = Date.now();
    const scrape = setInterval(async () => {
      const text = await (await fetch(url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text().catch(() => '');
      const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
      if (text) memory.push({ at: Date.now() - started, heap: read('nodejs_heap_size_used_bytes'), rss: read('process_resident_memory_bytes') });
    }, 5000);

    let stopped = false;
    const exchanges: SoakExchange[] = [];
    const loops = Array.from({ length: clients }, async () => {
      while (!stopped) {
        const e = await sendOne(url, next());
        exchanges.push(e);
        if (e.error === 'ECONNREFUSED') break;
        if (e.status === 503) await sleep(100);
      }
    });
    const auditor = mix.find((k) => k.name === 'auditor log page')!;
    const storm = () => fetch(url, { method: 'POST', headers: { ...auditor.headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ accessAnomalies { kind } }' }) }).then((r) => r.text());
    const names = Object.fromEntries(DATABASE_NAMES.map((n) => [n, new URL(bench.urls[n]).pathname.slice(1)]));
    const faults = values['no-faults'] ? [] : soakFaults(owner, names, Math.max(5, Math.round(runMs / 1000 / 8)), storm, civilCluster);
    for (const [i, fault] of faults.entries()) {
      await sleep(Math.max(0, ((i + 1) * runMs) / (faults.length + 2) - (Date.now() - started)));
      process.stdout.write(`fault at ${Math.round((Date.now() - started) / 1000)} s: ${fault.name} … ${await fault.run()}\n`);
    }
    await sleep(Math.max(0, runMs - (Date.now() - started)));
    clearInterval(scrape);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const shutdownMs = Date.now() - signalledAt;
    stopped = true;
    await Promise.all(loops);

    // Figures.
    const byStatus = new Map<string, number>();
    for (const e of exchanges) {
      const key = e.status ? `${e.status}${e.status === 503 ? ` ${e.codes[0]}` : ''}` : `error ${e.error}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    const ok = exchanges.filter((e) => e.status === 200);
    const latencies = ok.map((e) => e.ms);
    process.stdout.write(`\n${exchanges.length} requests in ${minutes} min from ${clients} clients: ${[...byStatus].map(([k, n]) => `${k}: ${n}`).join(', ')}\n`);
    const codes = new Map<string, number>();
    for (const c of ok.flatMap((e) => [...new Set(e.codes)])) codes.set(c, (codes.get(c) ?? 0) + 1);
    process.stdout.write(`200s: p50 ${median(latencies).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms; 200s carrying field errors: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}\n`);

    // Checks.
    const unintended = exchanges.filter((e) => (e.status !== undefined && e.status >= 500 && !(e.status === 503 && ['OVERLOADED', 'SHUTTING_DOWN'].includes(e.codes[0]))));
    check(unintended.length === 0, `no 5xx but intended 503s (OVERLOADED, SHUTTING_DOWN): ${unintended.length} others${unintended.length ? ` (${[...new Set(unintended.map((e) => `${e.status} ${e.codes[0] ?? ''}`))].join(', ')})` : ''}`);
    const resets = exchanges.filter((e) => e.error && e.error !== 'ECONNREFUSED');
    check(resets.length === 0, `no reset or failed exchange (refused connections after the drain aside): ${resets.length}`);
    const disclosing = ok.filter((e) => e.discloses);
    const counts = new Map<string, number>();
    for (let i = 0; i < disclosing.length; i += 5000) {
      const rows = await hub('access_log').whereIn('request_id', disclosing.slice(i, i + 5000).map((e) => e.requestId)).select('request_id');
      for (const r of rows as Array<{ request_id: string }>) counts.set(r.request_id, (counts.get(r.request_id) ?? 0) + 1);
    }
    const exactlyOne = disclosing.filter((e) => counts.get(e.requestId) === 1).length;
    check(exactlyOne === disclosing.length, `exactly one access record per disclosing 200: ${exactlyOne}/${disclosing.length}`);
    for (const e of disclosing.filter((x) => counts.get(x.requestId) !== 1).slice(0, 5)) {
      process.stdout.write(`      ${e.kind}: ${counts.get(e.requestId) ?? 0} records, codes [${e.codes.join(', ')}], ${e.ms.toFixed(0)} ms, request ${e.requestId}\n`);
    }
    const chain = await verifyChain(hub, checkpointKeys.publicKey);
    check(chain.ok, `the chain verifies: ${chain.records} records, ${chain.checkpoints} checkpoints${chain.ok ? '' : `, broken at ${chain.broken?.seq}: ${chain.broken?.reason}`}`);
    const quarter = (q: number) => memory.filter((m) => m.at >= (q * runMs) / 4 && m.at < ((q + 1) * runMs) / 4).map((m) => m.heap);
    const [early, late] = [median(quarter(1)), median(quarter(3))];
    check(!(late > early * 1.25), `heap flat: median ${(early / 2 ** 20).toFixed(0)} MiB in the second quarter, ${(late / 2 ** 20).toFixed(0)} MiB in the last (${((late / early - 1) * 100).toFixed(0)}%); rss max ${(Math.max(...memory.map((m) => m.rss)) / 2 ** 20).toFixed(0)} MiB`);
    check(code === 0 && shutdownMs < SHUTDOWN_SECONDS * 1000, `SIGTERM under load: exit ${code} after ${shutdownMs} ms (budget ${SHUTDOWN_SECONDS} s)`);
    return failed ? 1 : 0;
  } finally {
    await civilCluster?.close();
    await bench.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`soak failed to run: ${(err as Error).stack}\n`);
    process.exit(2);
  },
);
