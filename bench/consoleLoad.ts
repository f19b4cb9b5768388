/**
 * `npm run bench:console`: the console's cold load on a throttled phone (issue 19's aim: the street
 * worker's search page interactive within 1.5 s under Chromium's CPU ×4 and fast 3G; first page's
 * JavaScript under 250 KB gzipped), for the current console and, with `--baseline <commit>`, for the
 * console of that commit, in the same run, alternating, against one hub process each over the same
 * databases.
 *
 *   npm run bench:console [-- --rounds 7 --baseline <commit> --ports <current>,<baseline>]
 *
 * `--ports` gives the hubs fixed ports (default: any free port), EMBEDDED_PG_PORT the cluster's.
 *
 * Each round opens a fresh browser context (cold cache) per build, in alternating order, and reads
 * the in-page User Timing marks the console sets (web/src/ready.ts, web/src/boot.ts): sign-in
 * interactive after navigation start, and the search page interactive after the purpose is picked.
 * Prints each build's medians, the first page's script size, and the ratio of the medians.
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium); seeds 2,000 residents into an embedded
 * cluster in `.data/bench-console` (kept for the next run) on first use.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateKeyPair } from 'jose';
import type { Browser } from 'playwright-core';
import { openDatabases, closeDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { consoleAssetsDir } from '../src/server/consoleSetup';
import { launchChromium } from '../test/support/browser';
import { prepareBenchDatabases } from './benchDatabases';

const ROOT = path.join(__dirname, '..');
const GRID = '110101001001-G01';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Builds the console of `commit` into .data/console-<commit>/web/dist (with the .br/.gz copies the hub sends). */
function buildAt(commit: string): string {
  const dir = path.join(ROOT, '.data', `console-${commit}`);
  const dist = path.join(dir, 'web', 'dist');
  if (fs.existsSync(path.join(dist, 'index.html'))) return dist;
  fs.mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['archive', commit, 'web', 'scripts/buildWeb.js'], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  // The console proper, then (from the one-round-trip first page on) the first page importing it.
  for (const config of ['web/vite.config.ts', 'web/vite.boot.config.ts'].filter((c) => fs.existsSync(path.join(dir, c)))) {
    const r = spawnSync(process.execPath, [vite, 'build', 'web', '--config', config, '--logLevel', 'error'], { cwd: dir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error(`vite build of ${commit} (${config}) failed`);
  }
  for (const f of fs.readdirSync(path.join(dist, 'assets'))) {
    const file = path.join(dist, 'assets', f);
    if (!/\.(js|css)$/.test(f)) continue;
    const data = fs.readFileSync(file);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  }
  return dist;
}

/** Gzipped size of the scripts index.html loads. */
function firstPageGzip(dist: string): number {
  const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  return [...index.matchAll(/<script[^>]+src="\/([^"]+)"/g)].reduce((sum, m) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, m[1]))).length, 0);
}

/** One cold load: sign-in interactive (ms after navigation start) and search page interactive (ms after the purpose). */
async function coldLoad(browser: Browser, origin: string): Promise<{ signIn: number; search: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  const mark = (name: string) => page.evaluate<number>(`(performance.getEntriesByName('${name}')[0] || { startTime: NaN }).startTime`);
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: '登录' }).waitFor();
  const signIn = await mark('onefile:sign-in-ready');
  await page.locator('select[name=role]').selectOption('STREET_STAFF');
  await page.locator('select[name=grid]').selectOption(GRID);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel(/入户走访/).check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByRole('button', { name: '查询', exact: true }).waitFor();
  const search = (await mark('onefile:search-ready')) - (await mark('onefile:purpose-picked'));
  await context.close();
  return { signIn, search };
}

async function main(): Promise<void> {
  const rounds = Number(arg('rounds', '7'));
  const baseline = arg('baseline');
  const builds: Array<{ name: string; dist: string }> = [{ name: 'current', dist: consoleAssetsDir() }];
  if (baseline) builds.push({ name: `baseline ${baseline}`, dist: buildAt(baseline) });
  const bench = await prepareBenchDatabases({ residents: 2000, dataDir: path.join('.data', 'bench-console'), keep: true });
  const dbs = openDatabases(bench.urls, { poolMax: 5 });
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const auth = { key: publicKey, algorithm: 'EdDSA', issuer: 'bench', audience: 'onefile' };
  const ports = (arg('ports') ?? '').split(',').filter(Boolean).map(Number);
  const hubs = await Promise.all(builds.map((b, i) => startHub(dbs, { port: ports[i] ?? 0, auth, console: { assetsDir: b.dist, devTokens: { key: privateKey, algorithm: 'EdDSA', issuer: 'bench', audience: 'onefile' } } })));
  const browser = await launchChromium();
  const samples = builds.map(() => ({ signIn: [] as number[], search: [] as number[] }));
  try {
    for (let r = 0; r < rounds; r++) {
      // Alternate which build goes first, so neither always meets the machine in the same state.
      const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
      for (const i of order) {
        const s = await coldLoad(browser, hubs[i].url.replace(/\/graphql$/, ''));
        samples[i].signIn.push(s.signIn);
        samples[i].search.push(s.search);
      }
    }
  } finally {
    await browser.close();
    await Promise.all(hubs.map((h) => h.close()));
    await closeDatabases(dbs);
    await bench.close();
  }
  process.stdout.write(`console cold load, Chromium CPU x4 + fast 3G (562.5 ms RTT, 1.6 Mbit/s), ${rounds} rounds alternating, medians (all samples in ms):\n`);
  builds.forEach((b, i) => {
    process.stdout.write(
      `  ${b.name}: first-page JS ${(firstPageGzip(b.dist) / 1024).toFixed(1)} KB gzipped; sign-in interactive ${Math.round(median(samples[i].signIn))} ms ` +
        `[${samples[i].signIn.map(Math.round).join(', ')}]; search page ${Math.round(median(samples[i].search))} ms after the purpose [${samples[i].search.map(Math.round).join(', ')}]\n`,
    );
  });
  if (builds.length === 2) process.stdout.write(`  ratio current / baseline (medians): sign-in ${(median(samples[0].signIn) / median(samples[1].signIn)).toFixed(2)}, search ${(median(samples[0].search) / median(samples[1].search)).toFixed(2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
