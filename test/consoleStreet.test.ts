import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startHub } from '../src/hub';
import { closeDatabases, Databases } from '../src/db/databases';
import { CONSOLE_NEED_ITEMS_FILE, renderConsoleNeedItems } from '../src/departments/street/consoleNeedItems';
import { needItem } from '../src/departments/street/tickets/needItems';
import { consoleAssetsDir } from '../src/server/consoleSetup';
import type { HttpHub } from '../src/server/httpServer';
import { headersFor, TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { browserAvailable, ensureConsoleBuilt, launchChromium, screenshotPath } from './support/browser';
import { expectAccessible, openConsole, signIn } from './support/consoleBrowser';
import { postGraphQL } from './support/http';
import { openTestDatabases } from './support/testDatabases';

/**
 * The street worker's pages in a real browser against a real hub over the test databases: record a
 * visit at the door (a refused note shown in plain words, then saved), see it in the household's
 * visits and in the coverage ledger, and the visit filters of the household search. Every figure the
 * pages show is compared with what the hub answers the same worker, not with a number written here.
 */
const GRID = '110101001001-G01';
const TIMEOUT = 60_000;

const COVERAGE = 'query($month: String!, $gridId: String) { visitCoverage(month: $month, gridId: $gridId) { rows { group due visited overdue suppressed } } }';
const COUNT = 'query($filter: SearchFilter) { searchHouseholds(filter: $filter, first: 1) { totalCount } }';

describe('console build', () => {
  it("keeps the console's need-item list the same as the catalogue (npm run console:needs)", () => {
    expect(fs.readFileSync(CONSOLE_NEED_ITEMS_FILE, 'utf8')).toBe(renderConsoleNeedItems());
  });

  it("ships the first page under 250 KB of gzipped JavaScript, with no role's page, the street pages or the IDE in it", () => {
    ensureConsoleBuilt();
    const dir = consoleAssetsDir();
    const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    // The first page's JavaScript: the scripts index.html loads and, transitively, what they import statically.
    const first = new Set<string>();
    const visit = (file: string) => {
      if (first.has(file)) return;
      first.add(file);
      const js = fs.readFileSync(path.join(dir, file), 'utf8');
      // Vite writes static imports as `import{…}from"./chunk.js"` or `import"./chunk.js"`; dynamic ones as `import("./chunk.js")`.
      for (const m of js.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(path.join('assets', m[1]));
    };
    for (const m of index.matchAll(/<script[^>]+src="\/([^"]+)"/g)) visit(m[1]);
    expect(index).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    const gzipped = [...first].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length, 0);
    process.stdout.write(`\nfirst page JS: ${[...first].join(', ')}: ${(gzipped / 1024).toFixed(1)} KB gzipped\n`);
    expect(gzipped).toBeLessThan(250 * 1024);
    // Every page's operation text is in its own chunk: none is in the first page, yet each is in the build.
    const firstText = [...first].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const all = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, 'assets', f), 'utf8')).join('\n');
    // The IDE page is marked by the frame it opens (`/dev/ide`); GraphiQL itself is a separate build (web/dist-ide).
    const operations = ['mutation RecordVisit', 'query VisitCoverage', 'query HouseholdVisits', 'query StreetSearch', 'query HouseholdFile', 'query MyFile', 'query PersonLookup', 'query AccessLog', '"/dev/ide"'];
    for (const op of operations) expect({ op, built: all.includes(op), inFirstPage: firstText.includes(op) }).toEqual({ op, built: true, inFirstPage: false });
    expect(all).not.toMatch(/monaco|graphiql-/i);
  });
});

const run = browserAvailable() ? describe : describe.skip;

run('street console in Chromium', () => {
  let dbs: Databases;
  let hub: HttpHub;
  let origin: string;
  let browser: Browser;
  let staff: Record<string, string>;

  beforeAll(async () => {
    ensureConsoleBuilt();
    dbs = openTestDatabases();
    const { privateKey } = await testKeys();
    hub = await startHub(dbs, {
      port: 0,
      auth: await testAuthSettings(),
      console: { assetsDir: consoleAssetsDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } },
    });
    origin = hub.url.replace(/\/graphql$/, '');
    staff = await headersFor({ role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (dbs) await closeDatabases(dbs);
  });

  /** The hub's own answer for a filter, as the same worker. */
  async function apiCount(filter: Record<string, unknown>): Promise<number> {
    const r = await postGraphQL(hub.url, COUNT, { filter: { gridIds: [GRID], ...filter } }, staff);
    expect(r.errors).toBeUndefined();
    return r.data!.searchHouseholds.totalCount as number;
  }

  /** The ledger's cells as the page shows them, by group. */
  async function ledgerCells(page: Page): Promise<Record<string, { due: string; visited: string | null; suppressed: boolean }>> {
    await page.getByTestId('coverage').waitFor();
    const cells: Record<string, { due: string; visited: string | null; suppressed: boolean }> = {};
    for (const row of await page.locator('[data-testid=coverage] tbody tr').all()) {
      const suppressed = (await row.locator('[data-cell=suppressed]').count()) > 0;
      cells[(await row.getAttribute('data-group'))!] = {
        due: (await row.locator('[data-cell=due]').textContent())!,
        visited: suppressed ? null : await row.locator('[data-cell=visited]').textContent(),
        suppressed,
      };
    }
    return cells;
  }

  async function searchCount(page: Page): Promise<number> {
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('[data-testid=result-count], [role=alert]').first().waitFor();
    if (await page.locator('[role=alert]').count()) throw new Error(`search refused: ${await page.locator('[role=alert]').textContent()}`);
    // Wait for this search's answer (the button is disabled while it runs).
    await page.getByRole('button', { name: '查询', exact: true }).and(page.locator(':enabled')).waitFor();
    return Number(/\d+/.exec((await page.getByTestId('result-count').textContent()) ?? '')?.[0]);
  }

  it("records a visit at the door: a note with an ID number is refused in plain words, the saved visit shows in the household's visits and raises the grid's coverage", async () => {
    const { context, page, graphqlRequests, problems } = await openConsole(browser, origin);
    await signIn(page, 'STREET_STAFF', { grid: GRID });
    await page.getByLabel(/入户走访/).check();
    await page.getByRole('button', { name: '继续' }).click();

    // The ledger before: what the page shows is what the hub answers this worker.
    await page.getByRole('button', { name: '走访台账' }).click();
    const before = await ledgerCells(page);
    const month = (await page.getByTestId('coverage').getAttribute('data-month'))!;
    const api = await postGraphQL(hub.url, COVERAGE, { month, gridId: GRID }, staff);
    expect(api.errors).toBeUndefined();
    const rows = api.data!.visitCoverage.rows as Array<{ group: string; due: number; visited: number | null; suppressed: boolean }>;
    expect(Object.keys(before).sort()).toEqual(rows.map((r) => r.group).sort());
    for (const r of rows) expect(before[r.group]).toEqual({ due: String(r.due), visited: r.suppressed ? null : String(r.visited), suppressed: r.suppressed });
    expect(before.OTHERS.suppressed).toBe(false);
    await expectAccessible(page, 'coverage');
    const coverageShot = screenshotPath('street-coverage');
    if (coverageShot) await page.screenshot({ path: coverageShot, fullPage: true });

    // The search's visit filters: the counts are the hub's for the same filters.
    await page.getByRole('button', { name: '查户' }).click();
    await page.locator('select[name=visitOutcome]').selectOption('NOT_HOME');
    await expect(searchCount(page)).resolves.toBe(await apiCount({ visitOutcome: 'NOT_HOME' }));
    await page.locator('select[name=visitOutcome]').selectOption('');
    await page.locator('input[name=notVisitedSinceDays]').fill('90');
    const notVisited = await searchCount(page);
    expect(notVisited).toBe(await apiCount({ notVisitedSinceDays: 90 }));
    expect(notVisited).toBeGreaterThan(0);
    await expectAccessible(page, 'street search with visit filters');

    // A household nobody was met in for 90 days and with no service tag: its members count as "others",
    // met once in the quarter is visited (special groups need two visits a month).
    const household = page.locator('.results li').filter({ hasNot: page.locator('.tag') }).first();
    await household.locator('button').click();
    await page.getByRole('heading', { name: '户档案' }).waitFor();
    await page.getByRole('button', { name: '为此户记录走访' }).click();
    await page.getByRole('heading', { name: '记录走访' }).waitFor();
    const member = page.locator('input[name=member]').first();
    const memberName = (await page.locator('label', { has: member }).textContent())!.trim();
    await member.check();
    await page.getByLabel('房屋维修').check();
    await page.locator('textarea[name=note]').fill('居民说身份证 110101194909222640 丢了');
    await expectAccessible(page, 'visit form');
    await page.getByRole('button', { name: '保存走访' }).click();
    const refusal = page.locator('[role=alert]', { hasText: 'NOTE_CONTAINS_IDENTIFIER' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/身份证号.*不能写进备注/);
    await expectAccessible(page, 'visit form refused');
    const formShot = screenshotPath('street-visit');
    if (formShot) await page.screenshot({ path: formShot, fullPage: false });

    // The form kept everything; without the number it is saved.
    await page.locator('textarea[name=note]').fill('政策已宣传，楼道灯坏了');
    await page.getByRole('button', { name: '保存走访' }).click();
    await page.getByTestId('visit-saved').waitFor();
    const visitId = (await page.getByTestId('visit-saved').getAttribute('data-visit'))!;
    // The saved visit, as the hub lists it again, newest first.
    const newest = page.locator('.visits-list li').first();
    await expect(newest.getAttribute('data-visit')).resolves.toBe(visitId);
    // The need raised is a ticket for the department the catalogue routes it to, made by the same write.
    const tickets = await dbs.street('tickets').where({ visit_id: visitId }).select('item', 'department', 'source');
    expect(tickets).toEqual([{ item: 'HOUSING_REPAIR', department: needItem('HOUSING_REPAIR')!.department, source: 'VISIT' }]);
    await expect(newest.textContent()).resolves.toMatch(new RegExp(`见到本人.*${memberName}.*房屋维修.*政策已宣传`));
    await expectAccessible(page, 'household visits');
    const writes = graphqlRequests.filter((r) => (r.postDataJSON().query as string).startsWith('mutation RecordVisit'));
    expect(writes).toHaveLength(2);
    for (const r of writes) expect(r.headers()['x-purpose']).toBe('HOME_VISIT');
    // One form, one key: the refused attempt and the saved one are the same visit to the hub.
    expect(new Set(writes.map((r) => r.postDataJSON().variables.input.idempotencyKey)).size).toBe(1);

    // The ledger after: the member met counts once more among the others and in everyone.
    await page.getByRole('button', { name: '走访台账' }).click();
    const after = await ledgerCells(page);
    expect(Number(after.OTHERS.visited)).toBe(Number(before.OTHERS.visited) + 1);
    if (!before.ALL.suppressed && !after.ALL.suppressed) expect(Number(after.ALL.visited)).toBe(Number(before.ALL.visited) + 1);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Visit coverage' }).waitFor();
    await expectAccessible(page, 'coverage (English)');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
