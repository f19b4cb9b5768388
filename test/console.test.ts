import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { startHub } from '../src/hub';
import { closeDatabases, Databases } from '../src/db/databases';
import { consoleAssetsDir, consoleIdeDir } from '../src/server/consoleSetup';
import { CONSOLE_CSP } from '../src/server/staticAssets';
import { IDE_CSP } from '../src/server/ideRoute';
import type { HttpHub } from '../src/server/httpServer';
import { headersFor, TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { browserAvailable, ensureConsoleBuilt, launchChromium, screenshotPath, seriousViolations } from './support/browser';
import { postGraphQL } from './support/http';
import { testWitnessFile } from './support/signer';
import { devSigningKeyFiles } from '../src/audit/checkpoints';
import { openTestDatabases } from './support/testDatabases';

/**
 * The console in a real browser (Debian's Chromium through playwright-core) against a real hub over
 * the test databases: each kind of user's main task end to end, an axe-core check of every page, and
 * the page's own CSP left on. Generous timeouts: the machine is shared; nothing here is timed.
 */
const run = browserAvailable() ? describe : describe.skip;
const TIMEOUT = 60_000;
const GRID = '110101001001-G01';

run('console in Chromium', () => {
  let dbs: Databases;
  let hub: HttpHub;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt({ ide: true });
    dbs = openTestDatabases();
    const { privateKey } = await testKeys();
    hub = await startHub(dbs, {
      port: 0,
      auth: await testAuthSettings(),
      console: { assetsDir: consoleAssetsDir(), ideDir: consoleIdeDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } },
    });
    origin = hub.url.replace(/\/graphql$/, '');
    // The auditor's verify button reads the key and witnesses as audit:verify does: the test run's.
    process.env.AUDIT_VERIFY_KEY_FILE = devSigningKeyFiles(process.env.ONEFILE_TEST_KEYS_DIR!).publicFile;
    process.env.AUDIT_WITNESS_FILE = testWitnessFile();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (dbs) await closeDatabases(dbs);
  });

  /** A fresh page that records every GraphQL request and fails on any CSP violation or page error. */
  async function openConsole(viewport = { width: 390, height: 844 }): Promise<{ context: BrowserContext; page: Page; graphqlRequests: Request[]; problems: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    // Every document and frame reports its CSP violations to the console, where the listener below fails the test.
    await context.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('Content-Security-Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const graphqlRequests: Request[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/graphql') graphqlRequests.push(r);
      else if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request outside the hub: ${r.url()}`);
    });
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${origin}/`);
    return { context, page, graphqlRequests, problems };
  }

  async function signIn(page: Page, role: string, extra: { grid?: string; resident?: string } = {}): Promise<void> {
    await page.locator('select[name=role]').selectOption(role);
    if (extra.grid) await page.locator('select[name=grid]').selectOption(extra.grid);
    if (extra.resident) await page.locator('select[name=resident]').selectOption(extra.resident);
    await page.getByRole('button', { name: '登录' }).click();
  }

  /** The access-log sequence numbers in the table, top to bottom. */
  async function seqs(page: Page): Promise<Array<string | null>> {
    return Promise.all((await page.locator('tbody tr').all()).map((row) => row.getAttribute('data-seq')));
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  }

  it('lets street staff pick a purpose, search their grid by tag and open a household file with masked and denied fields labelled', async () => {
    const { context, page, graphqlRequests, problems } = await openConsole();
    await expectAccessible(page, 'sign-in');
    await signIn(page, 'STREET_STAFF', { grid: GRID });

    // Purpose first: nothing about residents is asked before it is chosen.
    await page.getByRole('heading', { name: '请先选择本次查询的用途' }).waitFor();
    await expectAccessible(page, 'purpose');
    expect(graphqlRequests.map((r) => r.postDataJSON().query as string).filter((q) => !q.includes('viewer'))).toEqual([]);
    await page.getByLabel(/入户走访/).check();
    await page.getByRole('button', { name: '继续' }).click();
    await expect(page.getByTestId('purpose-badge').textContent()).resolves.toContain('入户走访');

    await page.getByLabel('独居老人').check();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const count = await page.getByTestId('result-count').textContent();
    expect(Number(/\d+/.exec(count ?? '')?.[0])).toBeGreaterThan(0);
    await expectAccessible(page, 'street search');
    const shot = screenshotPath('street-search');
    if (shot) await page.screenshot({ path: shot, fullPage: false });

    await page.locator('.results button').first().click();
    await page.getByRole('heading', { name: '户档案' }).waitFor();
    await page.locator('article.person').first().waitFor();
    // The ID number comes back masked (L3 for street staff) and says so; diagnoses (L4) are denied.
    const idRow = page.locator('article.person').first().locator('.row', { hasText: '身份证号' });
    await expect(idRow.locator('.value').textContent()).resolves.toMatch(/\*{4,}/);
    await expect(idRow.locator('[data-policy=mask]').textContent()).resolves.toContain('已按策略脱敏');
    const chronicRow = page.locator('article.person').first().locator('.row', { hasText: '慢性病' });
    await expect(chronicRow.locator('[data-policy=deny]').textContent()).resolves.toMatch(/按策略不予显示.*L4.*卫健/);
    await expectAccessible(page, 'household file');
    const fileShot = screenshotPath('household-file');
    if (fileShot) await page.screenshot({ path: fileShot, fullPage: false });

    // Every resident-data request carried the purpose; the token is in memory only.
    const dataRequests = graphqlRequests.filter((r) => !(r.postDataJSON().query as string).startsWith('query Viewer'));
    expect(dataRequests.length).toBeGreaterThanOrEqual(2);
    for (const r of dataRequests) expect(r.headers()['x-purpose']).toBe('HOME_VISIT');
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
    expect(stored).not.toMatch(/eyJ/);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('shows a resident their own file and which department read it, in large text and in English', async () => {
    const principals = (await (await fetch(`${origin}/dev/principals`)).json()) as { residents: string[] };
    const resident = principals.residents[0];
    // Civil affairs read this resident's file for a subsidy review: the resident must see it.
    const officer = await headersFor({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW' });
    const read = await postGraphQL(hub.url, `{ person(id: "${resident}") { name civilAffairs { maritalStatus } } }`, undefined, officer);
    expect(read.errors).toBeUndefined();

    const { context, page, problems } = await openConsole();
    await signIn(page, 'RESIDENT', { resident });
    await page.getByRole('heading', { name: '我的档案', exact: true }).waitFor();
    await expect(page.getByTestId('purpose-badge').textContent()).resolves.toContain('本人查询');
    await page.locator('ol.reads li', { hasText: '民政' }).first().waitFor();
    await page.getByRole('button', { name: '大字模式' }).click();
    await expect(page.evaluate<boolean>("document.documentElement.classList.contains('large-text')")).resolves.toBe(true);
    await expectAccessible(page, 'resident file');
    const shot = screenshotPath('resident');
    if (shot) await page.screenshot({ path: shot, fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Who has read my file' }).waitFor();
    await expect(page.evaluate<string>('document.documentElement.lang')).resolves.toBe('en');
    await expectAccessible(page, 'resident file (English)');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('lets a police officer declare a case investigation with its case number, look a person up by ID number and read the file; a health worker, who sees ID numbers masked, is refused the look-up', async () => {
    const row = (await dbs.hub('person_index').select('id_number').orderBy('id_number').first()) as { id_number: string };
    const idNumber = row.id_number;
    const { context, page, graphqlRequests, problems } = await openConsole({ width: 1280, height: 900 });
    await signIn(page, 'POLICE_OFFICER');
    await page.getByRole('heading', { name: '请先选择本次查询的用途' }).waitFor();
    await page.getByLabel(/案件调查/).check();
    // The case number is required for a case investigation: without it the form does not go on.
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('heading', { name: '请先选择本次查询的用途' }).waitFor();
    await page.locator('input[name=caseNumber]').fill('XS-2026-0042');
    await page.getByRole('button', { name: '继续' }).click();
    await expect(page.getByTestId('purpose-badge').textContent()).resolves.toMatch(/案件调查.*XS-2026-0042/);

    // A malformed number is answered with its code, not an empty page.
    await page.locator('input[name=idNumber]').fill('110101194909222640');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('[role=alert]', { hasText: 'INVALID_ID_NUMBER' }).waitFor();

    await page.locator('input[name=idNumber]').fill(idNumber);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const card = page.locator('article.person');
    await card.waitFor();
    // Police see the ID number in full (their own L3 field); health's chronic conditions (L4) are denied.
    await expect(card.locator('.row', { hasText: '身份证号' }).locator('.value').textContent()).resolves.toBe(idNumber);
    await expect(card.locator('.row', { hasText: '慢性病' }).locator('[data-policy=deny]').textContent()).resolves.toMatch(/L4.*卫健/);
    await expectAccessible(page, 'officer look-up');
    const shot = screenshotPath('officer');
    if (shot) await page.screenshot({ path: shot, fullPage: false });
    const lookups = graphqlRequests.filter((r) => (r.postDataJSON().query as string).startsWith('query PersonLookup'));
    expect(lookups).toHaveLength(2);
    for (const r of lookups) expect([r.headers()['x-purpose'], r.headers()['x-case-number']]).toEqual(['CASE_INVESTIGATION', 'XS-2026-0042']);
    expect(problems).toEqual([]);
    await context.close();

    // A health follow-up sees ID numbers masked, so it may not look a person up by one: the refusal is shown with its code.
    const health = await openConsole();
    await signIn(health.page, 'HEALTH_WORKER');
    await health.page.getByLabel(/健康随访/).check();
    await health.page.getByRole('button', { name: '继续' }).click();
    await health.page.locator('input[name=idNumber]').fill(idNumber);
    await health.page.getByRole('button', { name: '查询', exact: true }).click();
    await health.page.locator('[role=alert]', { hasText: 'FILTER_NOT_PERMITTED' }).waitFor();
    await expect(health.page.locator('article.person').count()).resolves.toBe(0);
    await expect(health.page.locator('body').textContent()).resolves.not.toContain(idNumber.slice(6, 14));
    await expectAccessible(health.page, 'officer look-up refused');
    expect(health.problems).toEqual([]);
    await health.context.close();
  }, 300_000);

  it("lets an auditor filter the access log by subject, page through it by cursor, open one principal's records from the summary, see the anomalies and verify the chain", async () => {
    // 23 searches by one street worker: more than one page of the log for that subject.
    const subject = `console-audit-${Date.now()}`;
    const staff = await headersFor({ role: 'STREET_STAFF', grids: [GRID], subject, purpose: 'HOME_VISIT' });
    for (let i = 0; i < 23; i++) {
      const r = await postGraphQL(hub.url, '{ searchHouseholds(first: 1) { totalCount } }', undefined, staff);
      expect(r.errors).toBeUndefined();
    }

    const { context, page, problems } = await openConsole({ width: 1280, height: 900 });
    await signIn(page, 'AUDITOR');
    await page.getByRole('heading', { name: '访问日志' }).waitFor();
    await page.getByTestId('log-total').waitFor();
    await page.locator('input[name=subject]').fill(subject);
    await page.getByRole('button', { name: '应用' }).click();
    await page.getByTestId('log-total').filter({ hasText: '共 23 条' }).waitFor();
    const firstPage = await seqs(page);
    expect(firstPage).toHaveLength(20);
    await expectAccessible(page, 'access log');
    const shot = screenshotPath('auditor');
    if (shot) await page.screenshot({ path: shot, fullPage: false });

    await page.getByRole('button', { name: '下一页' }).click();
    await page.locator('tbody tr').nth(3).waitFor({ state: 'detached' });
    const secondPage = await seqs(page);
    expect(secondPage).toHaveLength(3);
    expect(secondPage.filter((s) => firstPage.includes(s))).toEqual([]);
    expect(Number(secondPage[0])).toBeLessThan(Number(firstPage[19]));
    await page.getByRole('button', { name: '上一页' }).click();
    await page.locator('tbody tr').nth(19).waitFor();

    // The per-principal view: the summary's row for this subject opens the log filtered to it.
    await page.locator('input[name=subject]').fill('');
    await page.getByRole('button', { name: '汇总' }).click();
    const row = page.locator('tbody tr', { hasText: subject });
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('23');
    await expectAccessible(page, 'summary');
    await row.getByRole('button', { name: subject }).click();
    await page.getByTestId('log-total').filter({ hasText: '共 23 条' }).waitFor();

    await page.getByRole('button', { name: '异常' }).click();
    await page.locator('ul.anomalies li, p:has-text("该时段没有异常")').first().waitFor();
    await expectAccessible(page, 'anomalies');

    // The chain: its state, and the verify button runs what audit:verify checks (with the test run's key and witness file).
    await page.getByRole('button', { name: '日志完整性' }).click();
    await page.getByTestId('chain-state').waitFor();
    const lastBefore = await page.getByTestId('last-verification').textContent();
    await page.getByRole('button', { name: '立即校验' }).click();
    await page.getByTestId('last-verification').and(page.locator('[data-status=INTACT]')).filter({ hasNotText: lastBefore ?? '' }).waitFor();
    await expect(page.getByTestId('last-verification').textContent()).resolves.toMatch(/完好.*dev-auditor/);
    await expectAccessible(page, 'log integrity');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('offers developers GraphiQL, bundled and in development only, with the token and purpose sent as headers and no CSP violation', async () => {
    const { context, page, graphqlRequests, problems } = await openConsole({ width: 1280, height: 900 });
    await signIn(page, 'CIVIL_AFFAIRS_OFFICER');
    await page.getByLabel(/补贴审核/).check();
    await page.getByRole('button', { name: '继续' }).click();
    const before = graphqlRequests.length;
    await page.getByRole('button', { name: 'GraphQL 调试台' }).click();
    const ide = page.frameLocator('[data-testid=ide-frame]');
    // GraphiQL's own requests (its introspection, then the run) carry the signed-in user's headers.
    // A click before GraphiQL has its schema can run nothing (seen once in a loaded full-suite run): click again then.
    const response = ide.locator('.graphiql-response').filter({ hasText: 'CIVIL_AFFAIRS_OFFICER' });
    for (let attempt = 1; ; attempt++) {
      await ide.getByRole('button', { name: /Execute query/ }).click();
      const shown = await response.waitFor({ timeout: 20_000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt === 3) throw new Error('GraphiQL showed no response to three runs of its query');
    }
    const fromIde = graphqlRequests.slice(before).filter((r) => r.frame().url().endsWith('/dev/ide'));
    expect(fromIde.length).toBeGreaterThanOrEqual(2);
    for (const r of fromIde) {
      expect(r.headers()['x-purpose']).toBe('SUBSIDY_REVIEW');
      expect(r.headers().authorization).toMatch(/^Bearer eyJ/);
    }
    expect(fromIde.some((r) => /viewer/.test(r.postData() ?? ''))).toBe(true);
    // The docs come from the hub's introspection (open to every role on this development hub).
    await ide.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await ide.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await ide.locator('.graphiql-doc-explorer').getByText('personByIdNumber').first().waitFor();
    // Nothing of it was stored: the token stays in memory, in the console and in the frame.
    const stored = await page.evaluate<string>('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)');
    expect(stored).not.toMatch(/eyJ|Bearer/);
    await expectAccessible(page, 'GraphQL IDE');
    expect(problems).toEqual([]);
    await context.close();

    // Its CSP is its own, on its route only; the console's pages keep the strict one.
    const idePage = await fetch(`${origin}/dev/ide`);
    expect(idePage.status).toBe(200);
    expect(idePage.headers.get('content-security-policy')).toBe(IDE_CSP);
    // (the console's page: CONSOLE_CSP plus the hashes of the script and style it carries inline)
    expect((await fetch(`${origin}/`)).headers.get('content-security-policy')).toMatch(new RegExp(`^${CONSOLE_CSP.replace("script-src 'self'", "script-src 'self' 'sha256-[^']+'").replace("style-src 'self'", "style-src 'self' 'sha256-[^']+'")}$`));
    const ideScript = /src="(\/dev\/ide\/assets\/[^"]+\.js)"/.exec(await idePage.text())![1];
    expect((await fetch(`${origin}${ideScript}`)).status).toBe(200);
    // GraphiQL is not in the console's own build (the first page's JS is checked below).
    expect(fs.readdirSync(path.join(consoleAssetsDir(), 'assets')).filter((f) => /graphiql|monaco/i.test(f))).toEqual([]);

    // A production hub (no development sign-in) has no IDE: its page and its assets are 404.
    const production = await startHub(dbs, { port: 0, auth: await testAuthSettings(), console: { assetsDir: consoleAssetsDir(), ideDir: consoleIdeDir() } });
    try {
      const base = production.url.replace(/\/graphql$/, '');
      for (const route of ['/dev/ide', '/dev/ide/', ideScript, '/ide.html']) expect({ route, status: (await fetch(`${base}${route}`)).status }).toEqual({ route, status: 404 });
    } finally {
      await production.close();
    }

    // A hub whose introspection is ADMIN-only: the same IDE gets no schema.
    const { privateKey } = await testKeys();
    const strict = await startHub(dbs, {
      port: 0,
      auth: await testAuthSettings(),
      introspection: 'admin',
      console: { assetsDir: consoleAssetsDir(), ideDir: consoleIdeDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } },
    });
    try {
      const strictPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      strictPage.setDefaultTimeout(TIMEOUT);
      const introspections: string[] = [];
      strictPage.on('response', (r) => {
        if (new URL(r.url()).pathname === '/graphql' && /__schema/.test(r.request().postData() ?? '')) void r.text().then((t) => introspections.push(t));
      });
      await strictPage.goto(strict.url.replace(/\/graphql$/, '/'));
      await signIn(strictPage, 'AUDITOR');
      await strictPage.getByRole('button', { name: 'GraphQL 调试台' }).click();
      const strictIde = strictPage.frameLocator('[data-testid=ide-frame]');
      await strictIde.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      await strictIde.locator('.graphiql-doc-explorer-error').waitFor();
      expect(introspections.join('\n')).toContain('INTROSPECTION_DISABLED');
      await strictPage.context().close();
    } finally {
      await strict.close();
    }
  }, 300_000);

  it('prints how long the street search page takes to become usable under CPU x4 and fast 3G, and ships under 250 KB of gzipped JS', async () => {
    // The first page's JavaScript: scripts it loads by URL plus the script inlined into it (scripts/buildWeb.js).
    const index = fs.readFileSync(path.join(consoleAssetsDir(), 'index.html'), 'utf8');
    const scripts = [
      ...[...index.matchAll(/<script[^>]+src="\/([^"]+)"/g)].map((m) => fs.readFileSync(path.join(consoleAssetsDir(), m[1]))),
      ...[...index.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => Buffer.from(m[1])),
    ];
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, js) => sum + zlib.gzipSync(js).length, 0);
    const brotli = scripts.reduce((sum, js) => sum + zlib.brotliCompressSync(js, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }).length, 0);
    expect(gzipped).toBeLessThan(250 * 1024);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // Lighthouse's fast 3G: 562.5 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });

    const start = Date.now();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    const firstPage = Date.now() - start;
    // Measured inside the page (User Timing marks the console sets when a page is interactive), so the
    // driver's own polling under CPU x4 is not counted; the driver's wall-clock figures are printed too.
    const mark = (name: string) => page.evaluate<number>(`(performance.getEntriesByName('${name}')[0] || { startTime: NaN }).startTime`);
    const signInReady = await mark('onefile:sign-in-ready');
    const timeline = await page.evaluate<string>(`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => e.name.replace(location.origin, '') + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd) + ' ms, ' + e.transferSize + ' B').join('; ')`);
    await signIn(page, 'STREET_STAFF', { grid: GRID });
    await page.getByLabel(/入户走访/).check();
    const purposePicked = Date.now();
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('button', { name: '查询', exact: true }).waitFor();
    const searchPage = Date.now() - purposePicked;
    const searchReady = (await mark('onefile:search-ready')) - (await mark('onefile:purpose-picked'));
    const searched = Date.now();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByTestId('result-count').waitFor();
    const results = Date.now() - searched;
    process.stdout.write(
      `\nconsole under CPU x4 + fast 3G, cold cache: sign-in page interactive ${Math.round(signInReady)} ms after navigation start (in-page mark; ` +
        `driver saw it at ${firstPage} ms); search page interactive ${Math.round(searchReady)} ms after the purpose (driver: ${searchPage} ms); ` +
        `first results ${results} ms after 查询 (driver); first-page JS ${(gzipped / 1024).toFixed(1)} KB gzipped, ${(brotli / 1024).toFixed(1)} KB as served (Brotli)\n` +
        `  first page requests: ${timeline}\n`,
    );
    // The aim is 1.5 s for the search page; the machine is shared, so only a generous bound fails the test.
    expect(searchReady).toBeLessThan(15_000);
    expect(signInReady).toBeLessThan(30_000);
    await context.close();
  }, 300_000);
});
