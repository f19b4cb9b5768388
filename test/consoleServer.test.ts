import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { startHub } from '../src/hub';
import { closeDatabases, Databases } from '../src/db/databases';
import { CONSOLE_POLICY_FILE, currentConsolePolicy } from '../src/policy/consolePolicyCli';
import { consoleOptions } from '../src/server/consoleSetup';
import type { HttpHub } from '../src/server/httpServer';
import { devKeyFiles, ensureDevKeys } from '../src/auth/keys';
import { createAuthenticator } from '../src/auth/authenticate';
import { TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { openTestDatabases } from './support/testDatabases';

/** The hub's side of the console: static assets under a strict CSP, and development sign-in only where enabled. */
describe('console routes', () => {
  let dbs: Databases;
  let withConsole: HttpHub;
  let apiOnly: HttpHub;
  let assets: string;
  const base = (hub: HttpHub) => hub.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    dbs = openTestDatabases();
    assets = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-console-'));
    fs.mkdirSync(path.join(assets, 'assets'));
    fs.writeFileSync(path.join(assets, 'index.html'), '<!doctype html><head><title>console</title></head>');
    fs.writeFileSync(path.join(assets, 'assets', 'app.js'), 'export {};');
    fs.writeFileSync(path.join(assets, 'assets', 'index-AbCd1234.js'), 'export const x = 1;');
    fs.writeFileSync(path.join(assets, 'assets', 'index-AbCd1234.js.br'), zlib.brotliCompressSync('export const x = 1;'));
    fs.writeFileSync(path.join(assets, 'assets', 'index-AbCd1234.js.gz'), zlib.gzipSync('export const x = 1;'));
    const { privateKey } = await testKeys();
    const common = { port: 0, auth: await testAuthSettings() };
    withConsole = await startHub(dbs, { ...common, console: { assetsDir: assets, devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } } });
    apiOnly = await startHub(dbs, { ...common, console: { assetsDir: assets } });
  });

  afterAll(async () => {
    await withConsole?.close();
    await apiOnly?.close();
    await closeDatabases(dbs);
    fs.rmSync(assets, { recursive: true, force: true });
  });

  it('serves the console at / and client-side routes with a strict Content-Security-Policy, assets with their type', async () => {
    for (const page of ['/', '/household/abc']) {
      const res = await fetch(`${base(withConsole)}${page}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>console</title>');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
    const js = await fetch(`${base(withConsole)}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${base(withConsole)}/assets/missing.js`)).status).toBe(404);
  });

  it('sends the precompressed copy the browser accepts, caches hashed assets for a year and revalidates the page', async () => {
    const url = `${base(withConsole)}/assets/index-AbCd1234.js`;
    const br = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } });
    expect([br.headers.get('content-encoding'), br.headers.get('cache-control'), br.headers.get('vary')]).toEqual(['br', 'public, max-age=31536000, immutable', 'accept-encoding']);
    expect(await br.text()).toBe('export const x = 1;');
    const gz = await fetch(url, { headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'identity' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ encoding: res.headers['content-encoding'], body }));
      }).on('error', reject);
    });
    expect(plain).toEqual({ encoding: undefined, body: 'export const x = 1;' });
    // An unhashed name is revalidated; so is the page, which says which sign-in exists and — having no boot
    // script to put inline (the real build's page carries its choices inline: test/consoleFirstPage.test.ts) —
    // preloads its choices.
    expect((await fetch(`${base(withConsole)}/assets/app.js`)).headers.get('cache-control')).toBe('no-cache');
    const page = await fetch(`${base(withConsole)}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('link')).toBe('</dev/principals>; rel=preload; as=fetch; crossorigin=anonymous');
    const text = await page.text();
    expect(text).toContain('<meta name="onefile-signin" content="dev" />');
    expect(text).not.toContain('onefile-dev-principals');
    const apiPage = await fetch(`${base(apiOnly)}/`);
    expect(apiPage.headers.get('link')).toBeNull();
    const apiText = await apiPage.text();
    expect(apiText).toContain('<meta name="onefile-signin" content="" />');
    expect(apiText).not.toContain('onefile-dev-principals');
  });

  it('never serves a file outside the console folder', async () => {
    for (const attempt of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%00']) {
      const res = await fetch(`${base(withConsole)}${attempt}`);
      const text = await res.text();
      expect(text).not.toContain('"name"');
    }
  });

  it('signs development tokens the hub accepts, and refuses bad requests with BAD_REQUEST', async () => {
    const res = await fetch(`${base(withConsole)}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'STREET_STAFF', grids: ['110101001001-G01'] }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const principal = await createAuthenticator(await testAuthSettings())(`Bearer ${token}`);
    expect(principal.role).toBe('STREET_STAFF');
    expect([...principal.grids]).toEqual(['110101001001-G01']);
    for (const body of ['{', JSON.stringify({ role: 'ROOT' }), JSON.stringify({ role: 'STREET_STAFF' }), JSON.stringify({ role: 'RESIDENT', subject: '110101194909222648' }), JSON.stringify({ role: 'STREET_STAFF', grids: ["x' OR 1=1"] })]) {
      const bad = await fetch(`${base(withConsole)}/dev/token`, { method: 'POST', body });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    const principals = (await (await fetch(`${base(withConsole)}/dev/principals`)).json()) as { residents: string[] };
    expect(principals.residents.length).toBeGreaterThan(0);
    for (const id of principals.residents) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts /dev/token bodies in bytes: 1,400 Chinese characters (4,200 bytes) are over 4 KB, 413 PAYLOAD_TOO_LARGE', async () => {
    const big = await fetch(`${base(withConsole)}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'AUDITOR', pad: '人'.repeat(1400) }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('has no development sign-in unless it is enabled: /dev/token, /dev/principals and /dev/ide answer 404', async () => {
    for (const [method, route] of [['POST', '/dev/token'], ['GET', '/dev/principals'], ['GET', '/dev/token'], ['GET', '/dev/ide']]) {
      const res = await fetch(`${base(apiOnly)}${route}`, { method, body: method === 'POST' ? '{"role":"AUDITOR"}' : undefined });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('eyJ');
    }
  });

  it('enables development tokens, and with them the GraphiQL IDE, only outside production mode and only on the development key pair', async () => {
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-keys-'));
    const devKeys = await ensureDevKeys(devKeyFiles(keysDir));
    const auth = { issuer: TEST_ISSUER, audience: TEST_AUDIENCE } as Parameters<typeof consoleOptions>[0];
    expect((await consoleOptions(auth, devKeys, 'development')).devTokens).toBeDefined();
    expect((await consoleOptions(auth, devKeys, 'development')).ideDir).toBeDefined();
    expect((await consoleOptions(auth, devKeys, 'production')).devTokens).toBeUndefined();
    expect((await consoleOptions(auth, devKeys, 'production')).ideDir).toBeUndefined();
    expect((await consoleOptions(auth, undefined, 'development')).devTokens).toBeUndefined();
    expect((await consoleOptions(auth, undefined, 'development')).ideDir).toBeUndefined();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it("keeps the console's copy of the policy in step with the hub's (npm run console:policy)", () => {
    expect(fs.readFileSync(CONSOLE_POLICY_FILE, 'utf8')).toBe(currentConsolePolicy());
  });
});
