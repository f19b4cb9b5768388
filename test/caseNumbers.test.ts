import { closeDatabases, Databases } from '../src/db/databases';
import { startHub } from '../src/hub';
import type { HttpHub } from '../src/server/httpServer';
import { headersFor, testAuthSettings } from './support/auth';
import { openOwnerTestDatabases, openTestDatabases } from './support/testDatabases';

const FILE = 'query Case($id: ID!) { person(id: $id) { name } }';

describe('case numbers (x-case-number) never carry an identifier into the access log', () => {
  let dbs: Databases;
  let owner: Databases;
  let defaultHub: HttpHub;
  let configuredHub: HttpHub;
  let id: string;

  beforeAll(async () => {
    dbs = openTestDatabases();
    owner = openOwnerTestDatabases();
    const base = { port: 0, auth: await testAuthSettings() };
    defaultHub = await startHub(dbs, base);
    configuredHub = await startHub(dbs, { ...base, accessLogPrivacy: { caseNumberPattern: /^JZ\d{4}-\d{3}$/ } });
    id = (await dbs.hub('person_index').orderBy('id').first()).id;
  });
  afterAll(async () => {
    await configuredHub.close();
    await defaultHub.close();
    await closeDatabases(dbs);
    await closeDatabases(owner);
  });

  /** Sends the file request on a case; `caseNumber` goes out byte for byte (UTF-8 for Han text). */
  async function onCase(hub: HttpHub, caseNumber: string) {
    const headers = await headersFor({ role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', subject: 'case-tester' });
    const reads: string[] = [];
    const listeners = (['police', 'civil', 'health'] as const).map((name) => {
      const l = (q: { sql: string }) => reads.push(`${name}: ${q.sql}`);
      dbs[name].on('query', l);
      return () => dbs[name].removeListener('query', l);
    });
    try {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, 'x-case-number': Buffer.from(caseNumber, 'utf8').toString('latin1') },
        body: JSON.stringify({ query: FILE, variables: { id } }),
      });
      const text = await res.text();
      const record = await owner.hub('access_log').where({ request_id: res.headers.get('x-request-id') }).first();
      return { status: res.status, text, body: JSON.parse(text), record, reads };
    } finally {
      listeners.forEach((off) => off());
    }
  }

  it.each([
    ['an ID number with separators', 'ID-110101-19490922-2648', 'IDENTIFIER'],
    ['a bare ID number', '110101194909222648', 'IDENTIFIER'],
    ['a phone number behind a letter', 'T13812345678', 'IDENTIFIER'],
    ['a name', '张三', 'IDENTIFIER'],
    ['a case number of another format', 'case 42', 'FORMAT'],
  ])('refuses %s with INVALID_CASE_NUMBER before reading anything, stores nothing of it and does not echo it', async (_label, value, problem) => {
    const res = await onCase(defaultHub, value);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ message: 'The x-case-number header is not a case number of the configured format (e.g. XS-2026-0042).', extensions: { code: 'INVALID_CASE_NUMBER', header: 'x-case-number', problem } }],
    });
    expect(res.text).not.toContain(value);
    expect(res.reads).toEqual([]);
    expect(res.record).toMatchObject({ purpose: 'CASE_INVESTIGATION', outcome: 'REFUSED', refusal: 'INVALID_CASE_NUMBER', case_number: null, residents: [] });
    const stored = JSON.stringify(res.record);
    expect(stored).not.toContain(value);
    expect(stored).not.toContain('13812345678');
    expect(stored).not.toContain('19490922');
  });

  it('accepts and records a case number of the default format (XS-2026-0042)', async () => {
    const res = await onCase(defaultHub, 'XS-2026-0042');
    expect(res.status).toBe(200);
    expect(res.body.data.person.name).toEqual(expect.any(String));
    expect(res.record).toMatchObject({ case_number: 'XS-2026-0042', outcome: 'DISCLOSED', refusal: null });
  });

  it('checks against the configured format (CASE_NUMBER_PATTERN) and still refuses identifiers it would admit', async () => {
    expect((await onCase(configuredHub, 'JZ2026-042')).record).toMatchObject({ case_number: 'JZ2026-042', outcome: 'DISCLOSED' });
    expect((await onCase(configuredHub, 'XS-2026-0042')).body.errors[0].extensions).toMatchObject({ code: 'INVALID_CASE_NUMBER', problem: 'FORMAT' });
  });
});
