/**
 * `npm run bench:search`: household and person search at 1,000,000 residents (issue 5).
 *
 * Seeds (or reuses) a 1M population in its own embedded PostgreSQL (ONEFILE_DATA_DIR, default
 * .data/bench-search, port BENCH_PG_PORT 54470), starts the hub in-process on 127.0.0.1 with an
 * in-memory key pair, and drives 8 concurrent clients (from a worker thread) over HTTP for
 *   (a) a grid-scoped tag search as STREET_STAFF (searchHouseholds, one tag, own grid), and
 *   (b) a city-wide name search as a civil affairs officer (searchPersons, 汉字 / pinyin / initials),
 * printing p50, p99, requests/s, SQL round trips and CPU per search, next to a baseline of the same
 * searches through the federated sources alone (no HTTP, GraphQL, policy or access log), same run.
 *
 * Options: --residents N (1000000) --seconds S per phase (15) --concurrency C (8) --only a|b
 * --no-baseline --list households|addresses|count (scenario (a) without members / with address and size only /
 * totalCount only) --breakdown (cost per selection,
 * one client) --explain (EXPLAIN ANALYZE of the searches' statements) --trace (the statements of one
 * search of each kind, in order) --floor (scenario (a) against its hand-written floor, bench/searchFloor.ts,
 * and against the hub with its page reads as before, `--noshare` also against the hub reading each request's waves
 * on their own (src/sources/sharedWaves.ts off), `--rounds R` interleaved rounds at 4 and 8 clients,
 * answers checked equal first; `--no-before` leaves the old hub out; then (b) against its floor, bench/nameFloor.ts;
 * `--only a|b` runs one of them; `--clients 4,8` the concurrencies; `--json FILE` writes every window there for
 * `npm run bench`'s targets table, bench/measurement.ts SearchWindow; bench/searchCompare.ts).
 * Ports: the embedded cluster on BENCH_PG_PORT (else 54470); with BENCH_PORT_BASE the hub listens
 * on the port after it and the floor on the next (else any free port).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { todayInChina } from '../src/identity/age';
import { generateKeyPair } from 'jose';
import { issueToken } from '../src/auth/issueToken';
import { closeDatabases, Databases, openDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { parseNameQuery } from '../src/schema/search/nameQuery';
import { scopeResolver } from '../src/sources/rowScope';
import type { SearchCriteria } from '../src/sources/search/criteria';
import { createSearchSource } from '../src/sources/search/federatedSearch';
import { namePinyin } from '../src/sources/search/namePinyin';
import { cpuMeter } from './cpuMeter';
import type { SearchWindow } from './measurement';
import { breakdown } from './searchBreakdown';
import { explainSearches } from './searchExplain';
import { HttpRequest, LoadResult, quantile, runHttpLoad, runLoad } from './searchLoad';
import { GRID_TAG_SEARCH, GRID_TAG_SEARCH_ADDRESSES, GRID_TAG_SEARCH_COUNT, GRID_TAG_SEARCH_HOUSEHOLDS_ONLY, NAME_SEARCH, TAGS_A } from './searchQueries';
import { checkEqual, CompareTarget, compareRounds, type Window as CompareWindow } from './searchCompare';
import { startSearchFloor } from './searchFloor';
import { SEARCH_BENCH_DATA_DIR, searchBenchDatabases } from './searchSetup';

const ISSUER = 'onefile-bench';
const AUDIENCE = 'onefile';
const TARGET_P99_MS = { a: 50, b: 150 };
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const flag = (name: string) => argv.includes(`--${name}`);
const only = flag('only') ? argv[argv.indexOf('--only') + 1] : null;
/** BENCH_PORT_BASE pins the servers' ports (the hub's base + 1, the floor's base + 2), as in the rest of the bench. */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE) || 0;

interface Phase {
  result: LoadResult;
  queries: number;
  cpu: { nodeMs: number; postgresMs: number };
}

/** Scenario (a)'s page: `--list full` (the default), `households` (no members), `addresses` (address and size only) or `count` (none). */
const LISTS: Record<string, string> = { full: GRID_TAG_SEARCH, households: GRID_TAG_SEARCH_HOUSEHOLDS_ONLY, addresses: GRID_TAG_SEARCH_ADDRESSES, count: GRID_TAG_SEARCH_COUNT };

const NOT_RUN: Phase = { result: { requests: 0, errors: 0, firstError: null, seconds: 1, latenciesMs: [] }, queries: 0, cpu: { nodeMs: 0, postgresMs: 0 } };

/** Counts SQL statements per database on the hub's pools (knex 'query' events). */
function queryCounter(dbs: Databases) {
  const counts: Record<string, number> = { hub: 0, police: 0, civil: 0, health: 0 };
  for (const [name, db] of Object.entries(dbs)) db.on('query', () => (counts[name] += 1));
  return { snapshot: () => ({ ...counts }), total: () => Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Calls `print` with each SQL statement the hub's pools send until the returned function is called. */
function traceStatements(dbs: Databases, print: (db: string, text: string) => void): () => void {
  const listeners = Object.entries(dbs).map(([name, db]) => {
    const listener = (q: { sql: string }) => print(name, q.sql);
    db.on('query', listener);
    return () => db.off('query', listener);
  });
  return () => listeners.forEach((off) => off());
}

function line(label: string, p: Phase): string {
  const r = p.result;
  if (r.requests === 0) return `${label.padEnd(46)} (not run)`;
  const n = Math.max(1, r.requests);
  const cells = [
    quantile(r.latenciesMs, 0.5).toFixed(1), quantile(r.latenciesMs, 0.99).toFixed(1), (r.requests / r.seconds).toFixed(0),
    String(r.requests), String(r.errors), (p.queries / n).toFixed(2), (p.cpu.nodeMs / n).toFixed(2), (p.cpu.postgresMs / n).toFixed(2),
  ];
  return `${label.padEnd(46)} ${cells.map((c) => c.padStart(7)).join(' ')}`;
}

async function main(): Promise<void> {
  const residents = option('residents', 1_000_000);
  const load = { concurrency: option('concurrency', 8), durationMs: option('seconds', 15) * 1000, maxRequests: 200_000 };
  const log = (l: string) => console.log(l);
  const bench = await searchBenchDatabases(residents, log);
  const dbs = openDatabases(bench.urls, { poolMax: 10 });
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const hub = await startHub(dbs, {
    port: PORT_BASE ? PORT_BASE + 1 : 0,
    auth: { key: publicKey, algorithm: 'EdDSA', issuer: ISSUER, audience: AUDIENCE },
    // The load comes from one principal: the query limits stay, the rate budgets are off.
    limits: withoutRateLimits(DEFAULT_LIMITS),
  });
  const counter = queryCounter(dbs);
  const meter = cpuMeter(path.resolve(SEARCH_BENCH_DATA_DIR));
  try {
    // Fixed samples: every 7th grid; about 60 persons' names (every 16,661st at 1M), in turn as 汉字, full pinyin and initials.
    const grids: string[] = (await bench.owner.hub.raw('SELECT id FROM grids ORDER BY id')).rows.map((r: { id: string }) => r.id).filter((_: string, i: number) => i % 7 === 3);
    const stride = Math.max(1, Math.floor(residents / 60.02)); // 16,661 at 1M: about 60 names at any size
    const names: string[] = (await bench.owner.police.raw('SELECT name FROM persons WHERE search_key % ? = 0 ORDER BY search_key', [stride])).rows.map((r: { name: string }, i: number) => {
      const spelled = namePinyin(r.name);
      return [r.name, spelled.full, spelled.initials.length >= 2 ? spelled.initials : spelled.full][i % 3];
    });
    const token = (role: 'STREET_STAFF' | 'CIVIL_AFFAIRS_OFFICER', subject: string, grid?: string) =>
      issueToken(privateKey, 'EdDSA', ISSUER, AUDIENCE, { role, subject, grids: grid ? [grid] : undefined });
    const streetTokens = await Promise.all(grids.map((g) => token('STREET_STAFF', `bench-street-${g}`, g)));
    const officerToken = await token('CIVIL_AFFAIRS_OFFICER', 'bench-civil');
    const tagIndexOf = (i: number) => Math.floor(i / grids.length) % TAGS_A.length;
    const tagOf = (i: number) => TAGS_A[tagIndexOf(i)];
    const requestsA: HttpRequest[] = Array.from({ length: grids.length * TAGS_A.length }, (_, i) => ({
      headers: { authorization: `Bearer ${streetTokens[i % grids.length]}`, 'x-purpose': 'HOME_VISIT' },
      body: JSON.stringify({ query: LISTS[flag('list') ? argv[argv.indexOf('--list') + 1] : 'full'] ?? GRID_TAG_SEARCH, variables: { filter: { tags: [tagOf(i)] } } }),
    }));
    const requestsB: HttpRequest[] = names.map((name) => ({
      headers: { authorization: `Bearer ${officerToken}`, 'x-purpose': 'HOME_VISIT' },
      body: JSON.stringify({ query: NAME_SEARCH, variables: { filter: { name } } }),
    }));
    log(`${grids.length} street-staff grids × ${TAGS_A.length} tags; ${names.length} names (${names.slice(0, 6).join(', ')}, ...)`);

    // SQL round trips of one search alone (cold per-request loaders), by database.
    const tripsOf = async (r: HttpRequest) => {
      const before = counter.snapshot();
      const one = await runHttpLoad(hub.url, [r], { concurrency: 1, durationMs: 60_000, maxRequests: 1 });
      if (one.errors) throw new Error(one.firstError!);
      const after = counter.snapshot();
      const d = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
      return `${d.hub + d.police + d.civil + d.health} (hub ${d.hub}, police ${d.police}, civil ${d.civil}, health ${d.health})`;
    };
    if (flag('floor')) {
      // The page against its hand-written floor and against the hub before this session's page reads (searchCompare.ts).
      const floor = await startSearchFloor(bench.urls, 10, PORT_BASE ? PORT_BASE + 2 : 0);
      const windows: SearchWindow[] = [];
      const keep = (search: 'a' | 'b', ws: CompareWindow[]) => windows.push(...ws.map((w): SearchWindow => ({ ...w, search, residents, target: w.target as SearchWindow['target'] })));
      try {
        const floorRequests: HttpRequest[] = requestsA.map((_, i) => ({ headers: {}, body: JSON.stringify({ grid: grids[i % grids.length], tag: tagOf(i) }) }));
        const hubTarget = (name: 'hub' | 'hub-before' | 'hub-noshare'): CompareTarget => ({ name, url: hub.url, requests: requestsA, statements: counter.total });
        const floorTarget: CompareTarget = { name: 'floor', url: floor.url, requests: floorRequests, statements: () => floor.pools.queries };
        const clients = flag('clients') ? argv[argv.indexOf('--clients') + 1].split(',').map(Number) : [4, 8];
        const rounds = { rounds: option('rounds', 3), seconds: option('seconds', 10), clients, meter };
        if (only !== 'b') {
          await checkEqual(hubTarget('hub'), floorTarget, log);
          const targets = [hubTarget('hub'), ...(flag('no-before') ? [] : [hubTarget('hub-before')]), ...(flag('noshare') ? [hubTarget('hub-noshare')] : []), floorTarget];
          keep('a', await compareRounds(targets, { ...rounds, label: '(a) grid tag search' }, log));
        }
        if (only !== 'a') {
          const hubB: CompareTarget = { name: 'hub', url: hub.url, requests: requestsB, statements: counter.total };
          const floorB: CompareTarget = { name: 'floor', url: floor.url, requests: names.map((name) => ({ headers: {}, body: JSON.stringify({ name }) })), statements: () => floor.pools.queries };
          await checkEqual(hubB, floorB, log);
          keep('b', await compareRounds([hubB, floorB], { ...rounds, label: '(b) name search' }, log));
        }
        if (flag('json')) fs.writeFileSync(argv[argv.indexOf('--json') + 1], JSON.stringify(windows));
      } finally {
        await floor.close();
      }
      return;
    }
    const tripsA = await tripsOf(requestsA[0]);
    const tripsB = await tripsOf(requestsB[1]);
    if (flag('trace')) {
      for (const [label, r] of [['(a)', requestsA[0]], ['(a)', requestsA[grids.length]], ['(b)', requestsB[1]]] as const) {
        log(`\nstatements of one ${label} search, in the order sent:`);
        const stopTrace = traceStatements(dbs, (db, text) => log(`  ${db.padEnd(6)} ${text.replace(/\s+/g, ' ').slice(0, 150)}`));
        await runHttpLoad(hub.url, [r], { concurrency: 1, durationMs: 60_000, maxRequests: 1 });
        stopTrace();
      }
    }

    let rssPeak = 0;
    const phase = async (run: () => Promise<LoadResult>): Promise<Phase> => {
      const q0 = counter.total();
      const stop = meter.start();
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);
      try {
        const result = await run();
        return { cpu: stop(), result, queries: counter.total() - q0 };
      } finally {
        clearInterval(sampler);
      }
    };
    log(`warming up, then ${load.durationMs / 1000} s per phase at ${load.concurrency} concurrent clients ...`);
    await runHttpLoad(hub.url, requestsA, { ...load, durationMs: 3000 });
    await runHttpLoad(hub.url, requestsB, { ...load, durationMs: 3000 });
    const a = only === 'b' ? NOT_RUN : await phase(() => runHttpLoad(hub.url, requestsA, load));
    const b = only === 'a' ? NOT_RUN : await phase(() => runHttpLoad(hub.url, requestsB, load));

    // Baseline: the same searches through the federated sources only (same process, same pools).
    const none: SearchCriteria = { area: null, name: null, minAge: null, maxAge: null, ageDay: todayInChina(), livesAwayFromRegisteredAddress: null, tags: [] };
    const baseline = !flag('no-baseline');
    const baseA = !baseline || only === 'b' ? NOT_RUN : await phase(() => runLoad(async (i) => {
      const source = createSearchSource(dbs, scopeResolver(dbs.hub, { kind: 'grids', gridIds: [grids[i % grids.length]] }));
      await source.households({ ...none, tags: [tagOf(i)] }, { first: 20, after: null });
      return null;
    }, load));
    const baseB = !baseline || only === 'a' ? NOT_RUN : await phase(() => runLoad(async (i) => {
      const source = createSearchSource(dbs, scopeResolver(dbs.hub, { kind: 'all' }));
      await source.persons({ ...none, name: parseNameQuery(names[i % names.length]) }, { first: 20, after: null });
      return null;
    }, load));

    log(`\nsearch benchmark: ${residents} residents, ${load.concurrency} concurrent clients, ${load.durationMs / 1000} s per phase, ${os.cpus().length} cores`);
    log(`${''.padEnd(46)} ${['p50 ms', 'p99 ms', 'req/s', 'reqs', 'errors', 'SQL/req', 'node ms', 'pg ms'].map((h) => h.padStart(7)).join(' ')}`);
    log(line('(a) grid tag search, STREET_STAFF, HTTP', a));
    log(line('    same search, federated sources only', baseA));
    log(line('(b) city-wide name search, officer, HTTP', b));
    log(line('    same search, federated sources only', baseB));
    log('(node ms and pg ms: CPU per search of the hub process, load worker included, and of PostgreSQL)');
    log(`SQL round trips of one search: (a) ${tripsA} · (b) ${tripsB}`);
    if (a.result.requestIndexes) {
      // Requests rotate through the tags in blocks of one per grid, so all clients ask for one tag at a time.
      const byTag = TAGS_A.map((tag, t) => ({ tag, ms: a.result.latenciesMs.filter((_, i) => tagIndexOf(a.result.requestIndexes![i]) === t) }));
      log(`(a) by tag: ${byTag.map(({ tag, ms }) => `${tag} p50 ${quantile(ms, 0.5).toFixed(1)} / p99 ${quantile(ms, 0.99).toFixed(1)} ms (${ms.length})`).join(' · ')}`);
    }
    for (const [label, p] of [['(a)', a], ['(b)', b]] as const) {
      if (p.result.requests) log(`${label} latency: ${[0.5, 0.9, 0.95, 0.99, 0.999, 1].map((q) => `${q === 1 ? 'max' : `p${q * 100}`} ${quantile(p.result.latenciesMs, q).toFixed(1)}`).join(' · ')} ms`);
    }
    log(`peak RSS of the hub process during the phases (load worker included): ${(rssPeak / 2 ** 20).toFixed(0)} MiB`);
    const p99 = (p: Phase) => quantile(p.result.latenciesMs, 0.99);
    const ratio = (x: Phase, y: Phase) => (quantile(x.result.latenciesMs, 0.5) / quantile(y.result.latenciesMs, 0.5)).toFixed(2);
    log(`targets: (a) p99 < ${TARGET_P99_MS.a} ms: ${p99(a) < TARGET_P99_MS.a ? 'met' : 'MISSED'} · (b) p99 < ${TARGET_P99_MS.b} ms: ${p99(b) < TARGET_P99_MS.b ? 'met' : 'MISSED'}`);
    if (baseA.result.requests && baseB.result.requests) log(`p50 over the sources-only baseline: (a) ${ratio(a, baseA)}× · (b) ${ratio(b, baseB)}×`);
    if (a.result.errors || b.result.errors) log(`errors: ${a.result.firstError ?? ''} ${b.result.firstError ?? ''}`);
    if (flag('breakdown')) await breakdown(hub.url, streetTokens, path.resolve(SEARCH_BENCH_DATA_DIR), counter.total, log);
    if (flag('explain')) await explainSearches(bench.owner, grids[0], names.slice(0, 3), log);
  } finally {
    await hub.close();
    await closeDatabases(dbs);
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
