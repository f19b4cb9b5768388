/**
 * `npm run bench:anomalies`: the auditor's anomaly scan over a large access log, and what auditor
 * traffic does to resident reads (issue 13).
 *
 *   npm run bench:anomalies [-- --records 1000000 --days 10 --seconds 15 --auditors 10 --clients 16 --rounds 2 --verify|--no-verify --explain]
 *
 * 1. Seeds the demo street into a throw-away embedded cluster and starts the hub in-process.
 * 2. Real traffic first: person and household files and searches from several roles and purposes go
 *    through HTTP, so the hub writes real access records (the templates).
 * 3. Bulk: `--records` more records, cloned from those templates (other staff subjects, times spread
 *    over the last `--days` days), chained in Node with the hub's own canonical form and hash
 *    (src/audit/accessRecord.ts) from the log's current head, COPYed into the access log with the
 *    owner's rights (the log's indexes rebuilt after the load, as a bulk load does), and the head
 *    moved to the last one. Later requests chain onto them through the hub's normal append.
 * 4. `accessAnomalies` over the busiest full day, as an auditor over HTTP: median of 5.
 * 5. The person file at `--clients` connections: windows with no auditors alternating with windows
 *    in which `--auditors` concurrent auditor loops call `accessAnomalies` (one weekday each, in
 *    turn) back to back — quiet, then `--rounds` × (storm, quiet); the ratio is the storms' mean
 *    p99 over the quiet windows' mean p99, from the same run, and per storm over the quiet windows
 *    around it. Odd rounds shift every call's window by a fresh second, so no call is answered
 *    from the settled windows' cache (src/sources/audit/settledWindows.ts): each is a full scan.
 * 6. Verifies the whole chain: by default up to 200,000 records, `--verify` / `--no-verify` to choose.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { generateKeyPair } from 'jose';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AccessRecord, canonicalRecord, chainHash } from '../src/audit/accessRecord';
import { recordFromRow } from '../src/audit/accessRecordRow';
import { verifyChain } from '../src/audit/verifyChain';
import { issueToken, TokenRequest } from '../src/auth/issueToken';
import { closeDatabases, openDatabases } from '../src/db/databases';
import { readSourceLimits } from '../src/db/sourceLimits';
import { startHub } from '../src/hub';
import { loadLimitSettings } from '../src/limits/limitSettings';
import { logger } from '../src/logger';
import { anomalyStatement, DEFAULT_THRESHOLDS, findAnomalies } from '../src/sources/audit/anomalies';
import { prepareBenchDatabases } from './benchDatabases';
import { HOUSEHOLD_FILE, PERSON_FILE, sampleHouseholdIds, samplePersonIds } from './documents';
import { measureLoad, LoadResult } from './load';
import { fmt, median } from './stats';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const RECORDS = option('records', 1_000_000);
const DAYS = option('days', 10);
const SECONDS = option('seconds', 15);
const AUDITORS = option('auditors', 10);
const CLIENTS = option('clients', 16);
const ROUNDS = option('rounds', 2);
/** Walking a million records takes minutes on a 2-core machine: by default only up to 200,000. */
const VERIFY = argv.includes('--verify') || (!argv.includes('--no-verify') && RECORDS <= 200_000);
const DATA_DIR = path.resolve(`.data/bench-anomalies-${process.pid}`);
const ISSUER = 'onefile-bench';
const AUDIENCE = 'onefile';
const DAY = 24 * 3600_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

const ANOMALIES = `query($from: DateTimeISO!, $to: DateTimeISO!) {
  accessAnomalies(from: $from, to: $to) { kind subject role description records { seq } }
}`;

/** One CSV field for COPY: NULL unquoted, everything else quoted with inner quotes doubled. */
function csv(value: unknown): string {
  if (value === null || value === undefined) return '';
  return `"${String(value).replace(/"/g, '""')}"`;
}

function pgArray(items: readonly string[]): string {
  return `{${items.join(',')}}`;
}

function copyLine(seq: number, r: AccessRecord, prevHash: string, hash: string): string {
  return [
    seq, r.occurredAt, r.requestId, r.subject, r.role, r.department, r.clientApp, r.purpose, r.caseNumber, r.operationName, r.documentHash,
    r.outcome, r.refusal ?? null, r.durationMs, pgArray(r.residents), pgArray(r.households), r.misses, JSON.stringify(r.disclosures), pgArray(r.decisions), prevHash, hash,
  ].map(csv).join(',') + '\n';
}

/** Staff subjects per role in the generated traffic. */
const STAFF = 400;
/** One record in NIGHT_SHARE comes from one of five night-shift subjects at any hour; the rest in office hours. */
const NIGHT_SHARE = 500;
const CHINA_OFFSET = 8 * 3600_000;

/** Start (00:00 China time, as a UTC instant) of every weekday in [start, end). */
function weekdays(start: number, end: number): number[] {
  const days: number[] = [];
  for (let d = Math.floor((start + CHINA_OFFSET) / DAY) * DAY; d < end + CHINA_OFFSET; d += DAY) {
    const weekday = new Date(d).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && d - CHINA_OFFSET >= start && d - CHINA_OFFSET + DAY <= end) days.push(d - CHINA_OFFSET);
  }
  return days;
}

/**
 * Record `i` of `count`, as office traffic has it: spread evenly over the weekdays' 08:00–19:00
 * China time, except one in NIGHT_SHARE (night shift), spread evenly over the whole span.
 */
function recordTime(i: number, count: number, start: number, end: number, days: number[]): number {
  if (i % NIGHT_SHARE === 0) return Math.floor(start + (i / count) * (end - start));
  const perDay = Math.ceil(count / days.length);
  const day = days[Math.floor(i / perDay)];
  return Math.floor(day + 8 * 3600_000 + ((i % perDay) / perDay) * 11 * 3600_000);
}

/**
 * Appends `count` records cloned from `templates` after the chain's head, times spread evenly over
 * [start, end), and moves the head. Returns the seconds spent.
 */
async function bulkLoad(ownerHubUrl: string, templates: AccessRecord[], count: number, start: number, end: number): Promise<number> {
  const began = performance.now();
  const client = new Client({ connectionString: ownerHubUrl });
  await client.connect();
  try {
    const head = (await client.query('SELECT seq, hash FROM access_log_head WHERE id = 1')).rows[0];
    let seq = Number(head.seq);
    let prev: string = head.hash;
    let prevPrev = prev;
    const days = weekdays(start, end);
    await client.query('BEGIN');
    // The log's indexes are rebuilt after the load (bulk CREATE INDEX), exactly as the migrations define them
    // (migrations/hub: 20261122000000, 20261124000000, 20261129000000).
    await client.query('DROP INDEX access_log_residents_idx, access_log_subject_idx, access_log_occurred_at_idx');
    const columns = 'seq, occurred_at, request_id, subject, role, department, client_app, purpose, case_number, operation_name, document_hash, outcome, refusal, duration_ms, residents, households, misses, disclosures, decisions, prev_hash, hash';
    // Each template's canonical text with placeholders for the four fields that vary, filled in per
    // record: the same text canonicalRecord gives (JSON.stringify of the same values; the chain is
    // verified at the end), at a fraction of its cost for a million records.
    const marks = { occurredAt: '\u0000O', requestId: '\u0000R', subject: '\u0000S', durationMs: -987654321 };
    const canonicals = templates.map((t) => canonicalRecord({ ...t, ...marks }));
    const fill = (text: string, r: AccessRecord) => text
      .replace(JSON.stringify(marks.occurredAt), JSON.stringify(r.occurredAt))
      .replace(JSON.stringify(marks.requestId), JSON.stringify(r.requestId))
      .replace(JSON.stringify(marks.subject), JSON.stringify(r.subject))
      .replace(String(marks.durationMs), String(r.durationMs));
    let i = 0;
    const lines = new Readable({
      read() {
        let chunk = '';
        for (let n = 0; n < 2000 && i < count; n++, i++) {
          const t = templates[i % templates.length];
          const record: AccessRecord = {
            ...t,
            occurredAt: new Date(recordTime(i, count, start, end, days)).toISOString(),
            requestId: randomUUID(),
            subject: i % NIGHT_SHARE === 0 ? `night-${t.role.toLowerCase()}-${(i / NIGHT_SHARE) % 5}` : `${t.role.toLowerCase()}-${(i * 7919) % STAFF}`,
            durationMs: 5 + (i % 40),
          };
          seq += 1;
          const hash = chainHash(prev, fill(canonicals[i % templates.length], record));
          chunk += copyLine(seq, record, prev, hash);
          prevPrev = prev;
          prev = hash;
        }
        this.push(chunk.length ? chunk : null);
      },
    });
    await pipeline(lines, client.query(copyFrom(`COPY access_log (${columns}) FROM STDIN WITH (FORMAT csv)`)));
    const copied = performance.now();
    await client.query(`
      CREATE INDEX access_log_occurred_at_idx ON access_log (occurred_at) INCLUDE (seq, subject, role, purpose, outcome, refusal, misses, residents_named);
      CREATE INDEX access_log_subject_idx ON access_log (subject, occurred_at);
      CREATE INDEX access_log_residents_idx ON access_log USING gin (residents) WITH (fastupdate = off);`);
    await client.query('UPDATE access_log_head SET seq = $1, prev_hash = $2, hash = $3 WHERE id = 1', [seq, prevPrev, prev]);
    await client.query('COMMIT');
    const indexed = performance.now();
    await client.query('VACUUM (ANALYZE) access_log');
    log(`  chain + COPY ${fmt((copied - began) / 1000, 1)} s, indexes ${fmt((indexed - copied) / 1000, 1)} s, VACUUM ANALYZE ${fmt((performance.now() - indexed) / 1000, 1)} s`);
  } finally {
    await client.end();
  }
  return (performance.now() - began) / 1000;
}

async function main(): Promise<void> {
  // The hub's own log lines (e.g. auditors' pool waits during the storm) would interleave with the figures.
  logger.level = process.env.LOG_LEVEL ?? 'fatal';
  log(`bench:anomalies — ${RECORDS.toLocaleString('en')} bulk records over ${DAYS} days; load ${CLIENTS} clients × ${SECONDS} s per window; ${AUDITORS} auditors`);
  const bench = await prepareBenchDatabases({ residents: 5000, dataDir: DATA_DIR, keep: false, log });
  const serving = openDatabases(bench.urls, { poolMax: 10, as: 'serve' });
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  // No signer runs in the bench (no checkpoints are written); the chain itself is what is verified.
  const checkpointKeys = generateKeyPairSync('ed25519');
  const hub = await startHub(serving, {
    // A handful of principals send all the traffic: the per-principal budgets would refuse most of it.
    limits: loadLimitSettings({ ...process.env, RATE_LIMIT_REQUESTS: '0', MISS_BUDGET: '0' }),
    port: 0, auth: { key: publicKey, algorithm: 'EdDSA', issuer: ISSUER, audience: AUDIENCE },
  });
  const token = (r: TokenRequest) => issueToken(privateKey, 'EdDSA', ISSUER, AUDIENCE, r);
  const post = async (headers: Record<string, string>, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
  };
  try {
    // 2. Real traffic: the templates.
    const persons = await samplePersonIds(bench.dbs, 200);
    const households = await sampleHouseholdIds(bench.dbs, 60);
    const callers = [
      { headers: { authorization: `Bearer ${await token({ role: 'POLICE_OFFICER', subject: 'officer-1' })}`, 'x-purpose': 'EMERGENCY' }, doc: PERSON_FILE, ids: persons },
      { headers: { authorization: `Bearer ${await token({ role: 'CIVIL_AFFAIRS_OFFICER', subject: 'civil-1' })}`, 'x-purpose': 'SUBSIDY_REVIEW' }, doc: HOUSEHOLD_FILE, ids: households },
      { headers: { authorization: `Bearer ${await token({ role: 'HEALTH_WORKER', subject: 'health-1' })}`, 'x-purpose': 'HEALTH_FOLLOW_UP' }, doc: PERSON_FILE, ids: persons },
      { headers: { authorization: `Bearer ${await token({ role: 'CIVIL_AFFAIRS_OFFICER', subject: 'civil-2' })}`, 'x-purpose': 'HOME_VISIT' }, doc: PERSON_FILE, ids: persons.slice(0, 8) },
    ];
    for (const c of callers) for (const id of c.ids.slice(0, 60)) await post(c.headers, c.doc, { id });
    const owner = new Client({ connectionString: bench.urls.hub });
    await owner.connect();
    const templateRows = (await owner.query('SELECT *, residents::text[] AS residents, households::text[] AS households FROM access_log ORDER BY seq')).rows;
    await owner.end();
    const templates = templateRows.map(recordFromRow);
    log(`real requests through the hub: ${templates.length} access records (templates; roles ${[...new Set(templates.map((t) => t.role))].join(', ')})`);

    // 3. Bulk.
    const end = Date.now() - 60_000;
    const start = end - DAYS * DAY;
    const loadSeconds = await bulkLoad(bench.urls.hub, templates, RECORDS, start, end);
    log(`bulk: ${RECORDS.toLocaleString('en')} records chained and loaded in ${fmt(loadSeconds, 1)} s`);

    // 4. Anomalies over the busiest full day.
    const auditor = { authorization: `Bearer ${await token({ role: 'AUDITOR', subject: 'auditor-1' })}` };
    // Whole weekdays (China time) of the bulk; the first is measured alone, the storm's auditors take them in turn.
    const dayWindows = weekdays(start, end).map((d) => ({ from: new Date(d).toISOString(), to: new Date(d + DAY).toISOString() }));
    const day = dayWindows[0];
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const res = await post(auditor, ANOMALIES, day);
      if (res.body.errors) throw new Error(`accessAnomalies failed: ${JSON.stringify(res.body.errors)}`);
      if (i > 0) times.push(performance.now() - t0);
      found = res.body.data.accessAnomalies.length;
    }
    const perDay = Number((await bench.dbs.hub.raw('SELECT count(*) AS n FROM access_log WHERE occurred_at >= ? AND occurred_at < ?', [day.from, day.to])).rows[0].n);
    const sqlTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await findAnomalies(bench.dbs.hub, day.from, day.to, DEFAULT_THRESHOLDS);
      sqlTimes.push(performance.now() - t0);
    }
    log(`findAnomalies SQL alone (owner pool): median ${fmt(median(sqlTimes))} ms over 5`);
    if (argv.includes('--explain')) {
      const { sql, bindings } = anomalyStatement(day.from, day.to, DEFAULT_THRESHOLDS);
      for (const r of (await bench.dbs.hub.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings)).rows) log(r['QUERY PLAN']);
    }
    log(`accessAnomalies over HTTP, one weekday (${dayWindows.length} in the bulk; ${perDay.toLocaleString('en')} of ${(RECORDS + templates.length).toLocaleString('en')} records): median ${fmt(median(times))} ms over 5 calls (min ${fmt(Math.min(...times))}, max ${fmt(Math.max(...times))}); ${found} anomalies`);

    // 5. Person file p99 with and without an auditor storm.
    const officer = callers[0].headers;
    const loadOptions = {
      origin: new URL(hub.url).origin,
      headers: { 'content-type': 'application/json', ...officer },
      requests: persons.map((id) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query: PERSON_FILE, variables: { id } }) })),
      connections: CLIENTS,
      seconds: SECONDS,
      warmupSeconds: 0,
      verifyBody: (body: string) => !body.includes('"errors"'),
    };
    await measureLoad({ ...loadOptions, seconds: 5 });
    const row = (label: string, r: LoadResult) => log(`  ${label.padEnd(26)} ${fmt(r.rps, 0).padStart(6)} req/s   p50 ${fmt(r.p50).padStart(7)} ms   p99 ${fmt(r.p99).padStart(7)} ms   bad ${r.bad}`);
    log(`person file, ${CLIENTS} clients, ${SECONDS} s windows, quiet and storm alternating (${ROUNDS} rounds):`);
    const quiet: LoadResult[] = [await measureLoad(loadOptions)];
    row('no auditors', quiet[0]);
    const stormy: LoadResult[] = [];
    const auditorTimes: number[] = [];
    let auditorErrors = 0;
    let shift = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let storming = true;
      // Even rounds: the weekdays in turn (an auditors' dashboard; settled windows are scanned once, then kept).
      // Odd rounds: every call's window starts a fresh number of seconds later, so every call is a full scan.
      const fresh = round % 2 === 1;
      const windowOf = (k: number, call: number) => {
        const w = dayWindows[(k + call) % dayWindows.length];
        return fresh ? { from: new Date(Date.parse(w.from) + ++shift * 1000).toISOString(), to: w.to } : w;
      };
      const storm = Array.from({ length: AUDITORS }, async (_, k) => {
        for (let call = 0; storming; call++) {
          const t0 = performance.now();
          const res = await post(auditor, ANOMALIES, windowOf(k, call)).catch(() => ({ status: 0, body: { errors: ['fetch failed'] } }));
          if (res.body.errors) auditorErrors += 1;
          else auditorTimes.push(performance.now() - t0);
        }
      });
      stormy.push(await measureLoad(loadOptions));
      storming = false;
      row(`${AUDITORS} auditors, ${fresh ? 'fresh windows' : 'weekdays'}`, stormy.at(-1)!);
      await Promise.all(storm);
      quiet.push(await measureLoad(loadOptions));
      row('no auditors', quiet.at(-1)!);
    }
    const mean = (rs: LoadResult[], k: 'p50' | 'p99') => rs.reduce((a, r) => a + r[k], 0) / rs.length;
    for (const [i, r] of stormy.entries()) {
      const around = mean([quiet[i], quiet[i + 1]], 'p99');
      log(`  storm ${i + 1} (${i % 2 ? 'fresh windows, every call a scan' : 'weekdays in turn'}): p99 ${fmt(r.p99)} ms / quiet windows around it ${fmt(around)} ms = ${fmt(r.p99 / around, 3)}`);
    }
    log(`  p99 ratio, storm / quiet (means): ${fmt(mean(stormy, 'p99') / mean(quiet, 'p99'), 3)}   (p50 ratio ${fmt(mean(stormy, 'p50') / mean(quiet, 'p50'), 3)}); bad responses ${[...quiet, ...stormy].reduce((a, r) => a + r.bad, 0)}`);
    log(`  auditor calls during the storms: ${auditorTimes.length} answered, median ${fmt(median(auditorTimes))} ms; ${auditorErrors} errors (audit read pool: ${readSourceLimits().auditReadPoolMax} connections)`);

    // 6. The chain holds over the bulk and the appends after it.
    if (VERIFY) {
      const t0 = performance.now();
      const ownerDbs = bench.dbs;
      const result = await verifyChain(ownerDbs.hub, checkpointKeys.publicKey);
      log(`verifyChain: ${result.ok ? 'intact' : `BROKEN at ${result.broken!.seq}: ${result.broken!.reason}`}, ${result.records.toLocaleString('en')} records in ${fmt((performance.now() - t0) / 1000, 1)} s`);
      if (!result.ok) process.exitCode = 1;
    }
  } finally {
    await hub.close();
    await closeDatabases(serving);
    await bench.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
