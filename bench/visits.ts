/**
 * `npx ts-node --transpile-only bench/visits.ts [-- --residents 1000000 --connections 8 --seconds 10 --keep]`
 *
 * Issue 16's figures, in one run against one population (prepareBenchDatabases: `*_DATABASE_URL`, or
 * an embedded PostgreSQL in `.data/bench-<residents>`, reused when kept) and one in-process hub (port
 * BENCH_HUB_PORT, default 4161):
 *  1. a visit write (recordVisit: checks, street transaction, access record, commit) against the
 *     household file read of the same households, same principal, same concurrency — target ≤ 2×;
 *  2. the coverage ledger for a whole street (every grid of the demo street; ~68,000 residents at
 *     1,000,000) — target < 1 s;
 *     and, on owner pools, the statements and the ledger for ~68,000 residents (the demo street and
 *     the next grids: the seed's demo street holds ~43,000);
 *  3. a grid search for elderly living alone with and without `notVisitedSinceDays` (40 pairs,
 *     interleaved; p50, p99 and ratios) — target ≤ 1.5× at 1,000,000 residents with a year of
 *     visits (the seed's).
 * Prints medians and ratios from one run. The writes add NOT_HOME visits (nobody met) to a kept
 * population: no figure above changes (coverage counts members met).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { issueToken } from '../src/auth/issueToken';
import { closeDatabases, openDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { DEMO_STREET_CODE } from '../seeds/seed';
import { monthWindow } from '../src/departments/street/coverage';
import { coverageResidents } from '../src/departments/street/coverageSource';
import { publishedLedger } from '../src/departments/street/coverageSuppression';
import { prepareBenchDatabases } from './benchDatabases';
import { measureLoad } from './load';
import { gridsHolding } from './coverageBreakdown';
import { fmt, median, quantile } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main(): Promise<void> {
  const residents = arg('residents', 1_000_000);
  const connections = arg('connections', 8);
  const seconds = arg('seconds', 10);
  const bench = await prepareBenchDatabases({ residents, keep: process.argv.includes('--keep'), poolMax: 4 });
  const owner = bench.dbs;
  try {
    const visits = Number((await owner.street('visits').count('* as n'))[0].n);
    const grids: string[] = await owner.hub('grids').where('id', 'like', `${DEMO_STREET_CODE}%`).orderBy('id').pluck('id');
    console.log(`${residents} residents, ${visits} visits, ${grids.length} grids in street ${DEMO_STREET_CODE}`);

    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const dbs = openDatabases(bench.urls, { poolMax: 10 });
    const hub = await startHub(dbs, { port: Number(process.env.BENCH_HUB_PORT || 4161), auth: { key: publicKey, algorithm: 'EdDSA', issuer: 'bench', audience: 'onefile' }, limits: withoutRateLimits(DEFAULT_LIMITS) });
    const origin = hub.url.replace('/graphql', '');
    const token = await issueToken(privateKey, 'EdDSA', 'bench', 'onefile', { role: 'STREET_STAFF', subject: 'bench-worker', grids, ttlSeconds: 3600 });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'HOME_VISIT', 'content-type': 'application/json' };
    try {
      // 1. write vs read (`--no-writes` skips it).
      if (!process.argv.includes('--no-writes')) {
      const codes = await owner.hub('buildings').whereIn('grid_id', grids.slice(0, 4)).pluck('code');
      const households = await owner.police('households').whereIn('building_code', codes).orderBy('household_no').limit(400).pluck('household_no');
      const ids: string[] = await owner.hub('household_index').whereIn('household_no', households).pluck('id');
      const READ = 'query HouseholdFile($id: ID!) { household(id: $id) { id address { text } members { id name age } } }';
      const WRITE = 'mutation RecordVisit($input: RecordVisitInput!) { recordVisit(input: $input) { id visitedAt } }';
      const reads = ids.map((id) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query: READ, variables: { id } }) }));
      const at = new Date(Date.now() - 3600_000).toISOString();
      const writes = Array.from({ length: 200_000 }, (_, i) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query: WRITE, variables: { input: { householdId: ids[i % ids.length], visitedAt: at, outcome: 'NOT_HOME', idempotencyKey: randomUUID() } } }) }));
      const ok = (body: string) => !body.includes('"errors"');
      const rounds = [];
      for (let r = 0; r < 3; r++) {
        const read = await measureLoad({ origin, headers, requests: reads, connections, seconds, warmupSeconds: 2, verifyBody: ok });
        const write = await measureLoad({ origin, headers, requests: writes.slice(r * 60_000), connections, seconds, warmupSeconds: 2, verifyBody: ok });
        rounds.push({ read, write });
        console.log(`round ${r + 1}: read ${fmt(read.rps, 0)}/s p50 ${fmt(read.p50)} ms p99 ${fmt(read.p99)} ms (bad ${read.bad}); write ${fmt(write.rps, 0)}/s p50 ${fmt(write.p50)} ms p99 ${fmt(write.p99)} ms (bad ${write.bad})`);
      }
      const rp50 = median(rounds.map((x) => x.read.p50));
      const wp50 = median(rounds.map((x) => x.write.p50));
      console.log(`visit write vs household read @${connections}: p50 ${fmt(wp50)} vs ${fmt(rp50)} ms = ${fmt(wp50 / rp50)}x (target ≤ 2x); throughput ${fmt(median(rounds.map((x) => x.read.rps / x.write.rps)))}x fewer writes/s`);
      }

      const post = async (query: string, variables: Record<string, unknown>) => {
        const t0 = performance.now();
        const res = await fetch(hub.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as { errors?: unknown; data?: unknown };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return { ms: performance.now() - t0, body };
      };
      // 3. notVisitedSinceDays overhead (before the ledger, whose overrun deadlines would open circuits).
      const SEARCH = 'query Search($f: SearchFilter) { searchPersons(filter: $f, first: 20) { totalCount edges { node { id } } } }';
      const base = { gridIds: grids.slice(0, 8), tags: ['ELDERLY_LIVING_ALONE'] };
      const plain: number[] = [];
      const withVisits: number[] = [];
      const failed: string[] = [];
      const timed = (f: object) => post(SEARCH, { f }).then((r) => r.ms, (err) => void failed.push(/"code":"(\w+)"/.exec(String(err))?.[1] ?? 'ERROR'));
      for (let i = 0; i < 43; i++) {
        const [a, b] = [await timed(base), await timed({ ...base, notVisitedSinceDays: 45 })];
        if (a !== undefined && b !== undefined) plain.push(a), withVisits.push(b);
      }
      if (failed.length) console.log(`search: ${failed.length} calls failed (pairs dropped): ${[...new Set(failed)].join(', ')}`);
      const [p, v] = [plain.slice(3), withVisits.slice(3)];
      const [p50, v50, p99, v99] = [median(p), median(v), quantile(p, 0.99), quantile(v, 0.99)];
      console.log(`search ELDERLY_LIVING_ALONE in 8 grids, ${p.length} pairs interleaved (${residents} residents): p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms; with notVisitedSinceDays: p50 ${fmt(v50)} ms, p99 ${fmt(v99)} ms = ${fmt(v50 / p50)}x p50, ${fmt(v99 / p99)}x p99 (target ≤ 1.5x)`);
      // 2. the ledger for the whole street.
      const LEDGER = 'query Ledger($s: String) { visitCoverage(month: "2026-10", streetCode: $s) { rows { group due visited coveragePercent } } }';
        const w = monthWindow('2026-10')!;
      const direct: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await coverageResidents(owner, grids, w.quarterStart, w.monthStart, w.monthEnd);
        direct.push(performance.now() - t0);
      }
      console.log(`coverage statements (street counts then hub index of those met, alongside hub buildings, police, civil; owner pools): median ${fmt(median(direct.slice(1)))} ms of 4`);
      // The issue's size (~68,000 residents): the demo street and the next grids, statements and the pure ledger (owner pools).
      const big = await gridsHolding(owner, 68_000);
      const area: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        publishedLedger(await coverageResidents(owner, big.grids, w.quarterStart, w.monthStart, w.monthEnd), big.grids, w.lastDay);
        area.push(performance.now() - t0);
      }
      console.log(`coverage statements + ledger for ${big.grids.length} grids (${big.residents} residents; owner pools): median ${fmt(median(area.slice(1)))} ms of 4 (target < 1000 ms)`);
      // The same on the hub's own pools (app role, deadlines, circuits: as a request runs them).
      const served: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        publishedLedger(await coverageResidents(dbs, big.grids, w.quarterStart, w.monthStart, w.monthEnd), big.grids, w.lastDay);
        served.push(performance.now() - t0);
      }
      console.log(`coverage statements + ledger for ${big.grids.length} grids (${big.residents} residents; the hub's pools): median ${fmt(median(served.slice(1)))} ms of 4 (target < 1000 ms)`);
      const ledger: number[] = [];
      const failures: string[] = [];
      let all: { due: number; coveragePercent: number } | undefined;
      for (let i = 0; i < 7; i++) {
        try {
          const { ms, body } = await post(LEDGER, { s: DEMO_STREET_CODE });
          ledger.push(ms);
          all = (body as { data: { visitCoverage: { rows: Array<{ group: string; due: number; coveragePercent: number }> } } }).data.visitCoverage.rows.find((r) => r.group === 'ALL');
        } catch (err) {
          failures.push(/"code":"(\w+)"/.exec(String(err))?.[1] ?? 'ERROR');
        }
      }
      console.log(`coverage ledger over HTTP, whole street (${all?.due ?? '?'} residents, ${all?.coveragePercent ?? '?'}% covered): median ${fmt(median(ledger.slice(-5)))} ms of ${Math.min(5, ledger.length)}${failures.length ? `; ${failures.length} of 7 failed: ${failures.join(', ')} (deadlines: DB_STATEMENT_TIMEOUT_MS, DB_QUERY_TIMEOUT_MS, REQUEST_DEADLINE_MS)` : ''} (target < 1000 ms)`);

    } finally {
      await hub.close();
      await closeDatabases(dbs);
    }
  } finally {
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
