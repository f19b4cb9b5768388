import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startHub } from '../src/hub';
import { closeDatabases, Databases } from '../src/db/databases';
import { consoleAssetsDir } from '../src/server/consoleSetup';
import { dataBlock } from '../src/server/firstPage';
import type { HttpHub } from '../src/server/httpServer';
import { TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { browserAvailable, ensureConsoleBuilt, launchChromium } from './support/browser';
import { openConsole, signIn } from './support/consoleBrowser';
import { openTestDatabases } from './support/testDatabases';

/**
 * The console's first page in one round trip: the hub sends the built page with the boot script and
 * its style sheet inline (allowed by their hashes, never 'unsafe-inline') and the sign-in data as
 * JSON blocks — the development choices on a development hub only.
 */
const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))!.split(' ').slice(1);

describe('first page, inline', () => {
  let dbs: Databases;
  let dev: HttpHub;
  let production: HttpHub;
  const base = (hub: HttpHub) => hub.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    ensureConsoleBuilt();
    dbs = openTestDatabases();
    const { privateKey } = await testKeys();
    const common = { port: 0, auth: await testAuthSettings() };
    dev = await startHub(dbs, { ...common, console: { assetsDir: consoleAssetsDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } } });
    production = await startHub(dbs, { ...common, console: { assetsDir: consoleAssetsDir() } });
  });

  afterAll(async () => {
    await dev?.close();
    await production?.close();
    await closeDatabases(dbs);
  });

  it("allows exactly the page's inline script and style by their hashes, with no 'unsafe-inline', on every page path", async () => {
    for (const route of ['/', '/street/household/0b4e7a1c-0000-4000-8000-000000000000']) {
      const res = await fetch(`${base(dev)}${route}`, { headers: { 'accept-encoding': 'br' } });
      expect(res.headers.get('content-encoding')).toBe('br');
      const html = await res.text();
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).not.toContain('unsafe-inline');
      const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(scripts).toHaveLength(1);
      expect(styles).toHaveLength(1);
      expect(directive(csp, 'script-src')).toEqual(["'self'", ...scripts.map(sha)]);
      expect(directive(csp, 'style-src')).toEqual(["'self'", ...styles.map(sha)]);
      // Nothing else is loaded by the page itself; the console's own script is imported by absolute URL.
      expect(html).not.toMatch(/<script[^>]+src=|<link rel="stylesheet"/);
      expect(scripts[0]).not.toMatch(/from\s*"\.\.?\/|import\(\s*"\.\.?\//);
      expect(scripts[0]).toMatch(/import\("\/assets\/main-[^"]+\.js"\)/);
    }
  });

  it('embeds the development choices (escaped) on a development hub, and none and no /dev link on a production hub', async () => {
    const page = await (await fetch(`${base(dev)}/`)).text();
    const block = /<script type="application\/json" id="onefile-dev-principals">([^<]*)<\/script>/.exec(page);
    expect(JSON.parse(block![1])).toEqual(await (await fetch(`${base(dev)}/dev/principals`)).json());
    expect(dataBlock('x', { name: '</script><script>alert(1)</script>' })).toBe('<script type="application/json" id="x">{"name":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}</script>');
    const res = await fetch(`${base(production)}/`);
    const html = await res.text();
    expect(res.headers.get('link')).toBeNull();
    // Outside the boot script's code (which names the routes it would fetch on a development hub): no data block, nothing refers to /dev.
    const outside = html.replace(/<script type="module">[\s\S]*?<\/script>/, '');
    expect({ block: outside.includes('<script type="application/json"'), dev: outside.includes('/dev') }).toEqual({ block: false, dev: false });
    expect(outside).toContain('<meta name="onefile-signin" content="" />');
    expect((await fetch(`${base(production)}/dev/principals`)).status).toBe(404);
  });
});

const run = browserAvailable() ? describe : describe.skip;

run('first page in Chromium', () => {
  let dbs: Databases;
  let hub: HttpHub;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    dbs = openTestDatabases();
    const { privateKey } = await testKeys();
    hub = await startHub(dbs, { port: 0, auth: await testAuthSettings(), console: { assetsDir: consoleAssetsDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } } });
    origin = hub.url.replace(/\/graphql$/, '');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await closeDatabases(dbs);
  });

  it('is usable with no request but the page itself, and the console loads from a deep route', async () => {
    const { context, page, problems } = await openConsole(browser, origin);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const before = await page.evaluate<string[]>(`new Promise((resolve) => {
      const check = () => {
        const mark = performance.getEntriesByName('onefile:sign-in-ready')[0];
        if (!mark) return setTimeout(check, 20);
        resolve(performance.getEntriesByType('resource').filter((e) => e.startTime <= mark.startTime).map((e) => e.name));
      };
      check();
    })`);
    expect(before).toEqual([]);
    await page.locator('select[name=role]').waitFor();
    // The console's script loads while the user picks; the choices and the boot script are never fetched.
    await page.waitForFunction(`performance.getEntriesByType('resource').some((e) => /\\/assets\\/main-/.test(e.name))`);
    const loaded = await page.evaluate<string[]>(`performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)`);
    expect(loaded.filter((p) => /^\/dev\/|\/assets\/index-/.test(p))).toEqual([]);
    await context.close();

    // A cold load of a client-side route: the inline script's import resolves against /assets, not the page's path.
    const cold = await browser.newContext({ locale: 'zh-CN' });
    const deep = await cold.newPage();
    const deepProblems: string[] = [];
    deep.on('pageerror', (e) => deepProblems.push(e.message));
    deep.on('console', (m) => void (/Content.Security.Policy/i.test(m.text()) && deepProblems.push(m.text())));
    deep.on('response', (r) => void (r.status() >= 400 && deepProblems.push(`${r.status()} ${r.url()}`)));
    await deep.goto(`${origin}/street/household/0b4e7a1c-0000-4000-8000-000000000000`);
    await signIn(deep, 'STREET_STAFF', { grid: '110101001001-G01' });
    await deep.getByRole('heading', { name: '请先选择本次查询的用途' }).waitFor({ timeout: 60_000 });
    expect(deepProblems).toEqual([]);
    expect(problems).toEqual([]);
    await cold.close();
  }, 120_000);
});
