import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startHub } from '../src/hub';
import { closeDatabases, Databases } from '../src/db/databases';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { consoleAssetsDir } from '../src/server/consoleSetup';
import type { HttpHub } from '../src/server/httpServer';
import { Caller, headersFor, TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { browserAvailable, ensureConsoleBuilt, launchChromium } from './support/browser';
import { expectAccessible, openConsole, pickPurpose, requestsOf, signIn } from './support/consoleBrowser';
import { postGraphQL } from './support/http';
import { openOwnerTestDatabases, openTestDatabases } from './support/testDatabases';

/**
 * More of the officers' desk in Chromium against a real hub over the test databases: a ticket page
 * in English, a transfer to another department as the page offers it, and the police and health
 * officers' desks. axe-core on each page; the page's CSP stays on.
 */
const run = browserAvailable() ? describe : describe.skip;

const GRID = '110101001001-G01';
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'desk-more-colleague' };
const CREATE = 'mutation File($input: CreateTicketInput!) { createTicket(input: $input) { id status version department } }';
const HAN = /[\u3400-\u9fff]/;

/** The texts of the main region's labels, headings, buttons, legends, table and list headers (not the data shown). */
async function labelsOf(page: Page): Promise<string[]> {
  // A label's own words, without the value of the control inside it (evaluated in the page: no DOM types here).
  return page.evaluate<string[]>(`[...document.querySelectorAll('main :is(h1, h2, h3, label, legend, button, dt, th, summary)')].map((n) => {
    const clone = n.cloneNode(true);
    clone.querySelectorAll('select, input, textarea').forEach((c) => c.remove());
    return (clone.textContent || '').trim();
  })`);
}

run('officers\' desk in Chromium: English, transfer, police and health', () => {
  let dbs: Databases;
  let owner: Databases;
  let hub: HttpHub;
  let origin: string;
  let browser: Browser;
  let household: string;
  let person: string;

  async function fileTicket(item: string): Promise<{ id: string; version: number; department: string }> {
    const res = await postGraphQL(hub.url, CREATE, { input: { householdId: household, personId: person, item, summary: '希望尽快上门', idempotencyKey: randomUUID() } }, await headersFor(CIVIL));
    expect(res.errors).toBeUndefined();
    return res.data!.createTicket;
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    dbs = openTestDatabases();
    owner = openOwnerTestDatabases();
    const { privateKey } = await testKeys();
    hub = await startHub(dbs, {
      port: 0,
      auth: await testAuthSettings(),
      limits: withoutRateLimits(DEFAULT_LIMITS),
      console: { assetsDir: consoleAssetsDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } },
    });
    origin = hub.url.replace(/\/graphql$/, '');
    const codes = await owner.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const no = await owner.police('households').whereIn('building_code', codes).orderBy('household_no').first().then((h: { household_no: string }) => h.household_no);
    household = (await owner.hub('household_index').where({ household_no: no }).first()).id;
    const idNumber = (await owner.police('persons').where({ household_no: no }).orderBy('id_number').first()).id_number;
    person = (await owner.hub('person_index').where({ id_number: idNumber }).first()).id;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (owner) await closeDatabases(owner);
    if (dbs) await closeDatabases(dbs);
  });

  async function openTicket(page: Page, id: string): Promise<void> {
    await signIn(page, 'CIVIL_AFFAIRS_OFFICER');
    await pickPurpose(page, /工单处理/);
    await page.getByRole('heading', { name: '本部门工单' }).waitFor();
    // The newest first: a ticket filed a moment ago is on the first page.
    await page.locator(`button[data-ticket="${id}"]`).click();
    await page.getByRole('heading', { name: /工单: / }).waitFor();
  }

  it("shows the officer's ticket page in English when the officer switches language: no Chinese left in the main region's labels", async () => {
    const ticket = await fileTicket('MEAL_ASSISTANCE');
    const { context, page, problems } = await openConsole(browser, origin, { width: 1280, height: 900 });
    await openTicket(page, ticket.id);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /^Ticket: / }).waitFor();
    const labels = await labelsOf(page);
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.filter((l) => HAN.test(l))).toEqual([]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expectAccessible(page, 'ticket (English)');
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('transfers a ticket to another department as the page offers it: the database has it with that department afterwards', async () => {
    const ticket = await fileTicket('CARE_SERVICE');
    expect(ticket.department).toBe('civil');
    const { context, page, graphqlRequests, problems } = await openConsole(browser, origin, { width: 1280, height: 900 });
    await openTicket(page, ticket.id);
    await page.locator('select[name=toDepartment]').selectOption('health');
    await page.locator('input[name=reason]').fill('需要卫健上门评估');
    await page.getByRole('button', { name: '转办', exact: true }).click();
    await expect(page.getByTestId('ticket-saved').textContent()).resolves.toContain('已转办');
    const stored = await owner.street('tickets').where({ id: ticket.id }).first();
    expect([stored.department, stored.status, stored.version]).toEqual(['health', 'TRANSFERRED', ticket.version + 1]);
    const moves = requestsOf(graphqlRequests, 'mutation MoveTicket').map((r) => (r.postDataJSON() as { variables: { input: Record<string, unknown> } }).variables.input);
    expect(moves).toEqual([expect.objectContaining({ id: ticket.id, to: 'TRANSFERRED', toDepartment: 'health', expectedVersion: ticket.version })]);
    await expectAccessible(page, 'ticket transferred');
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("opens a police officer's ticket queue and a health officer's findings, each accessible", async () => {
    const police = await openConsole(browser, origin, { width: 1280, height: 900 });
    await signIn(police.page, 'POLICE_OFFICER');
    await pickPurpose(police.page, /工单处理/);
    await police.page.getByRole('heading', { name: '本部门工单' }).waitFor();
    const policeOpen = await owner.street('tickets').where({ department: 'police' }).count('* as n');
    await expect(police.page.getByTestId('queue-count').textContent()).resolves.toContain(`共 ${policeOpen[0].n} 件`);
    await expectAccessible(police.page, 'police ticket queue');
    expect(police.problems).toEqual([]);
    await police.context.close();

    const health = await openConsole(browser, origin, { width: 1280, height: 900 });
    await signIn(health.page, 'HEALTH_WORKER');
    await pickPurpose(health.page, /健康随访/);
    await health.page.getByRole('button', { name: '本部门数据差异' }).click();
    await health.page.getByRole('heading', { name: '本部门数据差异' }).waitFor();
    // Read only when asked (each read is logged per person).
    await health.page.locator('main').getByRole('button', { name: '查询', exact: true }).click();
    await health.page.locator('[data-testid=findings-count], main [role=alert]').first().waitFor();
    expect(await health.page.locator('main [role=alert]').allTextContents()).toEqual([]);
    await expect(health.page.getByTestId('findings-count').textContent()).resolves.toMatch(/^共 \d+ 条$/);
    await expectAccessible(health.page, 'health findings');
    expect(health.problems).toEqual([]);
    await health.context.close();
  }, 240_000);
});
