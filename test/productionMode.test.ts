import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { exportSPKI, SignJWT } from 'jose';
import { Client } from 'pg';
import { DATABASE_NAMES, DatabaseUrls, databaseUrlVariable } from '../src/config';
import { devKeyFiles, ensureDevKeys, readPrivateKey } from '../src/auth/keys';
import { TEST_AUDIENCE, TEST_ISSUER, testKeys, testToken } from './support/auth';
import { buildCompiledHub, CompiledHub, freePort, startCompiledHub } from './support/compiledHub';
import { cleanEnv, ClusterProcess, runCompiled, startClusterProcess } from './support/compiledRuns';
import { postGraphQL } from './support/http';

const APP_PASSWORD = 'prod-test-serving-login-9f3a';

/** One row count of a table in one of the extra cluster's databases. */
async function count(url: string, table: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT to_regclass($1) AS t', [table])).rows[0].t !== null;
  } finally {
    await client.end();
  }
}

/** SIGTERM; resolves with the exit code. */
function stop(hub: CompiledHub): Promise<number | null> {
  if (hub.child.exitCode === null) hub.child.kill('SIGTERM');
  return hub.exited;
}

/** Expects the one-line refusal: exit 2, one stderr line naming `variable`, no stack trace, never serving. */
function expectRefusal(result: { code: number | null; stdout: string; stderr: string }, variable: string): void {
  const lines = result.stderr.trim().split('\n');
  expect({ code: result.code, lines }).toEqual({ code: 2, lines: [expect.stringContaining(variable)] });
  expect(lines[0]).toMatch(/^Configuration error: /);
  expect(result.stderr + result.stdout).not.toMatch(/\n\s+at |TypeError|serving GraphQL/);
}

/**
 * Production mode and start-up safety, on the compiled hub as `npm start` runs it, against an extra
 * embedded cluster of this test's own (its databases are "configured" department databases: the
 * hub must never seed, truncate or migrate them on start).
 */
describe('the compiled hub in production mode and with configured databases', () => {
  const work = path.resolve('.data', `test-prod-${process.pid}`);
  let outDir: string;
  let main: string;
  let cluster: ClusterProcess;
  let urls: DatabaseUrls;
  const files = {
    tokenKey: path.join(work, 'idp-public.pem'),
    auditKey: path.join(work, 'audit-signing.pem'),
    notAKey: path.join(work, 'not-a-key.txt'),
    devKeys: path.join(work, 'dev-keys'),
    documentKey: path.join(work, 'document.key'),
  };
  let devEnv: NodeJS.ProcessEnv;
  let prodEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    main = buildCompiledHub();
    outDir = path.resolve(main, '..', '..');
    cluster = await startClusterProcess(outDir, path.join(work, 'pg'), await freePort(), 'onefile_dept');
    urls = cluster.urls;
    const { publicKey } = await testKeys();
    fs.writeFileSync(files.tokenKey, await exportSPKI(publicKey));
    fs.writeFileSync(files.auditKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.writeFileSync(files.notAKey, 'hello\n');
    fs.writeFileSync(files.documentKey, randomBytes(32).toString('base64'));
    await ensureDevKeys(devKeyFiles(files.devKeys));
    const databases = Object.fromEntries(DATABASE_NAMES.map((n) => [databaseUrlVariable(n), urls[n]]));
    devEnv = cleanEnv({
      PORT: '0', LOG_LEVEL: 'warn', ...databases, ONEFILE_APP_PASSWORD: APP_PASSWORD, ONEFILE_SIGNER_PASSWORD: `${APP_PASSWORD}-signer`, ONEFILE_AUDITOR_PASSWORD: `${APP_PASSWORD}-auditor`, AUTH_PUBLIC_KEY_FILE: files.tokenKey,
      AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE, AUDIT_SIGNING_KEY_FILE: files.auditKey, CLAIMS_SIGNING_KEY_FILE: files.auditKey, ONEFILE_KEYS_DIR: files.devKeys,
      AUDIT_DOCUMENT_KEY_FILE: files.documentKey,
    });
    prodEnv = { ...devEnv, NODE_ENV: 'production' };
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses to start on configured databases with pending migrations (exit 2, says `npm run migrate`) and creates nothing there', async () => {
    for (const env of [prodEnv, devEnv]) expectRefusal(await runCompiled(outDir, 'src/main.js', env), 'npm run migrate');
    for (const name of DATABASE_NAMES) expect(await tableExists(urls[name], 'knex_migrations')).toBe(false);
  });

  it('`npm run migrate` migrates the configured databases and says what it applied; a second run finds them up to date', async () => {
    const first = await runCompiled(outDir, 'src/db/migrateCli.js', prodEnv);
    expect(first.code).toBe(0);
    for (const name of DATABASE_NAMES) expect(first.stdout).toMatch(new RegExp(`^${name}: applied \\d{14}_`, 'm'));
    const second = await runCompiled(outDir, 'src/db/migrateCli.js', prodEnv);
    expect(second.stdout.trim().split('\n')).toEqual(DATABASE_NAMES.map((n) => `${n}: up to date`));
  });

  it('refuses to seed configured databases unless --replace names all four, and in production at all', async () => {
    const refused = await runCompiled(outDir, 'seeds/cli.js', devEnv, ['--residents', '10']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--replace hub,police,civil,health');
    const partly = await runCompiled(outDir, 'seeds/cli.js', devEnv, ['--residents', '10', '--replace', 'police,civil']);
    expect(partly.code).toBe(2);
    const production = await runCompiled(outDir, 'seeds/cli.js', prodEnv, ['--residents', '10', '--replace', 'hub,police,civil,health']);
    expect(production.code).toBe(2);
    expect(production.stderr).toContain('NODE_ENV=production never seeds');
    expect(await count(urls.police, 'persons')).toBe(0);
  });

  it('leaves a configured civil-affairs table with rows untouched when started with an empty police table', async () => {
    const civil = new Client({ connectionString: urls.civil });
    await civil.connect();
    await civil.query("INSERT INTO marital_status (id_number, status) VALUES ('110101194909222648', 'WIDOWED') ON CONFLICT DO NOTHING");
    await civil.end();
    expect(await count(urls.police, 'persons')).toBe(0);
    const hub = await startCompiledHub(main, devEnv);
    expect(await stop(hub)).toBe(0);
    expect(hub.output()).not.toMatch(/seeding/);
    expect(await count(urls.civil, 'marital_status')).toBe(1);
    expect(await count(urls.police, 'persons')).toBe(0);
  });

  describe('serving in production', () => {
    let hub: CompiledHub;
    let devKeyFilesBefore: string[];
    beforeAll(async () => {
      devKeyFilesBefore = fs.readdirSync(files.devKeys).sort();
      hub = await startCompiledHub(main, prodEnv);
    }, 60_000);
    afterAll(async () => {
      if (hub) expect(await stop(hub)).toBe(0);
    });

    const introspect = '{ __schema { queryType { name } } }';
    const bearer = async (role: 'ADMIN' | 'POLICE_OFFICER' | 'AUDITOR') => ({ authorization: `Bearer ${await testToken({ role, subject: `prod-${role}` })}` });

    it('answers introspection to ADMIN', async () => {
      const res = await postGraphQL(hub.url, introspect, undefined, await bearer('ADMIN'));
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it.each(['POLICE_OFFICER', 'AUDITOR'] as const)('refuses introspection to %s with 403 INTROSPECTION_DISABLED and no data', async (role) => {
      const res = await postGraphQL(hub.url, introspect, undefined, await bearer(role));
      expect(res.status).toBe(403);
      expect(res.data).toBeUndefined();
      expect(res.errors![0].extensions!.code).toBe('INTROSPECTION_DISABLED');
    });

    it('answers 401 to a token signed with the development key pair (never loaded in production)', async () => {
      const devKey = await readPrivateKey(devKeyFiles(files.devKeys).privateKeyFile, 'EdDSA');
      const token = await new SignJWT({ role: 'ADMIN', client_app: 'cli' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('dev-admin')
        .setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(devKey);
      const res = await postGraphQL(hub.url, '{ viewer { role } }', undefined, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID' });
    });

    it('serves no landing page or IDE to a browser, even with a valid token', async () => {
      const { authorization } = await bearer('ADMIN');
      const page = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        http.get(hub.url, { headers: { accept: 'text/html', authorization } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
        }).on('error', reject);
      });
      expect(page.type).not.toMatch(/html/);
      expect(page.body).not.toMatch(/<script|cdn|apollographql/i);
    });

    it('generated no keys and seeded nothing', async () => {
      expect(fs.readdirSync(files.devKeys).sort()).toEqual(devKeyFilesBefore);
      expect(await count(urls.police, 'persons')).toBe(0);
    });
  });

  describe('refuses to start, with one line naming the variable and exit 2', () => {
    const missing = '/nonexistent/onefile-key.pem';
    type Case = [string, string, (f: typeof files) => NodeJS.ProcessEnv | Promise<NodeJS.ProcessEnv>];
    const noDatabases = Object.fromEntries(DATABASE_NAMES.map((n) => [databaseUrlVariable(n), '']));
    const development: Case[] = [
      ['LOG_LEVEL=loud', 'LOG_LEVEL', () => ({ LOG_LEVEL: 'loud' })],
      ['an Ed25519 key with AUTH_ALGORITHM=RS256', 'AUTH_ALGORITHM=RS256', () => ({ AUTH_ALGORITHM: 'RS256' })],
      ['AUTH_ALGORITHM=HS256 (a shared secret)', 'AUTH_ALGORITHM', () => ({ AUTH_ALGORITHM: 'HS256' })],
      ['a missing AUTH_PUBLIC_KEY_FILE (no fallback to development keys)', 'AUTH_PUBLIC_KEY_FILE', () => ({ AUTH_PUBLIC_KEY_FILE: missing })],
      ['an AUTH_PUBLIC_KEY_FILE that is not a key', 'AUTH_PUBLIC_KEY_FILE', (f) => ({ AUTH_PUBLIC_KEY_FILE: f.notAKey })],
      ['an AUTH_JWKS_FILE that is not JSON', 'AUTH_JWKS_FILE', (f) => ({ AUTH_PUBLIC_KEY_FILE: '', AUTH_JWKS_FILE: f.notAKey })],
      ['an AUTH_JWKS_URL that is not https', 'AUTH_JWKS_URL', () => ({ AUTH_PUBLIC_KEY_FILE: '', AUTH_JWKS_URL: 'ftp://idp.example/jwks.json' })],
      ['two token key sources', 'AUTH_JWKS_FILE', (f) => ({ AUTH_JWKS_FILE: f.notAKey })],
      ['AUTH_MAX_TOKEN_SECONDS=0', 'AUTH_MAX_TOKEN_SECONDS', () => ({ AUTH_MAX_TOKEN_SECONDS: '0' })],
      ['a missing AUDIT_SIGNING_KEY_FILE', 'AUDIT_SIGNING_KEY_FILE', () => ({ AUDIT_SIGNING_KEY_FILE: missing })],
      ['an AUDIT_SIGNING_KEY_FILE holding a public key', 'AUDIT_SIGNING_KEY_FILE', (f) => ({ AUDIT_SIGNING_KEY_FILE: f.tokenKey })],
      ['an AUDIT_DOCUMENT_KEY_FILE shorter than 32 bytes', 'AUDIT_DOCUMENT_KEY_FILE', (f) => ({ AUDIT_DOCUMENT_KEY_FILE: f.notAKey })],
      ['AUDIT_CHECKPOINT_SECONDS=soon', 'AUDIT_CHECKPOINT_SECONDS', () => ({ AUDIT_CHECKPOINT_SECONDS: 'soon' })],
      ['ONEFILE_DATA_DIR=/proc/nope (used to hang a minute)', 'ONEFILE_DATA_DIR', () => ({ ...noDatabases, ONEFILE_DATA_DIR: '/proc/nope' })],
      ['an ONEFILE_KEYS_DIR that cannot be written', 'ONEFILE_KEYS_DIR', () => ({ AUDIT_SIGNING_KEY_FILE: '', ONEFILE_KEYS_DIR: '/proc/nope' })],
      ['PORT=99999', 'PORT', () => ({ PORT: '99999' })],
      ['a PORT already taken', 'PORT', async () => ({ PORT: String(await takenPort()) })],
      ['HOST with spaces', 'HOST', () => ({ HOST: 'my host' })],
      ['EMBEDDED_PG_PORT=70000', 'EMBEDDED_PG_PORT', () => ({ ...noDatabases, EMBEDDED_PG_PORT: '70000' })],
      ['an EMBEDDED_PG_PORT served by another cluster', 'EMBEDDED_PG_PORT', (f) => ({ ...noDatabases, ONEFILE_DATA_DIR: path.join(work, 'other-pg'), EMBEDDED_PG_PORT: new URL(urls.hub).port, ONEFILE_KEYS_DIR: f.devKeys })],
      ['HUB_DATABASE_URL that is not a URL', 'HUB_DATABASE_URL', () => ({ HUB_DATABASE_URL: 'not a url' })],
      ['POLICE_DATABASE_URL that is not postgres', 'POLICE_DATABASE_URL', () => ({ POLICE_DATABASE_URL: 'mysql://db.example/police' })],
      ['CIVIL_DATABASE_URL where nothing listens', 'CIVIL_DATABASE_URL', async () => ({ CIVIL_DATABASE_URL: `postgres://u:p@127.0.0.1:${await freePort()}/civil` })],
      ['HEALTH_DATABASE_URL naming a database that does not exist', 'HEALTH_DATABASE_URL', () => ({ HEALTH_DATABASE_URL: urls.health.replace(/\/[^/]+$/, '/no_such_db') })],
      ['three of the four database URLs', 'HEALTH_DATABASE_URL', () => ({ HEALTH_DATABASE_URL: '' })],
      ['NODE_ENV=prod (a typo that would mean development)', 'NODE_ENV', () => ({ NODE_ENV: 'prod' })],
      ['INTROSPECTION=maybe', 'INTROSPECTION', () => ({ INTROSPECTION: 'maybe' })],
    ];
    const production: Case[] = [
      ['no token key', 'AUTH_PUBLIC_KEY_FILE, AUTH_JWKS_FILE or AUTH_JWKS_URL', () => ({ AUTH_PUBLIC_KEY_FILE: '' })],
      ['no AUTH_ISSUER', 'AUTH_ISSUER', () => ({ AUTH_ISSUER: '' })],
      ['no AUTH_AUDIENCE', 'AUTH_AUDIENCE', () => ({ AUTH_AUDIENCE: '' })],
      ['no ONEFILE_APP_PASSWORD', 'ONEFILE_APP_PASSWORD', () => ({ ONEFILE_APP_PASSWORD: '' })],
      ['the development ONEFILE_APP_PASSWORD', 'ONEFILE_APP_PASSWORD', () => ({ ONEFILE_APP_PASSWORD: 'onefile-app-dev' })],
      ['an ONEFILE_APP_PASSWORD other than the one `npm run migrate` gave the serving login', 'ONEFILE_APP_PASSWORD', () => ({ ONEFILE_APP_PASSWORD: 'not-the-migrated-password' })],
      ['no AUDIT_SIGNING_KEY_FILE', 'AUDIT_SIGNING_KEY_FILE', () => ({ AUDIT_SIGNING_KEY_FILE: '' })],
      ['no AUDIT_DOCUMENT_KEY_FILE', 'AUDIT_DOCUMENT_KEY_FILE', () => ({ AUDIT_DOCUMENT_KEY_FILE: '' })],
      ['no CLAIMS_SIGNING_KEY_FILE', 'CLAIMS_SIGNING_KEY_FILE', () => ({ CLAIMS_SIGNING_KEY_FILE: '' })],
      ['no POLICE_DATABASE_URL (never the embedded cluster)', 'POLICE_DATABASE_URL', () => ({ POLICE_DATABASE_URL: '' })],
      ['none of the database URLs', DATABASE_NAMES.map(databaseUrlVariable).join(', '), () => noDatabases],
      ['INTROSPECTION=all', 'INTROSPECTION', () => ({ INTROSPECTION: 'all' })],
      ['the development public key as AUTH_PUBLIC_KEY_FILE', 'AUTH_PUBLIC_KEY_FILE is the development key', (f) => ({ AUTH_PUBLIC_KEY_FILE: devKeyFiles(f.devKeys).publicKeyFile })],
    ];

    let holder: http.Server | undefined;
    async function takenPort(): Promise<number> {
      holder = http.createServer();
      await new Promise<void>((resolve) => holder!.listen(0, '127.0.0.1', () => resolve()));
      return (holder.address() as { port: number }).port;
    }
    afterEach(() => {
      holder?.close();
      holder = undefined;
    });

    // Run as root, the embedded PostgreSQL runs as `postgres`, who cannot enter a private (0700) folder.
    const asRoot = process.getuid?.() === 0 && fs.existsSync('/etc/passwd') && /^postgres:/m.test(fs.readFileSync('/etc/passwd', 'utf8'));
    (asRoot ? it : it.skip)('as root: an ONEFILE_DATA_DIR inside a private folder, naming the folder and what to do', async () => {
      const privateDir = path.join(work, 'private');
      fs.mkdirSync(privateDir, { recursive: true, mode: 0o700 });
      fs.chmodSync(privateDir, 0o700);
      const result = await runCompiled(outDir, 'src/main.js', { ...devEnv, ...noDatabases, ONEFILE_DATA_DIR: path.join(privateDir, 'pg'), EMBEDDED_PG_PORT: String(await freePort()) });
      expectRefusal(result, 'ONEFILE_DATA_DIR');
      expect(result.stderr).toContain(`cannot enter ${privateDir} (mode 0700)`);
      expect(result.stderr).toContain(`chmod o+x ${privateDir}`);
    });

    it.each(development)('in development: %s', async (_name, variable, overrides) => {
      expectRefusal(await runCompiled(outDir, 'src/main.js', { ...devEnv, ...(await overrides(files)) }), variable);
    });

    it.each(production)('in production: %s', async (_name, variable, overrides) => {
      expectRefusal(await runCompiled(outDir, 'src/main.js', { ...prodEnv, ...(await overrides(files)) }), variable);
    });
  });
});
