import { randomBytes } from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_NAMES, databaseUrlVariable } from '../src/config';
import { closeDatabases, Databases } from '../src/db/databases';
import { EMERGENCY_OFFICER, headersFor, testToken } from './support/auth';
import { buildCompiledHub, CompiledHub, hubEnvironment, startCompiledHub, testPublicKeyFile } from './support/compiledHub';
import { Exchange, send, sigtermUnderLoad } from './support/keepAliveClients';
import { subscribe, TICKET_EVENTS } from './support/subscriptions';
import { openOwnerTestDatabases, testDatabaseUrls } from './support/testDatabases';

const FILE = 'query File($id: ID!) { person(id: $id) { id name idNumber phone household { members { name phone } } } }';
const BY_ID_NUMBER = 'query ByIdNumber($n: String!) { personByIdNumber(idNumber: $n) { id name phone } }';
const SHUTDOWN_SECONDS = 5;
/** Anything shaped like an ID number, not part of a longer number (a float's digits). */
const ID_NUMBER = /(?<![\d.])\d{17}[\dXx](?![\d.])/;
const METRICS_TOKEN = 'metrics-token-for-the-test-scrape';
/** Not the development default: production mode refuses that one. */
const APP_PASSWORD = 'production-test-app-password';
const DEV_APP_PASSWORD = process.env.ONEFILE_APP_PASSWORD || 'onefile-app-dev';

interface LogLine { msg: string; requestId?: string; traceId?: string; route?: string; kind?: string; status?: number; outcome?: string; [key: string]: unknown }

function logLines(hub: CompiledHub): LogLine[] {
  return hub.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
}

/**
 * The hub as it ships, in production mode: compiled, NODE_ENV=production, every production
 * setting given (token key, issuer, audience, a non-default serving password, the checkpoint
 * signing key, the four database URLs), over the test databases as configured databases.
 */
describe('the compiled hub in production mode', () => {
  let owner: Databases;
  let hub: CompiledHub;
  let person: { id: string; id_number: string };

  beforeAll(async () => {
    const main = buildCompiledHub();
    owner = openOwnerTestDatabases();
    await owner.hub.raw(`ALTER ROLE onefile_app PASSWORD '${APP_PASSWORD}'`);
    person = await owner.hub('person_index').orderBy('id_number').offset(25).first();
    const keysDir = process.env.ONEFILE_TEST_KEYS_DIR!;
    const documentKeyFile = path.join(keysDir, 'production-document.key');
    fs.writeFileSync(documentKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const env = hubEnvironment({
      NODE_ENV: 'production', PORT: '0',
      AUTH_PUBLIC_KEY_FILE: await testPublicKeyFile(),
      ONEFILE_APP_PASSWORD: APP_PASSWORD,
      AUDIT_SIGNING_KEY_FILE: path.join(keysDir, 'audit-signing-private.pem'), CLAIMS_SIGNING_KEY_FILE: path.join(keysDir, 'audit-signing-private.pem'), ONEFILE_KEYS_DIR: keysDir, AUDIT_DOCUMENT_KEY_FILE: documentKeyFile,
      AUDIT_CHECKPOINT_SECONDS: '3600', SHUTDOWN_DRAIN_SECONDS: String(SHUTDOWN_SECONDS), METRICS_TOKEN,
      // One principal sends all the hammering: its per-principal budget (429) is not what is tested here.
      RATE_LIMIT_REQUESTS: '0', MISS_BUDGET: '0',
    });
    const urls = testDatabaseUrls();
    for (const name of DATABASE_NAMES) env[databaseUrlVariable(name)] = urls[name];
    hub = await startCompiledHub(main, env);
  }, 180_000);

  afterAll(async () => {
    if (hub?.child.exitCode === null) hub.child.kill('SIGKILL');
    await owner.hub.raw(`ALTER ROLE onefile_app PASSWORD '${DEV_APP_PASSWORD}'`);
    await closeDatabases(owner);
  });

  it('writes one log line per request with its request id (an incoming UUID x-request-id and traceparent honoured) and no personal data', async () => {
    const officer = await headersFor(EMERGENCY_OFFICER);
    const police = await owner.police('persons').where({ id_number: person.id_number }).first();
    const sent: Array<{ id: string; query: string; variables: Record<string, unknown>; extra: Record<string, string> }> = [
      { id: '5f0e3c52-8a41-4d5e-9c1b-2a7d6e4f8b90', query: FILE, variables: { id: person.id }, extra: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } },
      { id: 'a3c5e7f9-1b2d-4f6a-8c0e-3d5f7a9b1c2e', query: BY_ID_NUMBER, variables: { n: person.id_number }, extra: {} },
      // Refused as request ids: not a UUID (an ID number), and a UUID carrying a mobile number.
      { id: person.id_number, query: BY_ID_NUMBER, variables: { n: person.id_number }, extra: {} },
      { id: '123e4567-e89b-42d3-a456-a13812345678', query: FILE, variables: { id: person.id }, extra: {} },
    ];
    const answered: string[] = [];
    const bodies: string[] = [];
    for (const s of sent) {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { ...officer, ...s.extra, 'content-type': 'application/json', 'x-request-id': s.id },
        body: JSON.stringify({ query: s.query, variables: s.variables }),
      });
      expect(res.status).toBe(200);
      answered.push(res.headers.get('x-request-id')!);
      bodies.push(await res.text());
    }
    expect(answered.slice(0, 2)).toEqual([sent[0].id, sent[1].id]);
    for (const id of answered.slice(2)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(sent.map((s) => s.id)).not.toContain(id);
    }
    // The access log carries the same request ids.
    expect(await owner.hub('access_log').whereIn('request_id', answered).pluck('request_id')).toEqual(expect.arrayContaining(answered));

    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = logLines(hub).filter((l) => l.msg === 'request' && answered.includes(l.requestId!));
    expect(lines.map((l) => l.requestId).sort()).toEqual([...answered].sort());
    expect(lines.find((l) => l.requestId === sent[0].id)).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', method: 'POST', route: 'graphql', kind: 'query',
      role: 'POLICE_OFFICER', status: 200, outcome: 'ok', durationMs: expect.any(Number),
    });

    // What the responses disclosed must not be in the log: ID numbers, names, phones, variables.
    const disclosed = bodies.join('\n');
    expect(disclosed).toContain(police.name);
    const log = hub.output();
    const secrets = [person.id_number, person.id, police.name, police.phone, ...(JSON.parse(bodies[0]).data.person.household.members as Array<{ name: string; phone: string | null }>).flatMap((m) => [m.name, m.phone])];
    for (const secret of secrets.filter(Boolean)) expect(log).not.toContain(secret);
    expect(log).not.toMatch(ID_NUMBER);
    expect(log).not.toContain('13812345678');
  });

  it('serves /metrics to ADMIN tokens and the metrics token only, with request, error, pool and access-log series and no personal data', async () => {
    const metricsUrl = hub.url.replace('/graphql', '/metrics');
    expect((await fetch(metricsUrl)).status).toBe(401);
    const staff = await testToken({ role: 'STREET_STAFF', subject: 'metrics-reader', grids: ['110101001001-G01'] });
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${staff}` } })).status).toBe(403);
    expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer not-the-metrics-token' } })).status).toBe(401);
    const admin = await testToken({ role: 'ADMIN', subject: 'operator' });
    const byAdmin = await fetch(metricsUrl, { headers: { authorization: `Bearer ${admin}` } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.headers.get('content-type')).toMatch(/^text\/plain/);
    const scrape = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}()]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('onefile_http_requests_total{route="graphql",kind="query",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(value('onefile_http_request_duration_seconds_count{route="graphql",kind="query",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(value('onefile_access_log_append_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(value('onefile_db_pool_connections{database="hub",state="max"}')).toBeGreaterThan(0);
    expect(value('onefile_db_pool_connections{database="police",state="used"}')).toBeGreaterThanOrEqual(0);
    expect(value('onefile_http_requests_in_flight')).toBe(0);
    for (const declared of ['onefile_department_query_duration_seconds', 'onefile_department_timeouts_total', 'onefile_department_circuit_state', 'onefile_rate_limited_total', 'onefile_http_requests_shed_total', 'onefile_graphql_errors_total']) {
      expect(text).toContain(`# TYPE ${declared} `);
    }
    expect(text).not.toContain(person.id);
    expect(text).not.toContain(person.id_number);
    expect(text).not.toMatch(ID_NUMBER);
  });

  it('drains on SIGTERM: keep-alive clients get only 200s and 503 SHUTTING_DOWN, subscribers a 1001 close, every disclosure is recorded, the final checkpoint is written, exit 0 within the deadline', async () => {
    const headers = await headersFor(EMERGENCY_OFFICER);
    // A department app subscribed to its ticket events over WebSocket: the drain closes it with 1001, first.
    const subscriber = subscribe(hub.url, { authorization: headers.authorization }, TICKET_EVENTS, { department: 'police' });
    await subscriber.connected;
    // Besides the hammering clients (whose next request may or may not meet the drain), one kept-alive
    // connection left idle just before the signal sends its next request half a second into the drain
    // (within the 1 s the drain leaves idle connections open): it must be answered 503, not reset.
    const idle = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ query: FILE, variables: { id: person.id } });
    let probe: Promise<[Exchange, Exchange]> | undefined;
    const signal = (child: typeof hub.child) => {
      probe = (async () => {
        const before = await send(idle, new URL(hub.url), headers, body);
        child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 500));
        return [before, await send(idle, new URL(hub.url), headers, body)];
      })();
    };
    const run = await sigtermUnderLoad(hub.child, hub.exited, hub.url, headers, FILE, { id: person.id }, signal);
    const [warm, late] = await probe!;
    idle.destroy();
    expect(warm.status).toBe(200);
    expect(late).toMatchObject({ status: 503, codes: ['SHUTTING_DOWN'], hasData: false, connection: 'close', retryAfter: '1' });
    const { code, signalledAt, tookMs } = run;
    const exchanges = [...run.exchanges, warm, late];

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_SECONDS * 1000);
    expect(await subscriber.closed).toEqual({ code: 1001, reason: 'SHUTTING_DOWN' });
    await subscriber.dispose();
    const answered = exchanges.filter((e) => e.status !== undefined);
    // No 500s, no resets: a response (200 or 503), or a refused connection once the hub stopped listening.
    expect(exchanges.filter((e) => e.error && e.error !== 'ECONNREFUSED')).toEqual([]);
    expect([...new Set(answered.map((e) => e.status))].sort()).toEqual(expect.arrayContaining([200]));
    expect(answered.filter((e) => e.status !== 200 && e.status !== 503)).toEqual([]);
    const ok = answered.filter((e) => e.status === 200);
    expect(ok.filter((e) => e.codes.length > 0 || !e.hasData)).toEqual([]);
    // Requests in flight when the signal came were finished, not cut.
    expect(ok.filter((e) => e.startedAt < signalledAt && e.endedAt > signalledAt).length).toBeGreaterThan(0);
    const refused = answered.filter((x) => x.status === 503);
    // Keep-alive clients sent on during the drain: at least one was answered 503, none was left hanging or reset.
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.filter((e) => !(e.codes.join() === 'SHUTTING_DOWN' && !e.hasData && e.connection === 'close' && e.retryAfter === '1'))).toEqual([]);
    // Every disclosing 200 has exactly one access record, under its request id.
    const recorded = await owner.hub('access_log').whereIn('request_id', ok.map((e) => e.requestId)).select('request_id');
    expect(recorded.length).toBe(ok.length);
    expect(new Set(recorded.map((r: { request_id: string }) => r.request_id)).size).toBe(ok.length);
    // The final signed checkpoint covers the chain's head.
    const head = await owner.hub('access_log_head').where({ id: 1 }).first();
    const last = await owner.hub('access_log_checkpoints').orderBy('seq', 'desc').first();
    expect(Number(last.seq)).toBe(Number(head.seq));
    expect(new Date(last.signed_at).getTime()).toBeGreaterThanOrEqual(signalledAt - 1000);

    const steps = logLines(hub).filter((l) => l.msg === 'shutdown step done').map((l) => l.step);
    expect(steps).toEqual(['stop Apollo, write the final checkpoint', 'close the serving pools', 'close the owner pools']);
    expect(hub.output()).not.toMatch(/"level":50/);
    // One shutdown path: Apollo's own handler (which stops Apollo under live connections and
    // re-raises the signal when done) is not installed.
    expect(hub.output()).not.toContain('already shutting down');
  }, 60_000);
});
