import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import type { Browser } from 'playwright-core';
import { startHub } from '../src/hub';
import { closeDatabases, Databases, openDatabases } from '../src/db/databases';
import { openCheckDatabases } from '../src/checks/checkDatabases';
import { runChecks } from '../src/checks/run';
import { checkStatement } from '../src/claims/statement';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { consoleAssetsDir } from '../src/server/consoleSetup';
import type { HttpHub } from '../src/server/httpServer';
import { SEED_REFERENCE_DATE } from '../seeds/seed';
import { Caller, headersFor, TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { browserAvailable, ensureConsoleBuilt, launchChromium, screenshotPath } from './support/browser';
import { attributesOf, expectAccessible, openConsole, pickPurpose, requestsOf, signIn } from './support/consoleBrowser';
import { createThrowAwayDatabases, ThrowAwayDatabases } from './support/checkDatabases';
import { postGraphQL } from './support/http';

/**
 * The officers' desk and the residents' requests in a real browser (Debian's Chromium through
 * playwright-core) against a real hub on throw-away copies of the databases (the checks run there and
 * the test moves ticket clocks): an officer works a ticket, the resident closes and rates it, an
 * officer reads their department's findings and checks claims. axe-core on every new page; the
 * page's CSP stays on. Nothing here is timed.
 */
const run = browserAvailable() ? describe : describe.skip;

const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING', subject: 'desk-colleague' };
const TICKET = 'id status version';
const CREATE = `mutation File($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET} } }`;
const MOVE = `mutation Move($input: TransitionTicketInput!) { transitionTicket(input: $input) { ${TICKET} } }`;

run('officers\' desk and residents\' requests in Chromium', () => {
  let db: ThrowAwayDatabases;
  let dbs: Databases;
  let hub: HttpHub;
  let origin: string;
  let browser: Browser;
  let resident: string;
  let household: string;

  const asColleague = async (query: string, variables: Record<string, unknown>) => postGraphQL(hub.url, query, variables, await headersFor(CIVIL));
  async function fileTicket(item: string): Promise<{ id: string; version: number }> {
    const res = await asColleague(CREATE, { input: { householdId: household, personId: resident, item, summary: '希望尽快上门', idempotencyKey: randomUUID() } });
    expect(res.errors).toBeUndefined();
    return res.data!.createTicket;
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    db = await createThrowAwayDatabases('console_desk');
    const checking = openCheckDatabases(db.urls);
    try {
      await runChecks({ dbs: checking, asOf: SEED_REFERENCE_DATE, trigger: 'OPERATOR' });
    } finally {
      await closeDatabases(checking);
    }
    dbs = openDatabases(db.urls, { poolMax: 4 });
    const { privateKey } = await testKeys();
    hub = await startHub(dbs, {
      port: 0,
      auth: await testAuthSettings(),
      limits: withoutRateLimits(DEFAULT_LIMITS),
      console: { assetsDir: consoleAssetsDir(), devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: TEST_ISSUER, audience: TEST_AUDIENCE } },
    });
    origin = hub.url.replace(/\/graphql$/, '');
    // The first resident the development picker offers, and their household.
    const principals = (await (await fetch(`${origin}/dev/principals`)).json()) as { residents: string[] };
    resident = principals.residents[0];
    const { id_number } = await db.owner.hub('person_index').where({ id: resident }).first();
    const { household_no } = await db.owner.police('persons').where({ id_number }).first();
    household = (await db.owner.hub('household_index').where({ household_no }).first()).id;
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (dbs) await closeDatabases(dbs);
    await db?.drop();
  });

  it('lets a civil affairs officer see the overdue ticket in the queue, read the household file bound to the ticket, accept and resolve it, and be told plainly when a colleague moved a ticket first', async () => {
    const mine = await fileTicket('MEAL_ASSISTANCE');
    const late = await fileTicket('CARE_SERVICE');
    // This one should have been accepted yesterday.
    await db.owner.street('tickets').where({ id: late.id }).update({ start_due_at: new Date(Date.now() - 86_400_000) });

    const { context, page, graphqlRequests, problems } = await openConsole(browser, origin, { width: 1280, height: 900 });
    await signIn(page, 'CIVIL_AFFAIRS_OFFICER');
    await pickPurpose(page, /工单处理/);
    await expect(page.getByTestId('purpose-badge').textContent()).resolves.toContain('工单处理');
    await page.getByRole('heading', { name: '本部门工单' }).waitFor();
    const count = await page.getByTestId('queue-count').textContent();
    const civilOpen = await db.owner.street('tickets').where({ department: 'civil' }).count('* as n');
    expect(count).toContain(`共 ${civilOpen[0].n} 件`);
    await expect(page.locator(`button[data-ticket="${late.id}"] .overdue-badge`).textContent()).resolves.toBe('已超时');
    expect(await page.locator(`button[data-ticket="${mine.id}"] .overdue-badge`).count()).toBe(0);
    await expectAccessible(page, 'ticket queue');
    const queueShot = screenshotPath('officer-tickets');
    if (queueShot) await page.screenshot({ path: queueShot, fullPage: false });

    // Paged by cursor: the next 20, after the first page's end.
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.locator('button[data-ticket]').nth(20).waitFor();
    const ids = await attributesOf(page.locator('button[data-ticket]'), 'data-ticket');
    expect(new Set(ids).size).toBe(Math.min(40, Number(civilOpen[0].n)));
    const pages = requestsOf(graphqlRequests, 'query TicketQueue').map((r) => (r.postDataJSON() as { variables: { after: string | null } }).variables.after);
    expect([pages.length, pages[0], typeof pages[1]]).toEqual([2, null, 'string']);

    // Open the ticket and read the household's file for it: the request carries the ticket.
    await page.locator(`button[data-ticket="${mine.id}"]`).click();
    await page.getByRole('heading', { name: /工单: 老年助餐/ }).waitFor();
    await page.getByRole('button', { name: '查看该户档案（按本工单）' }).click();
    await page.locator('article.person').first().waitFor();
    const reads = requestsOf(graphqlRequests, 'query TicketHouseholdFile');
    expect(reads.map((r) => [r.headers()['x-purpose'], r.headers()['x-ticket-id']])).toEqual([['TICKET_HANDLING', mine.id]]);
    const queues = requestsOf(graphqlRequests, 'query TicketQueue');
    for (const r of queues) expect(r.headers()['x-ticket-id']).toBeUndefined();

    await page.locator('input[name=reason]').fill('已安排送餐');
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect(page.getByTestId('ticket-saved').textContent()).resolves.toContain('办理中');
    await expect(page.getByTestId('ticket-version').textContent()).resolves.toContain('版本 2');
    await expectAccessible(page, 'ticket');
    const ticketShot = screenshotPath('officer-ticket');
    if (ticketShot) await page.screenshot({ path: ticketShot, fullPage: true });
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await expect(page.getByTestId('ticket-saved').textContent()).resolves.toContain('已办结');
    const stored = await db.owner.street('tickets').where({ id: mine.id }).first();
    expect([stored.status, stored.version]).toEqual(['RESOLVED', 3]);

    // The late ticket: a colleague accepts it while the page still shows version 1.
    await page.getByRole('button', { name: '← 返回工单列表' }).click();
    await page.locator(`button[data-ticket="${late.id}"]`).click();
    await page.getByRole('heading', { name: /居家养老照护/ }).waitFor();
    const colleague = await asColleague(MOVE, { input: { id: late.id, to: 'ACCEPTED', expectedVersion: late.version, reason: '同事已受理' } });
    expect(colleague.errors).toBeUndefined();
    await page.getByRole('button', { name: '办结', exact: true }).click();
    const conflict = page.getByTestId('ticket-conflict');
    await expect(conflict.textContent()).resolves.toMatch(/刚刚被别人改过.*办理中.*版本 2.*没有执行/);
    // The ticket was read again by its id (ticket(id)), not by paging the queue.
    expect(requestsOf(graphqlRequests, 'query TicketReload').map((r) => (r.postDataJSON() as { variables: { id: string } }).variables)).toEqual([{ id: late.id }]);
    await expectAccessible(page, 'ticket conflict');
    await page.getByRole('button', { name: '载入最新情况' }).click();
    await expect(page.getByTestId('ticket-version').textContent()).resolves.toContain('版本 2');
    expect((await db.owner.street('tickets').where({ id: late.id }).first()).version).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('opens the desk\'s ticket queue, not the household search, for street staff handling tickets', async () => {
    const { context, page, graphqlRequests, problems } = await openConsole(browser, origin);
    await signIn(page, 'STREET_STAFF');
    await pickPurpose(page, /工单处理/);
    await page.getByRole('heading', { name: '本部门工单' }).waitFor();
    await page.getByTestId('queue-count').waitFor();
    expect(requestsOf(graphqlRequests, 'query').some((r) => r.headers()['x-purpose'] === 'TICKET_HANDLING')).toBe(true);
    expect(graphqlRequests.some((r) => String((r.postDataJSON() as { query?: string }).query).includes('searchHouseholds'))).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the resident their resolved request with its progress and department but no staff member, lets them confirm and rate it or reopen one not solved, in large text and in English', async () => {
    const tickets = await db.owner.street('tickets').where({ household_id: household, status: 'RESOLVED', department: 'civil' }).orderBy('received_at', 'desc');
    expect(tickets.length).toBeGreaterThan(0);
    const ticket = tickets[0];
    // A second one, resolved by a colleague, that the resident finds not solved.
    const other = await fileTicket('ACCESSIBILITY');
    const accepted = await asColleague(MOVE, { input: { id: other.id, to: 'ACCEPTED', expectedVersion: other.version } });
    const resolved = await asColleague(MOVE, { input: { id: other.id, to: 'RESOLVED', expectedVersion: accepted.data!.transitionTicket.version, reason: '已上门' } });
    expect(resolved.errors).toBeUndefined();

    const { context, page, problems } = await openConsole(browser, origin);
    await signIn(page, 'RESIDENT', { resident });
    await page.getByRole('heading', { name: '我的诉求' }).waitFor();
    const card = page.locator(`li[data-ticket="${ticket.id}"]`);
    await expect(card.getAttribute('data-status')).resolves.toBe('RESOLVED');
    await expect(card.locator('.progress li.done').allTextContents()).resolves.toEqual([
      expect.stringContaining('已接收'), expect.stringContaining('办理中'), expect.stringContaining('已办结'),
    ]);
    await expect(card.textContent()).resolves.toContain('办理部门: 民政');
    await page.getByRole('button', { name: '大字模式' }).click();
    await expectAccessible(page, 'resident requests');

    await card.getByRole('button', { name: '问题已解决，确认' }).click();
    await card.and(page.locator('[data-status=CONFIRMED]')).waitFor();
    await card.getByLabel('5 分').check();
    await card.locator('input[name=ratingComment]').fill('办得及时');
    await expectAccessible(page, 'resident rating');
    await card.getByRole('button', { name: '提交评价' }).click();
    await expect(card.getByTestId('my-rating').textContent()).resolves.toBe('您的评价：5 分 · 办得及时');
    const stored = await db.owner.street('tickets').where({ id: ticket.id }).first();
    expect([stored.status, stored.rating, stored.rating_comment]).toEqual(['RATED', 5, '办得及时']);
    // Departments and roles, never who: the officer's token subject appears nowhere.
    expect(await page.locator('body').textContent()).not.toMatch(/dev-civil|desk-colleague/);
    const notSolved = page.locator(`li[data-ticket="${other.id}"]`);
    await notSolved.locator('summary').click();
    await notSolved.locator('input[name=reopenReason]').fill('扶手还没装');
    await notSolved.getByRole('button', { name: '没解决，重新办理' }).click();
    await notSolved.and(page.locator('[data-status=REOPENED]')).waitFor();
    const reopened = await db.owner.street('tickets').where({ id: other.id }).first();
    expect([reopened.status, reopened.reopen_count]).toEqual(['REOPENED', 1]);
    const shot = screenshotPath('resident-tickets');
    if (shot) await card.screenshot({ path: shot });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await expect(card.locator('.status-chip').textContent()).resolves.toBe('rated');
    await expectAccessible(page, 'resident requests (English)');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('shows a civil affairs officer exactly their department\'s open findings under a subsidy review and opens a finding\'s person file', async () => {
    const open = await db.owner.hub('check_findings').where({ owner: 'civil' }).whereNull('resolved_at').orderBy('id').select('id', 'rule', 'subject_id');
    expect(open.length).toBeGreaterThan(0);
    const { context, page, graphqlRequests, problems } = await openConsole(browser, origin, { width: 1280, height: 900 });
    await signIn(page, 'CIVIL_AFFAIRS_OFFICER');
    await pickPurpose(page, /补贴审核/);
    await page.getByRole('button', { name: '本部门数据差异' }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect(page.getByTestId('findings-count').textContent()).resolves.toBe(`共 ${open.length} 条`);
    const shown = await attributesOf(page.locator('tbody tr'), 'data-rule');
    expect(shown).toEqual(open.slice(0, 20).map((f) => f.rule));
    await expectAccessible(page, 'discrepancies');
    const shot = screenshotPath('discrepancies');
    if (shot) await page.screenshot({ path: shot, fullPage: false });

    // A finding's person opens their file, read under the declared purpose.
    await page.locator('tbody tr button').first().click();
    await page.locator('article.person').waitFor();
    const reads = requestsOf(graphqlRequests, 'query FindingPerson');
    expect(reads.map((r) => [r.headers()['x-purpose'], (r.postDataJSON() as { variables: { id: string } }).variables.id])).toEqual([['SUBSIDY_REVIEW', open.find((f) => f.subject_id)!.subject_id]]);
    await expectAccessible(page, 'discrepancy person');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('runs the claims check for a service item and hands over the signed statement, which checks offline against the published keys and says what the page said', async () => {
    const elder = await db.owner.police('persons').where('birth_date', '<', '1950-01-01').orderBy('id_number').first();
    const { context, page, problems } = await openConsole(browser, origin, { width: 1280, height: 900 });
    await signIn(page, 'CIVIL_AFFAIRS_OFFICER');
    await pickPurpose(page, /办事核验/);
    await page.getByRole('heading', { name: '免提交核验' }).waitFor();
    await page.locator('select[name=serviceItem]').selectOption('ELDERLY_PREFERENTIAL_CARD');
    await page.locator('input[name=idNumber]').fill(elder.id_number);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByTestId('statement').waitFor();
    const answers = Object.fromEntries(
      await Promise.all((await page.locator('[data-claim]').all()).map(async (row) => [await row.getAttribute('data-claim'), (await row.locator('dd').textContent()) === '是'])),
    );
    expect(answers.AGED_60_OR_OVER).toBe(true);
    await expectAccessible(page, 'claims check');
    const shot = screenshotPath('claims');
    if (shot) await page.screenshot({ path: shot, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载核验单（.jws）' }).click()]);
    const jws = fs.readFileSync((await download.path())!, 'utf8');
    expect(jws).toBe(await page.getByTestId('statement').textContent());
    const jwks = (await (await fetch(`${origin}/.well-known/claims-jwks.json`)).json()) as JSONWebKeySet;
    const check = await checkStatement(jws, jwks);
    if (!check.ok) throw new Error(check.message);
    expect(check.statement.answers).toEqual(answers);
    expect(check.statement.serviceItem).toBe('ELDERLY_PREFERENTIAL_CARD');
    expect(check.statement.sub).toBe((await db.owner.hub('person_index').where({ id_number: elder.id_number }).first()).id);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
