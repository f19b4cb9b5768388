/**
 * Where one client's request waits (issue 15: p50 at one client against PostGraphile's): the hub as shipped
 * (`startHub`: policy, purpose check, access log) in this process over the bench databases
 * (bench/benchDatabases.ts: `.data/bench-<N>`, BENCH_PG_PORT), one request at a time, and for each request the
 * start and end of every SQL statement (knex `query` / `query-response` events) relative to the request's
 * arrival, split into phases: before the first statement (HTTP, token, parse, validate, purpose check), each
 * statement in the order sent (database and the hub's own access-log append named), the gaps between them
 * (GraphQL execution, policy, loaders), and from the last statement to the response's end (serialisation).
 * Prints the median and mean of each phase over `--requests` requests per scenario (means add up to the total).
 *
 *   npx ts-node --transpile-only bench/oneClient.ts [-- --residents 100000 --requests 400 --scenarios household,person]
 */
import 'reflect-metadata';
import type http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { exportSPKI, generateKeyPair, importSPKI } from 'jose';
import { issueToken } from '../src/auth/issueToken';
import { closeDatabases, openDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { prepareBenchDatabases } from './benchDatabases';
import { HOUSEHOLD_FILE, PERSON_FILE, sampleHouseholdIds, samplePersonIds } from './documents';
import { fmt, median } from './stats';

interface Span {
  label: string;
  start: number;
  end: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { residents: { type: 'string', default: '100000' }, requests: { type: 'string', default: '400' }, scenarios: { type: 'string', default: 'household,person' } } });
  const bench = await prepareBenchDatabases({ residents: Number(values.residents), keep: true });
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const auth = { key: await importSPKI(await exportSPKI(publicKey), 'EdDSA'), algorithm: 'EdDSA', issuer: 'onefile-bench', audience: 'onefile' };
  const token = await issueToken(privateKey, 'EdDSA', auth.issuer, auth.audience, { role: 'POLICE_OFFICER', subject: 'bench-police', clientApp: 'bench', ttlSeconds: 3600 });
  const dbs = openDatabases(bench.urls, { poolMax: 10 });
  const hub = await startHub(dbs, { port: Number(process.env.BENCH_SERVER_PORT ?? 0), auth, limits: withoutRateLimits(DEFAULT_LIMITS) });
  // Every statement's span, timed around pg's Client#query (the hub's runSql emits knex's `query` event but no response event).
  let spans: Span[] = [];
  const names = new Map(Object.values(bench.urls).map((url, i) => [new URL(url).pathname.slice(1), Object.keys(bench.urls)[i]]));
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
    const result = query.apply(this, args);
    if (!(result instanceof Promise)) return result;
    const sql = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text ?? '');
    const span = { label: sql.includes('append_access_records') ? 'hub: access-log append' : (names.get(this.database ?? '') ?? String(this.database)), start: performance.now(), end: NaN };
    spans.push(span);
    void result.then(() => void (span.end = performance.now()), () => void (span.end = performance.now()));
    return result;
  } as typeof pg.Client.prototype.query;
  let arrived = 0;
  (hub.server as http.Server).prependListener('request', () => void (arrived = performance.now()));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'EMERGENCY' };
  try {
    for (const scenario of values.scenarios.split(',')) {
      const ids = scenario === 'person' ? await samplePersonIds(bench.dbs, 2000) : await sampleHouseholdIds(bench.dbs, 2000);
      const query = scenario === 'person' ? PERSON_FILE : HOUSEHOLD_FILE;
      const phases = new Map<string, number[]>();
      const add = (label: string, ms: number) => phases.set(label, [...(phases.get(label) ?? []), ms]);
      const n = Number(values.requests);
      for (let i = -50; i < n; i++) {
        spans = [];
        const body = JSON.stringify({ query, variables: { id: ids[(i + 50) % ids.length] } });
        const res = await fetch(hub.url, { method: 'POST', headers, body });
        const text = await res.text();
        const finished = performance.now();
        if (!text.startsWith('{"data":{') || text.includes('"errors"')) throw new Error(text.slice(0, 300));
        if (i < 0) continue; // warm-up
        let at = arrived;
        add('0 total (arrival to body read)', finished - arrived);
        spans.forEach((s, k) => {
          add(`${String(k + 1).padStart(2)} gap before statement ${k + 1} (Node: ${k ? 'execution, policy, loaders' : 'HTTP, token, parse, validate, purpose'})`, s.start - at);
          add(`${String(k + 1).padStart(2)} statement ${k + 1}: ${s.label}`, s.end - s.start);
          at = Math.max(at, s.end);
        });
        add('99 after the last statement (response, client)', finished - at);
      }
      const totals = phases.get('0 total (arrival to body read)')!;
      const total = totals.reduce((a, b) => a + b, 0) / totals.length;
      process.stdout.write(`\n${scenario} file, one client, ${n} requests (median and mean, ms; a negative gap is an overlap with the statement before; statements listed when present in at least half the requests):\n`);
      for (const [label, list] of [...phases].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }))) {
        if (list.length < n / 2) continue;
        const mean = list.reduce((a, b) => a + b, 0) / list.length;
        process.stdout.write(`  ${label.replace(/^\d+ /, '').padEnd(84)} ${fmt(median(list)).padStart(7)} ${fmt(mean).padStart(7)}${label.startsWith('0 ') ? '' : `  (${fmt((100 * mean) / total, 0)}% of the mean total)`}  n=${list.length}\n`);
      }
    }
  } finally {
    await hub.close();
    await closeDatabases(dbs);
    await bench.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
