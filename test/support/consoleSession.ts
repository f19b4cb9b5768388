import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { seriousViolations } from './browser';

/** A console page in Chromium with what the browser tests check on every page. */
export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to /graphql, in order. */
  graphqlRequests: Request[];
  /** CSP violations, page errors and requests that left the hub's origin: a test expects none. */
  problems: string[];
}

/**
 * Opens the console at `origin` in a fresh context (a phone-sized viewport and zh-CN by default),
 * recording every GraphQL request and every problem. The same checks as test/console.test.ts's
 * own helper, shared here for the browser test files that came after it.
 */
export async function openConsole(browser: Browser, origin: string, viewport = { width: 390, height: 844 }, timeout = 60_000): Promise<ConsoleSession> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
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

/** Signs in through the development picker (role, and a grid or resident where the role has one). */
export async function signIn(page: Page, role: string, extra: { grid?: string; resident?: string } = {}): Promise<void> {
  await page.locator('select[name=role]').selectOption(role);
  if (extra.grid) await page.locator('select[name=grid]').selectOption(extra.grid);
  if (extra.resident) await page.locator('select[name=resident]').selectOption(extra.resident);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Fails the test with the page's name when axe-core finds a serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
}
