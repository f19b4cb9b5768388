import { hubWaveReads } from '../src/sources/hub/hubWaveParts';
import { waveSharing } from '../src/sources/sharedWaves';
import { pageMemberPrefetch } from '../src/schema/search/pagePrefetch';
import { HttpRequest, LoadResult, quantile, runHttpLoad } from './searchLoad';

/**
 * `bench:search --floor`: the grid tag search page (scenario (a)) against its hand-written floor
 * (bench/searchFloor.ts), and against the same hub with this session's page reads switched off
 * (`hub-before`: the hub's keyed page reads one statement per table, the members' person ids and
 * the page's tags read after the police members, as before), in interleaved rounds: each round
 * runs every target at every concurrency, target order rotated per round, 1 s warm-up then the
 * window. Answers are checked equal, hub against floor, for every sampled request before timing.
 */
export interface CompareTarget {
  name: 'hub' | 'hub-before' | 'hub-noshare' | 'floor';
  url: string;
  requests: HttpRequest[];
  statements: () => number;
}

/** One measured window (per search: SQL statements and CPU milliseconds). */
export interface Window {
  target: string;
  clients: number;
  /** 1-based; windows of one round ran interleaved. */
  round: number;
  p50: number;
  p99: number;
  rps: number;
  /** SQL statements per search. */
  sql: number;
  /** CPU milliseconds per search: the serving process (load worker included) and PostgreSQL. */
  nodeMs: number;
  pgMs: number;
}

/**
 * Switches the page reads of this session on (`hub`) or off (`hub-before`), and the reading of
 * concurrent requests' waves together (src/sources/sharedWaves.ts) off for `hub-noshare`.
 */
function hubVariant(name: CompareTarget['name']): void {
  const on = name !== 'hub-before';
  hubWaveReads.combine = on;
  pageMemberPrefetch.on = on;
  waveSharing.on = name !== 'hub-noshare';
}

async function answer(url: string, r: HttpRequest): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: r.body });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (json.errors) throw new Error(`answer with errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
  return json.data?.searchHouseholds ?? json.data?.searchPersons;
}

/** Throws unless hub and floor answer every request of the lists (index for index) identically. */
export async function checkEqual(hub: CompareTarget, floor: CompareTarget, log: (l: string) => void): Promise<void> {
  hubVariant('hub');
  let listed = 0;
  for (let i = 0; i < hub.requests.length; i += 1) {
    const [a, b] = await Promise.all([answer(hub.url, hub.requests[i]), answer(floor.url, floor.requests[i])]);
    const [ta, tb] = [JSON.stringify(a), JSON.stringify(b)];
    if (ta !== tb) {
      let at = 0;
      while (ta[at] === tb[at]) at += 1;
      throw new Error(`floor and hub differ on request ${i} at ${at}: hub …${ta.slice(Math.max(0, at - 80), at + 120)} floor …${tb.slice(Math.max(0, at - 80), at + 120)}`);
    }
    listed += (a as { edges: unknown[] }).edges.length;
  }
  log(`floor checked equal to the hub on all ${hub.requests.length} sampled searches (${listed} rows listed)`);
}

const median = (xs: number[]) => quantile(xs, 0.5);

/** Runs the rounds and prints every window, then medians per target and concurrency and the ratios; returns the windows. */
export async function compareRounds(
  targets: CompareTarget[],
  opts: { label: string; rounds: number; seconds: number; clients: number[]; meter: { start(): () => { nodeMs: number; postgresMs: number } } },
  log: (l: string) => void,
): Promise<Window[]> {
  const windows: Window[] = [];
  log(`\n${opts.label} against its floor: ${opts.rounds} rounds × ${opts.clients.join('/')} clients × ${targets.map((t) => t.name).join(', ')}, ${opts.seconds} s windows`);
  log(`${'round clients target'.padEnd(28)} ${['p50 ms', 'p99 ms', 'req/s', 'SQL/req', 'node ms', 'pg ms'].map((h) => h.padStart(8)).join('')}`);
  // Every target warmed up before the first window (JIT, plan caches, pools), so round 1's first window is not the coldest.
  for (const t of targets) {
    hubVariant(t.name);
    await runHttpLoad(t.url, t.requests, { concurrency: Math.max(...opts.clients), durationMs: 3000, maxRequests: 1_000_000 });
  }
  for (let round = 1; round <= opts.rounds; round += 1) {
    for (const clients of opts.clients) {
      const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]);
      for (const t of order) {
        hubVariant(t.name);
        const load = { concurrency: clients, maxRequests: 1_000_000 };
        await runHttpLoad(t.url, t.requests, { ...load, durationMs: 1000 });
        const q0 = t.statements();
        const stop = opts.meter.start();
        const r: LoadResult = await runHttpLoad(t.url, t.requests, { ...load, durationMs: opts.seconds * 1000 });
        const cpu = stop();
        if (r.errors) throw new Error(`${t.name}: ${r.errors} errors, first: ${r.firstError}`);
        const n = Math.max(1, r.requests);
        const w: Window = {
          target: t.name, clients, round, p50: quantile(r.latenciesMs, 0.5), p99: quantile(r.latenciesMs, 0.99), rps: r.requests / r.seconds,
          sql: (t.statements() - q0) / n, nodeMs: cpu.nodeMs / n, pgMs: cpu.postgresMs / n,
        };
        windows.push(w);
        log(`${`${round}     ${clients}       ${t.name}`.padEnd(28)} ${[w.p50, w.p99, w.rps, w.sql, w.nodeMs, w.pgMs].map((v, i) => v.toFixed(i === 2 ? 0 : 2).padStart(8)).join('')}`);
      }
    }
  }
  hubVariant('hub');
  log(`\nmedians over rounds (node ms: hub or floor process incl. the load worker; pg ms: PostgreSQL; CPU per page)`);
  for (const clients of opts.clients) {
    for (const t of targets) {
      const ws = windows.filter((w) => w.clients === clients && w.target === t.name);
      const m = (k: keyof Window) => median(ws.map((w) => w[k] as number));
      log(`  ${String(clients).padStart(2)} clients ${t.name.padEnd(11)} p50 ${m('p50').toFixed(1)} · p99 ${m('p99').toFixed(1)} ms · ${m('rps').toFixed(0)} req/s · ${m('sql').toFixed(2)} SQL · CPU ${m('nodeMs').toFixed(2)} + ${m('pgMs').toFixed(2)} = ${(m('nodeMs') + m('pgMs')).toFixed(2)} ms`);
    }
    const ratio = (a: string, b: string, f: (w: Window) => number) => {
      const rs: number[] = [];
      for (let round = 1; round <= opts.rounds; round += 1) {
        const x = windows.find((w) => w.clients === clients && w.round === round && w.target === a);
        const y = windows.find((w) => w.clients === clients && w.round === round && w.target === b);
        if (x && y) rs.push(f(x) / f(y));
      }
      return `${median(rs).toFixed(2)}× (rounds ${rs.map((r) => r.toFixed(2)).join(', ')})`;
    };
    const cpu = (w: Window) => w.nodeMs + w.pgMs;
    if (targets.some((t) => t.name === 'floor')) {
      log(`  ${String(clients).padStart(2)} clients hub/floor: p99 ${ratio('hub', 'floor', (w) => w.p99)} · CPU per page ${ratio('hub', 'floor', cpu)}`);
    }
    if (targets.some((t) => t.name === 'hub-before')) {
      log(`  ${String(clients).padStart(2)} clients hub/hub-before: p99 ${ratio('hub', 'hub-before', (w) => w.p99)} · CPU per page ${ratio('hub', 'hub-before', cpu)}`);
    }
    if (targets.some((t) => t.name === 'hub-noshare')) {
      log(`  ${String(clients).padStart(2)} clients hub/hub-noshare: p99 ${ratio('hub', 'hub-noshare', (w) => w.p99)} · CPU per page ${ratio('hub', 'hub-noshare', cpu)}`);
    }
  }
  return windows;
}
