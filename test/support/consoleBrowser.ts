import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { seriousViolations } from './browser';

/** A console page in a fresh browser context, with what the page asked of the hub and what went wrong. */
export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  graphqlRequests: Request[];
  problems: string[];
}

/**
 * Opens the console at `origin` in a fresh context (zh-CN, a phone's viewport unless told): records
 * every GraphQL request and collects, as problems, any request outside the hub, any CSP violation
 * and any page error (a test expects `problems` to be empty).
 */
export async function openConsole(browser: Browser, origin: string, viewport = { width: 390, height: 844 }, timeout = 60_000): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
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

/** Development sign-in through the picker (role, and a grid or a resident where the role needs one). */
export async function signIn(page: Page, role: string, extra: { grid?: string; resident?: string } = {}): Promise<void> {
  await page.locator('select[name=role]').selectOption(role);
  if (extra.grid) await page.locator('select[name=grid]').selectOption(extra.grid);
  if (extra.resident) await page.locator('select[name=resident]').selectOption(extra.resident);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Purpose first: picks the purpose whose label matches and goes on. */
export async function pickPurpose(page: Page, label: RegExp): Promise<void> {
  await page.getByRole('heading', { name: '请先选择本次查询的用途' }).waitFor();
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: '继续' }).click();
}

/** Fails with the page's name and axe-core's serious or critical violations, if any. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
}

/** The GraphQL operations the page sent whose text starts with `prefix` (e.g. `query TicketQueue`). */
export function requestsOf(requests: Request[], prefix: string): Request[] {
  return requests.filter((r) => ((r.postDataJSON() as { query: string }).query ?? '').startsWith(prefix));
}

/** One attribute of every element the locator matches, in document order. */
export async function attributesOf(locator: Locator, name: string): Promise<Array<string | null>> {
  return Promise.all((await locator.all()).map((l) => l.getAttribute(name)));
}
