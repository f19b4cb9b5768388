import { logger } from '../../src/logger';
import { DEFAULT_LIMITS, withoutRateLimits } from '../../src/limits/limitSettings';
import { SECURITY_HEADERS } from '../../src/server/httpHardening';
import { EMERGENCY_OFFICER, headersFor } from '../support/auth';
import { TestHub, startTestHub } from '../support/http';
import { openTestDatabases } from '../support/testDatabases';
import { ask, codes, expectNoLeak, send } from './attackClient';

const CONSOLE_ORIGIN = 'https://console.example.gov.cn';

/** Attacks on the HTTP front: methods, content types, CSRF, CORS, headers. Over real HTTP. */
describe('attacks: HTTP', () => {
  let t: TestHub;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestHub(openTestDatabases(), { ...withoutRateLimits(DEFAULT_LIMITS), corsOrigins: [CONSOLE_ORIGIN] });
    auth = await headersFor(EMERGENCY_OFFICER);
  });
  afterAll(() => t.close());

  it('answers a subscription sent by HTTP (subscriptions are served over WebSocket) with 400 and OPERATION_NOT_SUPPORTED, logging no error', async () => {
    const errors = jest.spyOn(logger, 'error');
    try {
      const a = await ask(t.hub.url, 'subscription { ticketEvents(department: "police") { ticketId } }');
      expect(a.status).toBe(400);
      expect(codes(a)).toEqual(['OPERATION_NOT_SUPPORTED']);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('refuses a mutation sent as GET with 405', async () => {
    const a = await send(`${t.hub.url}?query=${encodeURIComponent('mutation { __typename }')}`, { method: 'GET', headers: auth });
    expect(a.status).toBe(405);
    expectNoLeak(a);
  });

  it('answers a GET query the way urql sends it (no preflight header but the bearer token)', async () => {
    const q = encodeURIComponent('query Viewer { viewer { role } }');
    const a = await send(`${t.hub.url}?query=${q}&operationName=Viewer`, { method: 'GET', headers: { ...auth, accept: 'application/graphql-response+json, application/json' } });
    expect(a.status).toBe(200);
    expect(a.body.data.viewer.role).toBe('POLICE_OFFICER');
  });

  it('refuses a POST that is not JSON with 415 (text/plain and form posts are the CSRF shapes)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const a = await send(t.hub.url, { body: JSON.stringify({ query: '{ viewer { role } }' }), headers: { ...auth, 'content-type': type } });
      expect(a.status).toBe(415);
      expect(codes(a)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  it('keeps CSRF shut: a cross-site simple request cannot carry the bearer token and is refused before any resolver', async () => {
    const a = await send(`${t.hub.url}?query=${encodeURIComponent('{ viewer { role } }')}`, { method: 'GET', headers: { origin: 'https://evil.example' } });
    expect(a.status).toBe(401);
    expect(a.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a CORS preflight from an origin that is not configured', async () => {
    const a = await send(t.hub.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(a.status).toBe(403);
    expect(codes(a)).toEqual(['CORS_ORIGIN_DENIED']);
    expect(a.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a CORS preflight and request from a configured origin', async () => {
    const pre = await send(t.hub.url, { method: 'OPTIONS', headers: { origin: CONSOLE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-purpose' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-purpose');
    const a = await send(t.hub.url, { body: JSON.stringify({ query: '{ viewer { role } }' }), headers: { ...auth, origin: CONSOLE_ORIGIN, 'content-type': 'application/json' } });
    expect(a.status).toBe(200);
    expect(a.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
  });

  it('sends the security headers on every answer: GraphQL, refusals, health and unknown paths', async () => {
    const base = t.hub.url.replace(/\/graphql$/, '');
    const answers = [
      await ask(t.hub.url, '{ viewer { role } }'),
      await send(t.hub.url, { body: '{}', headers: { 'content-type': 'application/json' } }),
      await send(`${base}/healthz`, { method: 'GET' }),
      await send(`${base}/nope`, { method: 'GET' }),
    ];
    for (const a of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(a.headers.get(name)).toBe(value);
      expect(a.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('refuses a body that is not valid UTF-8 with INVALID_TEXT', async () => {
    const json = Buffer.from('{"query":"{ searchPersons(filter: { name: \\"zh', 'utf8');
    const body = Buffer.concat([json, Buffer.from([0xff, 0xfe]), Buffer.from('\\" }) { edges { node { id } } } }"}', 'utf8')]);
    const a = await send(t.hub.url, { body, headers: { ...auth, 'x-purpose': 'EMERGENCY', 'content-type': 'application/json' } });
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['INVALID_TEXT']);
  });

  it('refuses a lone surrogate escaped in JSON with INVALID_TEXT', async () => {
    const body = '{"query":"query($n: String) { searchPersons(filter: { name: $n }) { edges { node { id } } } }","variables":{"n":"zh\\ud800"}}';
    const a = await send(t.hub.url, { body, headers: { ...auth, 'content-type': 'application/json' } });
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['INVALID_TEXT']);
  });

  it('records a request refused for its text with that code, even when its purpose is missing too', async () => {
    const a = await ask(t.hub.url, 'query($n: String) { searchPersons(filter: { name: $n }) { totalCount } }', { n: 'zh\u0000' }, { role: 'POLICE_OFFICER' });
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['INVALID_TEXT']);
    const record = await t.dbs.hub('access_log').where({ request_id: a.headers.get('x-request-id') }).first();
    expect(record).toMatchObject({ outcome: 'REFUSED', refusal: 'INVALID_TEXT', residents: [] });
  });

  it('refuses a NUL literal on the document\'s second use too, and checks a cached document\'s variables on every request', async () => {
    // Apollo reuses the parsed document of a query text it has seen; the literal check is remembered per document.
    const literal = '{ searchPersons(filter: { name: "zh\\u0000ang" }) { totalCount } }';
    for (let i = 0; i < 2; i++) {
      const a = await ask(t.hub.url, literal);
      expect(a.status).toBe(400);
      expect(codes(a)).toEqual(['INVALID_TEXT']);
    }
    const query = 'query Cached($n: String) { searchPersons(filter: { name: $n }) { totalCount } }';
    expect(codes(await ask(t.hub.url, query, { n: 'zhang' }))).toEqual([]);
    const bad = await ask(t.hub.url, query, { n: 'zh\u0000ang' });
    expect(bad.status).toBe(400);
    expect(codes(bad)).toEqual(['INVALID_TEXT']);
    expect(codes(await ask(t.hub.url, query, { n: 'zhang' }))).toEqual([]);
  });

  it('refuses a GET query string with percent-escapes that are not UTF-8', async () => {
    const a = await send(`${t.hub.url}?query=%7B%20viewer%20%7B%20role%20%7D%20%7D&operationName=%FF`, { method: 'GET', headers: auth });
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['INVALID_TEXT']);
  });
});
