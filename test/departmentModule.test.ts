import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { ROLES, ROLE_PURPOSES } from '../src/auth/vocabulary';
import { DatabaseUrls, readDatabaseUrls } from '../src/config';
import { closeDatabases, Databases, openDatabases } from '../src/db/databases';
import { renderDatabaseTable } from '../src/departments/databaseDocs';
import { BUILT_IN_DEPARTMENTS, departmentNames, EXTRA_DEPARTMENTS_VARIABLE } from '../src/departments/registry';
import { startHub } from '../src/hub';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { logger } from '../src/logger';
import { renderAccessMatrix } from '../src/policy/accessMatrix';
import { readDeclarations } from '../src/policy/declarations';
import { decide, departmentsWithoutPolicy } from '../src/policy/policyTable';
import { buildOneFileSchema, buildServedSchema } from '../src/schema/buildSchema';
import type { HttpHub } from '../src/server/httpServer';
import { headersFor, testAuthSettings } from './support/auth';
import { postGraphQL } from './support/http';

/**
 * The registry's proof: a fifth department (human resources & social security, 人社) from a fixture
 * folder — its declaration, policy rows, schema section, loaders, seed part and migrations — is
 * served, policed, logged, documented, probed and seeded, with no file outside the fixture edited.
 */
const HRSS = path.join(__dirname, 'fixtures', 'departments', 'hrss', 'index.ts');
const SILENT = path.join(__dirname, 'fixtures', 'departments', 'silent.ts');
const WORK = path.resolve('.data', `test-departments-${process.pid}`);
const GRID = '110101001001-G01';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  urls: DatabaseUrls;
  seeded: string[];
  /** Owner pools on the started cluster's databases. */
  dbs: Databases;
  close(): Promise<void>;
}

/**
 * `npm start`'s embedded path (src/main.ts: connect, create and migrate every registered database,
 * seed the empty ones) in a child process (support/embeddedStartProcess.ts), with this process's
 * ONEFILE_EXTRA_DEPARTMENTS.
 */
/** Started children, so a failed test still stops them (an orphan would keep jest from exiting). */
const children = new Set<ReturnType<typeof spawn>>();

async function embeddedStart(dataDir: string, port: number): Promise<Started> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'support', 'embeddedStartProcess.ts'), dataDir, String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.endsWith('_DATABASE_URL'))),
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const { value, done } = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  if (done) throw new Error(`embedded start failed: ${stderr}`);
  const { urls, seeded } = JSON.parse(value as string) as { urls: DatabaseUrls; seeded: string[] };
  const dbs = openDatabases(urls, { poolMax: 2, as: 'owner' });
  return {
    urls,
    seeded,
    dbs,
    async close() {
      await closeDatabases(dbs);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.write('exit\n');
      await exited;
    },
  };
}

function register(...files: string[]): void {
  if (files.length) process.env[EXTRA_DEPARTMENTS_VARIABLE] = files.join(',');
  else delete process.env[EXTRA_DEPARTMENTS_VARIABLE];
}

afterAll(async () => {
  register();
  // A test that failed before its close(): ask the child to stop its embedded server, then make sure.
  await Promise.all([...children].map((child) => new Promise((resolve) => {
    child.once('exit', resolve);
    child.stdin!.write('exit\n');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  })));
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe('a department module from a fixture folder (hrss)', () => {
  let pgPort: number;
  let existing: Started;
  let hub: HttpHub;
  let serving: ReturnType<typeof openDatabases>;
  let policeRowsBefore: number;

  beforeAll(async () => {
    fs.rmSync(WORK, { recursive: true, force: true });
    pgPort = await freePort();
    // A data dir created and seeded before the fifth department existed…
    register();
    const before = await embeddedStart(path.join(WORK, 'existing'), pgPort);
    expect(before.seeded).toEqual(BUILT_IN_DEPARTMENTS.map((m) => m.name));
    policeRowsBefore = Number((await before.dbs.police.raw('SELECT count(*) AS n FROM persons')).rows[0].n);
    await before.close();
    // …started again with the department registered.
    register(HRSS);
    existing = await embeddedStart(path.join(WORK, 'existing'), pgPort);
    expect(existing.seeded).toEqual(['hrss']);
    serving = openDatabases(existing.urls, { poolMax: 4 });
    hub = await startHub(serving, { port: 0, auth: await testAuthSettings(), limits: withoutRateLimits(DEFAULT_LIMITS) });
  }, 240_000);

  afterAll(async () => {
    await hub?.close();
    if (serving) await closeDatabases(serving);
    await existing?.close();
  });

  it('is registered through the same list as the built-in modules', () => {
    expect(departmentNames()).toEqual([...BUILT_IN_DEPARTMENTS.map((m) => m.name), 'hrss']);
  });

  it('gets its database created, migrated and seeded on an existing data dir, leaving the others as they were', async () => {
    const dbs = existing.dbs;
    expect(Number((await dbs.police.raw('SELECT count(*) AS n FROM persons')).rows[0].n)).toBe(policeRowsBefore);
    const insured = await dbs.hrss.raw('SELECT count(*) AS n, count(monthly_pension) AS pensions FROM social_security');
    expect(Number(insured.rows[0].n)).toBeGreaterThan(1000);
    expect(Number(insured.rows[0].pensions)).toBeGreaterThan(100);
    // Seeded from the same population: every insured ID number is a resident the police know.
    const ids: string[] = (await dbs.hrss.raw('SELECT id_number FROM social_security')).rows.map((r: { id_number: string }) => r.id_number);
    const known = await dbs.police.raw('SELECT count(*) AS n FROM persons WHERE id_number = ANY(?::bpchar[])', [ids]);
    expect(Number(known.rows[0].n)).toBe(ids.length);
  });

  async function pensioner(): Promise<{ hubId: string; pension: number; employer: null }> {
    const buildings = await existing.dbs.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const inGrid = await existing.dbs.police.raw(
      'SELECT p.id_number FROM persons p JOIN households h USING (household_no) WHERE h.building_code = ANY(?) ORDER BY 1', [buildings]);
    const row = await existing.dbs.hrss.raw(
      'SELECT id_number, monthly_pension FROM social_security WHERE monthly_pension IS NOT NULL AND id_number = ANY(?) ORDER BY 1 LIMIT 1',
      [inGrid.rows.map((r: { id_number: string }) => r.id_number)]);
    const index = await existing.dbs.hub('person_index').where({ id_number: row.rows[0].id_number }).first();
    return { hubId: index.id, pension: Number(row.rows[0].monthly_pension), employer: null };
  }

  const FILE = 'query Pension($id: ID!) { person(id: $id) { name socialSecurity { employer monthlyPension insuredSince } } }';

  it('is served in full where its policy rows allow (civil affairs reviewing a subsidy)', async () => {
    const { hubId, pension } = await pensioner();
    const res = await postGraphQL(hub.url, FILE, { id: hubId }, await headersFor({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW' }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.socialSecurity.monthlyPension).toBe(pension);
    expect(res.data!.person.socialSecurity.insuredSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is masked at L3 for street staff on a home visit, and the access log records the masked field', async () => {
    const { hubId, pension } = await pensioner();
    const res = await postGraphQL(hub.url, FILE, { id: hubId }, await headersFor({ role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT' }));
    expect(res.data!.person.socialSecurity.monthlyPension).toBe(Math.floor(pension / 100) * 100);
    expect(res.data!.person.socialSecurity.monthlyPension).not.toBe(pension);
    const record = await existing.dbs.hub('access_log').orderBy('seq', 'desc').first();
    expect(record).toMatchObject({ role: 'STREET_STAFF', purpose: 'HOME_VISIT', residents: [hubId] });
    expect(record.disclosures[0].MASK).toContain('SocialSecurity.monthlyPension');
    expect(record.disclosures[0].ALLOW).toEqual(expect.arrayContaining(['Person.socialSecurity', 'SocialSecurity.employer']));
  });

  it('is denied to a role without a row (police on a case), and the denial is logged', async () => {
    const { hubId } = await pensioner();
    const res = await postGraphQL(hub.url, FILE, { id: hubId }, await headersFor({ role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-2026-0042' }));
    expect(res.data!.person.name).toEqual(expect.any(String));
    expect(res.data!.person.socialSecurity).toBeNull();
    const record = await existing.dbs.hub('access_log').orderBy('seq', 'desc').first();
    expect(record.disclosures[0].DENY).toContain('Person.socialSecurity');
  });

  it('is listed in readiness with its own probe', async () => {
    const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/readyz`);
    const body = (await res.json()) as { departments: Record<string, string> };
    expect(body.departments).toEqual({ police: 'up', civil: 'up', health: 'up', street: 'up', hrss: 'up' });
  });

  it('is listed in the access matrix, the README table and the configuration error', () => {
    const schema = buildOneFileSchema();
    const matrix = renderAccessMatrix(readDeclarations(schema), schema);
    expect(matrix).toContain('| CIVIL_AFFAIRS_OFFICER | SUBSIDY_REVIEW | hrss | ALLOW | ALLOW | ALLOW | DENY | subsidy review: income from a pension |');
    expect(matrix).toMatch(/### SocialSecurity\n\n\| field \| owner \|[^\n]*\n[^\n]*\n\| employer \| hrss \| L2 \|/);
    expect(renderDatabaseTable()).toContain('| `HRSS_DATABASE_URL` | `onefile_hrss` | `test/fixtures/departments/hrss/migrations/` |');
    expect(() => readDatabaseUrls({ HUB_DATABASE_URL: 'postgres://localhost/x', [EXTRA_DEPARTMENTS_VARIABLE]: HRSS })).toThrow(
      'Set all six database URLs or none; missing: POLICE_DATABASE_URL, CIVIL_DATABASE_URL, HEALTH_DATABASE_URL, STREET_DATABASE_URL, HRSS_DATABASE_URL');
  });

  it('is seeded with the others on a new data dir, to the same rows', async () => {
    const fresh = await embeddedStart(path.join(WORK, 'new'), await freePort());
    try {
      expect(fresh.seeded).toEqual([...BUILT_IN_DEPARTMENTS.map((m) => m.name), 'hrss']);
      const sum = 'SELECT md5(string_agg(t::text, E\'\\n\' ORDER BY id_number)) AS md5 FROM social_security t';
      expect((await fresh.dbs.hrss.raw(sum)).rows[0].md5).toBe((await existing.dbs.hrss.raw(sum)).rows[0].md5);
    } finally {
      await fresh.close();
    }
  }, 240_000);
});

describe('a department module without policy rows', () => {
  afterAll(() => register());

  it('names the owner when a field is declared for a department that is not registered', () => {
    register(HRSS);
    buildOneFileSchema(); // loads hrss's classes; type-graphql keeps them once its module is gone
    register();
    expect(() => buildServedSchema()).toThrow('Fields declared with an owner no department module registers (src/departments/registry.ts): Person.socialSecurity (owner "hrss")');
  });

  it('is invisible to every role under every purpose, and the schema build warns naming it', () => {
    register(HRSS, SILENT);
    expect(departmentsWithoutPolicy()).toEqual(['silent']);
    for (const role of ROLES) {
      for (const purpose of ROLE_PURPOSES[role]) {
        for (const level of [1, 2, 3, 4] as const) expect(decide(role, purpose, { owner: 'silent', level, mask: 'NONE' })).toBe('DENY');
      }
    }
    const warn = jest.spyOn(logger, 'warn');
    buildServedSchema();
    expect(warn).toHaveBeenCalledWith({ department: 'silent' }, expect.stringMatching(/no policy rows/));
    warn.mockRestore();
    const schema = buildOneFileSchema();
    expect(renderAccessMatrix(readDeclarations(schema), schema)).toContain('| (every role) | any | silent | DENY | DENY | DENY | DENY |');
  });
});
