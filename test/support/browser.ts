import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here; CI sets REQUIRE_BROWSER_TESTS=1 so a missing Chromium fails instead. */
export function browserAvailable(): boolean {
  const found = fs.existsSync(CHROMIUM_PATH);
  if (!found && process.env.REQUIRE_BROWSER_TESTS === '1') throw new Error(`REQUIRE_BROWSER_TESTS=1 but no Chromium at ${CHROMIUM_PATH}`);
  if (!found) process.stderr.write(`\n*** Browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH) ***\n\n`);
  return found;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 120_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/**
 * Builds web/dist if it is missing or stale (npm test builds it first; a single-file run may not have),
 * and web/dist-ide (GraphiQL, ~30 s) only for a test that opens the IDE.
 */
export function ensureConsoleBuilt({ ide = false }: { ide?: boolean } = {}): void {
  const { buildWeb } = require(path.join(__dirname, '..', '..', 'scripts', 'buildWeb.js')) as { buildWeb(o: { quiet: boolean; ide: boolean }): boolean };
  if (!buildWeb({ quiet: true, ide })) throw new Error('the console build (vite) failed');
}

/** Runs axe-core in the page and returns the serious and critical violations (id and first target). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, not as an inline <script>: the page's strict CSP stays on.
  await page.evaluate(source);
  const violations = await page.evaluate<Array<{ id: string; impact: string; help: string; targets: string[] }>>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Where a screenshot goes: docs/ when UPDATE_SCREENSHOTS=1 (to commit), else a throw-away folder. */
export function screenshotPath(name: string): string | undefined {
  return process.env.UPDATE_SCREENSHOTS === '1' ? path.join(__dirname, '..', '..', 'docs', `console-${name}.png`) : undefined;
}
