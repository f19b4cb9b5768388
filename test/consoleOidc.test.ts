import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet } from 'jose';
import type { Browser } from 'playwright-core';
import { startHub } from '../src/hub';
import { closeDatabases, Databases } from '../src/db/databases';
import { consoleAssetsDir } from '../src/server/consoleSetup';
import type { HttpHub } from '../src/server/httpServer';
import { readOidcSettings } from '../src/server/oidcSettings';
import { browserAvailable, ensureConsoleBuilt, launchChromium, seriousViolations } from './support/browser';
import { postGraphQL } from './support/http';
import { startTestIdp, TestIdp } from './support/testIdp';
import { openTestDatabases } from './support/testDatabases';

const CLIENT_ID = 'onefile-console';
const GRID = '110101001001-G01';

/**
 * Production sign-in: the console through a real (small) OpenID Connect provider running locally —
 * authorization code with PKCE, the code redeemed by the hub, the provider's access token verified
 * by the hub against the provider's key set — and no development sign-in on such a hub.
 */
describe('console sign-in through OpenID Connect', () => {
  let dbs: Databases;
  let hub: HttpHub;
  let idp: TestIdp;
  let origin = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    idp = await startTestIdp({
      clientId: CLIENT_ID,
      redirectUri: () => `${origin}/`,
      audience: 'onefile',
      users: [{ subject: 'oidc-street-worker', role: 'STREET_STAFF', grids: [GRID] }, { subject: 'oidc-auditor', role: 'AUDITOR' }],
    });
    dbs = openTestDatabases();
    hub = await startHub(dbs, {
      port: 0,
      auth: { key: createRemoteJWKSet(new URL(idp.jwksUrl)), algorithm: 'EdDSA', issuer: idp.issuer, audience: 'onefile' },
      console: { assetsDir: consoleAssetsDir(), oidc: { issuer: idp.issuer, clientId: CLIENT_ID, scope: 'openid' } },
    });
    origin = hub.url.replace(/\/graphql$/, '');
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
    await idp?.close();
    if (dbs) await closeDatabases(dbs);
  });

  /** Signs `account` in at the provider (its form, as a browser would post it) and returns the code. */
  async function codeFor(account: string, challenge: string): Promise<string> {
    const res = await fetch(`${idp.issuer}/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account, client_id: CLIENT_ID, redirect_uri: `${origin}/`, state: 's', code_challenge: challenge }),
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!).searchParams.get('code')!;
  }

  const exchange = (body: unknown) => fetch(`${origin}/auth/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('tells the console where the provider is, and has no development sign-in', async () => {
    const config = (await (await fetch(`${origin}/auth/oidc`)).json()) as Record<string, string>;
    expect(config).toEqual({ issuer: idp.issuer, clientId: CLIENT_ID, scope: 'openid', authorizationEndpoint: `${idp.issuer}/authorize` });
    expect((await fetch(`${origin}/dev/token`, { method: 'POST', body: '{"role":"AUDITOR"}' })).status).toBe(404);
    expect((await fetch(`${origin}/dev/principals`)).status).toBe(404);
  });

  it('redeems a code only with its PKCE verifier, once, and answers the access token alone, which the hub then accepts', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor('oidc-auditor', challenge);

    const wrong = await exchange({ code, codeVerifier: randomBytes(32).toString('base64url'), redirectUri: `${origin}/` });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('OIDC_CODE_REFUSED');

    // The provider burned that code on the failed attempt (as real providers do): a fresh one.
    const code2 = await codeFor('oidc-auditor', challenge);
    const ok = await exchange({ code: code2, codeVerifier: verifier, redirectUri: `${origin}/` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const body = (await ok.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn']);
    const viewer = await postGraphQL(hub.url, '{ viewer { role subject } }', undefined, { authorization: `Bearer ${body.accessToken as string}` });
    expect(viewer.data?.viewer).toEqual({ role: 'AUDITOR', subject: 'oidc-auditor' });

    const again = await exchange({ code: code2, codeVerifier: verifier, redirectUri: `${origin}/` });
    expect(again.status).toBe(400);
    for (const bad of [{}, { code: 'x', codeVerifier: 'short', redirectUri: `${origin}/` }, { code: 'x', codeVerifier: verifier, redirectUri: 'javascript:alert(1)' }]) {
      expect((await exchange(bad)).status).toBe(400);
    }
  });

  it('reads OIDC_ISSUER and OIDC_CLIENT_ID together, https only (http only for a loopback provider in development)', () => {
    expect(readOidcSettings({}, 'production')).toBeUndefined();
    expect(readOidcSettings({ OIDC_ISSUER: 'https://id.city.example/', OIDC_CLIENT_ID: 'c' }, 'production')).toEqual({ issuer: 'https://id.city.example', clientId: 'c', scope: 'openid' });
    expect(readOidcSettings({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'c' }, 'development')?.issuer).toBe('http://127.0.0.1:9000');
    expect(() => readOidcSettings({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'c' }, 'production')).toThrow(/https/);
    expect(() => readOidcSettings({ OIDC_ISSUER: 'http://id.city.example', OIDC_CLIENT_ID: 'c' }, 'development')).toThrow(/https/);
    expect(() => readOidcSettings({ OIDC_ISSUER: 'https://id.city.example' }, 'production')).toThrow(/both/);
  });

  (browserAvailable() ? describe : describe.skip)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('signs a street worker in at the provider and back to the purpose page, the token in memory only and the code gone from the address bar', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (/Content.Security.Policy/i.test(m.text())) problems.push(m.text());
      });
      const before = idp.redeemed;
      await page.goto(`${origin}/`);
      await page.getByRole('button', { name: '通过统一身份认证登录' }).waitFor();
      await expect(page.locator('select[name=role]').count()).resolves.toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
      await page.waitForURL((u) => u.origin === idp.issuer && u.pathname === '/authorize');
      const sent = new URL(page.url()).searchParams;
      expect([sent.get('code_challenge_method'), sent.get('response_type'), sent.get('client_id')]).toEqual(['S256', 'code', CLIENT_ID]);
      await page.locator('select[name=account]').selectOption('oidc-street-worker');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: '请先选择本次查询的用途' }).waitFor();
      expect(page.url()).toBe(`${origin}/`);
      expect(idp.redeemed).toBe(before + 1);
      await expect(page.locator('header .who').textContent()).resolves.toBe('街道/网格员');
      // The GraphQL IDE is for development sign-in only.
      await expect(page.getByRole('button', { name: 'GraphQL 调试台' }).count()).resolves.toBe(0);
      const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
      expect(stored).not.toMatch(/eyJ|verifier/);
      expect(problems).toEqual([]);
      await context.close();
    }, 300_000);
  });
});
