/**
 * `npm run bench [-- options]` (issue 6): the hub against the floor, at one or more population sizes.
 *
 * For each size it seeds (or reuses) the databases — an embedded PostgreSQL in `.data/bench-<N>`,
 * kept for reuse from 1,000,000 residents up, or the `*_DATABASE_URL` databases (re-seeded when the
 * size differs!) — then starts each target in its own child process (bench/serve.ts: `hub`,
 * `hub-nolog`, `hub-off`, `floor`) and loads it with autocannon from this process, only on
 * 127.0.0.1, at 1 and at 32 connections: (1) the full person file by id as POLICE_OFFICER /
 * EMERGENCY, (2) the household file with members. Every window is `--warmup` seconds discarded,
 * then `--seconds` measured. Per window: requests/s, exact p50/p99, SQL statements per request
 * (counted in the server) and the server's peak RSS (sampled in the server every 20 ms).
 *
 * (3) The searches against their hand-written floors (issues 5 and 15): unless --no-search, bench/search.ts
 * `--floor --no-before` then runs in a child process, in its own embedded cluster per size
 * (`.data/bench-search` at 1,000,000, `.data/bench-search-<N>` otherwise; seeded once): at the largest size
 * the grid tag search page (a) and the name search (b), each against its floor, answers checked equal first,
 * `--rounds` interleaved rounds at 4 and 8 clients, `--seconds` per window; at every other size of
 * --residents only (b), at 8 clients, for its latency across sizes. Its output joins the report, with (b)'s
 * p50/p99 per size and largest / smallest.
 * (4) The report ends with issue 15's targets judged from this run's own windows (bench/issueTargets.ts).
 *
 * Options: --residents 10000,1000000 (default 1000000) --seconds 10 --warmup 3 --connections 32
 *          --targets hub,hub-nolog,hub-off,floor,peer (also hub-replan, hub-pertable, hub-noahead, hub-noshare) --scenarios person,household --rounds 1 --no-search
 *          --search-before (also the search page's hub-before variant) --samples 2000 --pool 10 --keep (keep every data dir)
 *          --profile hub,floor (cpu-prof these) --out FILE (also write the markdown there)
 * Ports: BENCH_PG_PORT the embedded clusters' (one at a time), BENCH_PORT_BASE + 1, + 2, ... the servers' (else free ports).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportSPKI, generateKeyPair } from 'jose';
import { issueToken } from '../src/auth/issueToken';
import { prepareBenchDatabases } from './benchDatabases';
import { HOUSEHOLD_FILE, PERSON_FILE, sampleHouseholdIds, samplePersonIds } from './documents';
import { LoadRequest, measureLoad } from './load';
import { serverCpu } from './cpuMeter';
import { issueTargets, renderIssueTargets } from './issueTargets';
import type { Measurement, Scenario } from './measurement';
import { canonicalJson, PEER_HOUSEHOLD_FILE, PEER_PERSON_FILE, peerHouseholdAnswer, peerPersonAnswer } from './peerDocuments';
import { preparePeerDatabase } from './peerDatabase';
import { ensurePeerPackages } from './peerServer';
import { selfTimes } from './profile';
import { runSearchPhase } from './searchPhase';
import type { Target } from './serve';
import { RunningTarget, startTarget } from './targets';
import { fmt, median, mib, ratio } from './stats';

const ISSUER = 'onefile-bench';
const AUDIENCE = 'onefile';
const SCENARIOS = { person: PERSON_FILE, household: HOUSEHOLD_FILE } as const;
const PEER_SCENARIOS = { person: PEER_PERSON_FILE, household: PEER_HOUSEHOLD_FILE } as const;
const PEER_ANSWERS = { person: peerPersonAnswer, household: peerHouseholdAnswer } as const;

/** Targets of issue 6 for the person file with policy and access log on. */
export const TARGETS_OF_ISSUE_6 = { throughputShareOfFloor: 0.5, p99VersusFloor: 2, singleClientP50Ms: 5 };

function requestsFor(target: Target, scenario: Scenario, ids: string[]): LoadRequest[] {
  if (target === 'floor') return ids.map((id) => ({ method: 'GET', path: `/${scenario}/${id}` }));
  if (target === 'peer') return ids.map((id) => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query: PEER_SCENARIOS[scenario], variables: { id } }) }));
  return ids.map((id) => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query: SCENARIOS[scenario], variables: { id } }) }));
}

/** A body is good when it carries data and, for the hub, no GraphQL errors at all. */
function goodBody(target: Target): (body: string) => boolean {
  return target === 'floor' ? (b) => b.startsWith('{"data":{') : (b) => b.startsWith('{"data":{') && !b.includes('"errors"');
}

/** Fetches one file from every target and checks they agree on it (same person, same members). */
async function crossCheck(targets: RunningTarget[], headers: Record<string, string>, personId: string, householdId: string): Promise<void> {
  for (const [scenario, id] of [['person', personId], ['household', householdId]] as const) {
    const answers = await Promise.all(
      targets.map(async (t) => {
        const [req] = requestsFor(t.target, scenario, [id]);
        const origin = new URL(t.url).origin;
        const res = await fetch(`${origin}${req.path}`, { method: req.method, headers: req.method === 'POST' ? headers : {}, body: req.body });
        const json = (await res.json()) as { data: Record<string, any>; errors?: unknown[] };
        if (json.errors || !json.data) throw new Error(`${t.target} ${scenario}: ${JSON.stringify(json).slice(0, 300)}`);
        const file = t.target === 'floor' ? json.data : json.data[scenario];
        return JSON.stringify(scenario === 'person' ? [file.id, file.name, file.civilAffairs.maritalStatus, file.health.vaccinations.length] : [file.id, file.members.map((m: { name: string }) => m.name)]);
      }),
    );
    if (new Set(answers).size !== 1) throw new Error(`targets disagree on the ${scenario} file: ${answers.join(' vs ')}`);
  }
}

/**
 * Checks the peer's answer equal to the hub's for every sampled key of both files (issue 15): the
 * peer's JSON mapped onto the hub's answer shape (bench/peerDocuments.ts), compared with sorted keys.
 * Throws on the first difference, naming the key.
 */
async function checkPeer(hub: RunningTarget, peer: RunningTarget, headers: Record<string, string>, keys: Record<Scenario, string[]>, log: (s: string) => void): Promise<void> {
  // A source that timed out on a loaded machine answers SOURCE_UNAVAILABLE: asked again, up to three times.
  const post = async (t: RunningTarget, body: string, withAuth: boolean) => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(t.url, { method: 'POST', headers: withAuth ? headers : { 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
      if (!json.errors && json.data) return json.data;
      if (attempt === 3) throw new Error(`${t.target}: ${JSON.stringify(json).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  for (const scenario of Object.keys(keys) as Scenario[]) {
    const ids = keys[scenario];
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const [ours, theirs] = await Promise.all([
          post(hub, JSON.stringify({ query: SCENARIOS[scenario], variables: { id } }), true),
          post(peer, JSON.stringify({ query: PEER_SCENARIOS[scenario], variables: { id } }), false),
        ]);
        const [a, b] = [canonicalJson(ours), canonicalJson(PEER_ANSWERS[scenario](theirs))];
        if (a !== b) throw new Error(`the peer's ${scenario} file for ${id} differs from the hub's:\nhub:  ${a}\npeer: ${b}`);
      }
    };
    await Promise.all(Array.from({ length: 2 }, worker));
    log(`  peer and ${hub.target} agree on all ${ids.length} ${scenario} files`);
  }
}

async function benchSize(residents: number, opts: RunOptions, out: Measurement[], log: (s: string) => void): Promise<string> {
  const keep = opts.keep || residents >= 1_000_000;
  const bench = await prepareBenchDatabases({ residents, keep, log });
  const started: RunningTarget[] = [];
  try {
    const [personIds, householdIds] = await Promise.all([samplePersonIds(bench.dbs, opts.samples), sampleHouseholdIds(bench.dbs, opts.samples)]);
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const token = await issueToken(privateKey, 'EdDSA', ISSUER, AUDIENCE, { role: 'POLICE_OFFICER', subject: 'bench-police', clientApp: 'bench', ttlSeconds: 8 * 3600 }); // the hub's default longest lifetime
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'EMERGENCY' };
    const env = {
      BENCH_URLS: JSON.stringify(bench.urls),
      BENCH_PUBLIC_KEY: await exportSPKI(publicKey),
      BENCH_ISSUER: ISSUER,
      BENCH_AUDIENCE: AUDIENCE,
      BENCH_POOL_MAX: String(opts.pool),
      BENCH_PEER_URL: '',
    };
    if (opts.targets.includes('peer')) {
      await ensurePeerPackages(log);
      env.BENCH_PEER_URL = await preparePeerDatabase(bench.urls, log);
    }
    // BENCH_PORT_BASE: the servers listen on the ports after it, one each (else any free port).
    const portBase = Number(process.env.BENCH_PORT_BASE) || 0;
    for (const target of opts.targets) {
      started.push(await startTarget(target, env, opts.profile.includes(target) ? opts.profileDir : undefined, portBase ? portBase + 1 + started.length : 0));
    }
    await crossCheck(started.filter((t) => t.target !== 'peer'), headers, personIds[0], householdIds[0]);
    const peer = started.find((t) => t.target === 'peer');
    const graphql = started.find((t) => t.target === 'hub') ?? started.find((t) => t.target.startsWith('hub'));
    if (peer && graphql) await checkPeer(graphql, peer, headers, { person: personIds, household: householdIds }, log);
    log(`${residents} residents (${bench.where}${bench.seeded ? `, seeded in ${bench.seedSeconds.toFixed(0)} s` : ', reused'}): targets agree; measuring`);
    for (let round = 0; round < opts.rounds; round++) {
      for (const scenario of opts.scenarios) {
        const ids = scenario === 'person' ? personIds : householdIds;
        for (const connections of [1, opts.connections]) {
          // Rotate the order per window so no target always runs first (warmer or cooler caches).
          const shift = (round + connections + scenario.length) % started.length;
          for (const t of [...started.slice(shift), ...started.slice(0, shift)]) {
            let cpu: () => { nodeMs: number; postgresMs: number } = () => ({ nodeMs: NaN, postgresMs: NaN });
            const load = await measureLoad({
              origin: new URL(t.url).origin,
              headers: t.target === 'floor' ? {} : headers,
              requests: requestsFor(t.target, scenario, ids),
              connections,
              seconds: opts.seconds,
              warmupSeconds: opts.warmup,
              beforeMeasure: async () => {
                await t.reset();
                cpu = serverCpu(t.pid, bench.dataDir);
              },
              verifyBody: goodBody(t.target),
            });
            const used = cpu();
            const server = await t.stats(`${residents}-${scenario}-c${connections}-r${round}`);
            out.push({ residents, scenario, target: t.name, round, load, server, cpu: used });
            log(`  ${scenario} c=${connections} ${t.name}: ${fmt(load.rps, 0)} req/s, p50 ${fmt(load.p50)} ms, p99 ${fmt(load.p99)} ms${load.bad ? `, ${load.bad} bad` : ''}; peak RSS ${mib(server.rssPeak)} (heap used ${mib(server.heapAtPeak)}, new space ${mib(server.newSpaceAtPeak)}, external ${mib(server.externalAtPeak)})`);
          }
        }
      }
    }
    return bench.where;
  } finally {
    for (const t of started) await t.stop();
    await bench.close();
  }
}

interface RunOptions {
  sizes: number[];
  seconds: number;
  warmup: number;
  connections: number;
  /** Targets as named on the command line (bench/targets.ts parseTargetSpec). */
  targets: string[];
  scenarios: Scenario[];
  rounds: number;
  samples: number;
  pool: number;
  keep: boolean;
  /** Targets to run under --cpu-prof. */
  profile: string[];
  profileDir: string;
}

/** Median over rounds of one figure for (size, scenario, target, connections). */
function figure(ms: Measurement[], size: number, scenario: Scenario, target: string, connections: number, pick: (m: Measurement) => number): number {
  return median(ms.filter((m) => m.residents === size && m.scenario === scenario && m.target === target && m.load.connections === connections).map(pick));
}

/** The markdown report: per size and scenario, every target at 1 and N connections, and the ratios. */
export function renderReport(ms: Measurement[], opts: RunOptions): string {
  const lines: string[] = [];
  const sqlPerRequest = (m: Measurement) => Object.values(m.server.queries).reduce((a, b) => a + b, 0) / Math.max(1, m.server.requests);
  for (const size of opts.sizes) {
    for (const scenario of opts.scenarios) {
      lines.push(`### ${scenario === 'person' ? 'Person file by id (all three departments)' : 'Household file with members'} — ${size.toLocaleString('en-US')} residents`, '');
      lines.push(`| target | req/s @${opts.connections} | p50 ms @${opts.connections} | p99 ms @${opts.connections} | req/s @1 | p50 ms @1 | p99 ms @1 | SQL / request | Node CPU ms/req @${opts.connections} | PostgreSQL CPU ms/req @${opts.connections} | peak RSS | bad |`);
      lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
      for (const target of opts.targets) {
        const f = (c: number, pick: (m: Measurement) => number) => figure(ms, size, scenario, target, c, pick);
        const rss = Math.max(...ms.filter((m) => m.residents === size && m.scenario === scenario && m.target === target).map((m) => m.server.rssPeak));
        const bad = ms.filter((m) => m.residents === size && m.scenario === scenario && m.target === target).reduce((a, m) => a + m.load.bad, 0);
        const n = opts.connections;
        lines.push(`| ${target} | ${fmt(f(n, (m) => m.load.rps), 0)} | ${fmt(f(n, (m) => m.load.p50))} | ${fmt(f(n, (m) => m.load.p99))} | ${fmt(f(1, (m) => m.load.rps), 0)} | ${fmt(f(1, (m) => m.load.p50))} | ${fmt(f(1, (m) => m.load.p99))} | ${fmt(f(n, sqlPerRequest), 1)} | ${fmt(f(n, (m) => m.cpu.nodeMs / Math.max(1, m.server.requests)))} | ${fmt(f(n, (m) => m.cpu.postgresMs / Math.max(1, m.server.requests)))} | ${mib(rss)} | ${bad} |`);
      }
      const r = (a: string, b: string, c: number, pick: (m: Measurement) => number) => figure(ms, size, scenario, a, c, pick) / figure(ms, size, scenario, b, c, pick);
      const has = (t: string) => opts.targets.includes(t);
      const n = opts.connections;
      lines.push('');
      if (has('hub') && has('floor')) {
        lines.push(`- hub vs floor: throughput ${fmt((100 * figure(ms, size, scenario, 'hub', n, (m) => m.load.rps)) / figure(ms, size, scenario, 'floor', n, (m) => m.load.rps), 0)}% of the floor's @${n}; p99 @${n} ${ratio(r('hub', 'floor', n, (m) => m.load.p99))} the floor's; p50 @1 ${ratio(r('hub', 'floor', 1, (m) => m.load.p50))}`);
      }
      if (has('hub-nolog') && has('hub-off')) {
        lines.push(`- policy layer (hub-nolog vs hub-off, on/off): p50 @1 ${ratio(r('hub-nolog', 'hub-off', 1, (m) => m.load.p50))}, p99 @${n} ${ratio(r('hub-nolog', 'hub-off', n, (m) => m.load.p99))}, time per request @${n} (1/req/s) ${ratio(r('hub-off', 'hub-nolog', n, (m) => m.load.rps))}`);
      }
      // Medians of per-round ratios (each round's windows ran interleaved), issue 15's measure.
      const perRound = (a: string, b: string, c: number, pick: (m: Measurement) => number) => {
        const of = (t: string, round: number) => ms.find((m) => m.residents === size && m.scenario === scenario && m.target === t && m.load.connections === c && m.round === round);
        return median(Array.from({ length: opts.rounds }, (_, i) => [of(a, i), of(b, i)]).filter(([x, y]) => x && y).map(([x, y]) => pick(x!) / pick(y!)));
      };
      const rps = (m: Measurement) => m.load.rps;
      const p50 = (m: Measurement) => m.load.p50;
      if (has('peer')) {
        for (const t of opts.targets.filter((x) => x !== 'peer')) {
          lines.push(`- ${t} vs PostGraphile (peer), medians of per-round ratios: throughput @${n} ${ratio(perRound(t, 'peer', n, rps))} (target for hub ≥ 1.25×), @1 ${ratio(perRound(t, 'peer', 1, rps))}; p50 @1 ${ratio(perRound(t, 'peer', 1, p50))} the peer's (target for hub ≤ 1.2×)`);
        }
      }
      if (has('hub') && has('hub-noahead')) {
        const nodePerReq = (m: Measurement) => m.cpu.nodeMs / Math.max(1, m.server.requests);
        const pgPerReq = (m: Measurement) => m.cpu.postgresMs / Math.max(1, m.server.requests);
        lines.push(`- reading ahead (hub vs hub-noahead), medians of per-round ratios: throughput @${n} ${ratio(perRound('hub', 'hub-noahead', n, rps))}, @1 ${ratio(perRound('hub', 'hub-noahead', 1, rps))}; p50 @1 ${ratio(perRound('hub', 'hub-noahead', 1, p50))}; Node CPU/req @${n} ${ratio(perRound('hub', 'hub-noahead', n, nodePerReq))}, PostgreSQL CPU/req @${n} ${ratio(perRound('hub', 'hub-noahead', n, pgPerReq))}`);
      }
      if (has('hub') && has('hub-noshare')) {
        const nodePerReq = (m: Measurement) => m.cpu.nodeMs / Math.max(1, m.server.requests);
        const pgPerReq = (m: Measurement) => m.cpu.postgresMs / Math.max(1, m.server.requests);
        const p99 = (m: Measurement) => m.load.p99;
        lines.push(`- waves of concurrent requests read together (hub vs hub-noshare), medians of per-round ratios: throughput @${n} ${ratio(perRound('hub', 'hub-noshare', n, rps))}, @1 ${ratio(perRound('hub', 'hub-noshare', 1, rps))}; p50 @1 ${ratio(perRound('hub', 'hub-noshare', 1, p50))}; p99 @${n} ${ratio(perRound('hub', 'hub-noshare', n, p99))}; Node CPU/req @${n} ${ratio(perRound('hub', 'hub-noshare', n, nodePerReq))}, PostgreSQL CPU/req @${n} ${ratio(perRound('hub', 'hub-noshare', n, pgPerReq))}`);
      }
      if (has('hub') && has('hub-pertable')) {
        const nodePerReq = (m: Measurement) => m.cpu.nodeMs / Math.max(1, m.server.requests);
        const pgPerReq = (m: Measurement) => m.cpu.postgresMs / Math.max(1, m.server.requests);
        lines.push(`- one statement per department per wave (hub vs hub-pertable), medians of per-round ratios: throughput @${n} ${ratio(perRound('hub', 'hub-pertable', n, rps))}, @1 ${ratio(perRound('hub', 'hub-pertable', 1, rps))}; p50 @1 ${ratio(perRound('hub', 'hub-pertable', 1, p50))}; Node CPU/req @${n} ${ratio(perRound('hub', 'hub-pertable', n, nodePerReq))}, PostgreSQL CPU/req @${n} ${ratio(perRound('hub', 'hub-pertable', n, pgPerReq))}`);
      }
      // A target run with another semi-space size (`hub@16`) against the same target with the hub's flag.
      for (const t of opts.targets.filter((x) => x.includes('@') && has(x.split('@')[0]))) {
        const base = t.split('@')[0];
        const nodePerReq = (m: Measurement) => m.cpu.nodeMs / Math.max(1, m.server.requests);
        const peakRss = (x: string) => Math.max(...ms.filter((m) => m.residents === size && m.scenario === scenario && m.target === x).map((m) => m.server.rssPeak));
        lines.push(`- ${t} vs ${base} (semi-space ${t.split('@')[1]} MiB against the shipped flag), medians of per-round ratios: throughput @${n} ${ratio(perRound(t, base, n, rps))}, @1 ${ratio(perRound(t, base, 1, rps))}; Node CPU/req @${n} ${ratio(perRound(t, base, n, nodePerReq))}; peak RSS ${mib(peakRss(t))} vs ${mib(peakRss(base))}`);
      }
      if (has('hub') && has('hub-off')) {
        lines.push(`- policy + access log together (hub vs hub-off): time per request @${n} ${ratio(perRound('hub-off', 'hub', n, rps))}, @1 ${ratio(perRound('hub-off', 'hub', 1, rps))} (target ≤ 1.25×)`);
      }
      if (has('hub') && has('hub-nolog')) lines.push(`- access log (hub vs hub-nolog): req/s @${n} ${fmt(100 * (1 - r('hub', 'hub-nolog', n, (m) => m.load.rps)), 0)}% fewer with it on; p50 @1 ${ratio(r('hub', 'hub-nolog', 1, (m) => m.load.p50))}`);
      lines.push('');
    }
  }
  if (opts.sizes.length > 1) {
    const [small, large] = [Math.min(...opts.sizes), Math.max(...opts.sizes)];
    lines.push(`### Latency from ${small.toLocaleString('en-US')} to ${large.toLocaleString('en-US')} residents (p50 @1 / p99 @${opts.connections}, ms)`, '');
    lines.push('| scenario | target | small p50 @1 | large p50 @1 | ratio | small p99 | large p99 | ratio |', '|---|---|---|---|---|---|---|---|');
    for (const scenario of opts.scenarios) {
      for (const target of opts.targets) {
        const p50 = (s: number) => figure(ms, s, scenario, target, 1, (m) => m.load.p50);
        const p99 = (s: number) => figure(ms, s, scenario, target, opts.connections, (m) => m.load.p99);
        lines.push(`| ${scenario} | ${target} | ${fmt(p50(small))} | ${fmt(p50(large))} | ${ratio(p50(large) / p50(small))} | ${fmt(p99(small))} | ${fmt(p99(large))} | ${ratio(p99(large) / p99(small))} |`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The top self-time functions and areas of the CPU profiles this run wrote for its loaded (`connections`) windows. */
function profileSummary(dir: string, since: number, connections: number): string {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && f.includes(`-c${connections}-`) && fs.statSync(path.join(dir, f)).mtimeMs >= since) : [];
  const lines: string[] = [];
  for (const file of files) {
    const { total, byFunction, byArea } = selfTimes(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k} | ${fmt(v, 0)} | ${fmt((100 * v) / total, 1)}% |`);
    lines.push(`### CPU profile: ${file.replace('.cpuprofile', '')} (${fmt(total / 1000, 1)} s sampled, .data/profiles/)`, '', '| area | self ms | share |', '|---|---|---|', ...top(byArea, 12), '');
    lines.push('| function | self ms | share |', '|---|---|---|', ...top(byFunction, 20), '');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      residents: { type: 'string', default: '1000000' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '32' },
      targets: { type: 'string', default: 'hub,hub-nolog,hub-off,floor,peer' },
      scenarios: { type: 'string', default: 'person,household' },
      rounds: { type: 'string', default: '1' },
      samples: { type: 'string', default: '2000' },
      pool: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'string', default: '' },
      'no-search': { type: 'boolean', default: false },
      'search-before': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const opts: RunOptions = {
    sizes: values.residents.split(',').map(Number),
    seconds: Number(values.seconds),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    targets: values.targets.split(','),
    scenarios: values.scenarios.split(',') as Scenario[],
    rounds: Number(values.rounds),
    samples: Number(values.samples),
    pool: Number(values.pool),
    keep: values.keep,
    profile: values.profile.split(',').filter(Boolean),
    profileDir: path.resolve('.data', 'profiles'),
  };
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--residents takes sizes such as 10000,1000000');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (opts.profile.length) fs.mkdirSync(opts.profileDir, { recursive: true });
  const startedAt = Date.now();
  const measurements: Measurement[] = [];
  const where: string[] = [];
  for (const size of opts.sizes) where.push(await benchSize(size, opts, measurements, log));
  const { text: searches, windows: searchWindows } = values['no-search']
    ? { text: '', windows: [] }
    : await runSearchPhase(opts.sizes, { seconds: opts.seconds, rounds: opts.rounds, before: values['search-before'] }, log);
  const header = [
    `## npm run bench — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}. Databases: ${where.join('; ')}.`,
    `Load: autocannon from the parent process, ${opts.warmup} s warm-up + ${opts.seconds} s measured per window, ${opts.rounds} round(s) (medians across rounds), ${opts.samples} sampled ids cycled, pool ${opts.pool} per database. Caller: POLICE_OFFICER / EMERGENCY.`,
    '',
  ];
  const targets = renderIssueTargets(issueTargets(measurements, searchWindows, { sizes: opts.sizes, connections: opts.connections }));
  const report = [...header, renderReport(measurements, opts), searches, opts.profile.length ? profileSummary(opts.profileDir, startedAt, opts.connections) : '', targets].join('\n');
  process.stdout.write(`${report}\n`);
  if (values.out) fs.writeFileSync(values.out, `${report}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
