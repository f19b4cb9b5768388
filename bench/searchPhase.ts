import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';
import { benchEntry } from './entry';
import type { SearchWindow } from './measurement';
import { fmt, median, ratio } from './stats';

/**
 * `npm run bench`'s search phase (issues 5 and 15): bench/search.ts `--floor` in a child process per size,
 * each search against its hand-written floor (answers checked equal first, interleaved rounds, the hub-before
 * variant left out unless `before`). At the largest size the grid tag search page (a) and the name search (b)
 * at 4 and 8 clients; at every other size only (b) at 8 clients, for its latency across sizes. Each size's
 * search cluster is its own (`.data/bench-search` at 1,000,000 residents, `.data/bench-search-<N>` otherwise,
 * seeded once and kept); the child inherits BENCH_PG_PORT and BENCH_PORT_BASE (bench/search.ts's ports).
 */
export interface SearchPhaseOptions {
  /** Seconds per measured window (after a 1 s warm-up). */
  seconds: number;
  rounds: number;
  /** Also run (a)'s `hub-before` variant. */
  before: boolean;
}

/** Runs bench/search.ts at one size, echoing its output; returns the output for the report and the windows it wrote. */
function searchAt(residents: number, nameOnly: boolean, o: SearchPhaseOptions, log: (line: string) => void): Promise<{ text: string; windows: SearchWindow[] }> {
  return new Promise((resolve, reject) => {
    // 1,000,000 residents live in bench:search's own directory; other sizes get theirs, so a small run never re-seeds it.
    const dataDir = residents === 1_000_000 ? '.data/bench-search' : `.data/bench-search-${residents}`;
    const json = path.resolve('.data', `bench-search-windows-${process.pid}-${residents}.json`);
    fs.mkdirSync(path.dirname(json), { recursive: true });
    const search = benchEntry('search');
    const args = ['--residents', String(residents), '--seconds', String(o.seconds), '--rounds', String(o.rounds), '--floor', '--json', json,
      ...(o.before ? [] : ['--no-before']), ...(nameOnly ? ['--only', 'b', '--clients', '8'] : [])];
    const child = spawn(process.execPath, [...HUB_NODE_FLAGS, ...search.execArgv, search.file, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ONEFILE_DATA_DIR: dataDir },
    });
    // The in-process hub logs every request as JSON on the same stdout (as shipped, so its cost stays measured): kept out.
    let output = '';
    let partial = '';
    const take = (lines: string[]) => {
      const kept = lines.filter((l) => !l.startsWith('{"level":'));
      if (kept.length) log(kept.join('\n'));
      output += kept.map((l) => `${l}\n`).join('');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      take(lines);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      take(partial ? [partial] : []);
      if (code !== 0) return reject(new Error(`bench/search.ts exited with ${code}`));
      const windows = JSON.parse(fs.readFileSync(json, 'utf8')) as SearchWindow[];
      fs.rmSync(json, { force: true });
      const from = output.indexOf('street-staff grids');
      const text = output.slice(from < 0 ? 0 : output.lastIndexOf('\n', from) + 1).trimEnd();
      resolve({ text: [heading(residents, nameOnly, o.before), '', '```', text, '```', ''].join('\n'), windows });
    });
  });
}

function heading(residents: number, nameOnly: boolean, before: boolean): string {
  const what = nameOnly
    ? 'the name search (b) against its floor, 8 clients'
    : `the grid tag search page (a)${before ? ' (also hub-before)' : ''} and the name search (b) against their floors, 4 and 8 clients`;
  return `### Searches, ${residents.toLocaleString('en-US')} residents: ${what} (\`bench/search.ts --floor\`)`;
}

/** The name search's (b) hub and floor latency at 8 clients per size (medians over rounds), and largest / smallest. */
export function nameSearchBySize(ws: SearchWindow[]): string {
  const sizes = [...new Set(ws.filter((w) => w.search === 'b').map((w) => w.residents))].sort((a, b) => a - b);
  if (!sizes.length) return '';
  const at = (n: number, target: string, q: 'p50' | 'p99') => median(ws.filter((w) => w.search === 'b' && w.residents === n && w.target === target && w.clients === 8).map((w) => w[q]));
  const lines = ['### Name search (b) across sizes, 8 clients (medians over rounds)', ''];
  for (const n of sizes) lines.push(`- ${n.toLocaleString('en-US')} residents: hub p50 ${fmt(at(n, 'hub', 'p50'), 1)} / p99 ${fmt(at(n, 'hub', 'p99'), 1)} ms; floor p50 ${fmt(at(n, 'floor', 'p50'), 1)} / p99 ${fmt(at(n, 'floor', 'p99'), 1)} ms`);
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  if (sizes.length > 1) {
    const r = (t: string, q: 'p50' | 'p99') => ratio(at(large, t, q) / at(small, t, q));
    lines.push(`- ${large.toLocaleString('en-US')} / ${small.toLocaleString('en-US')} residents: hub p50 ${r('hub', 'p50')}, p99 ${r('hub', 'p99')}; floor p50 ${r('floor', 'p50')}, p99 ${r('floor', 'p99')}`);
  } else lines.push('- one size only: pass several to `--residents` (e.g. 10000,1000000) for the latency across sizes');
  return [...lines, ''].join('\n');
}

/**
 * The whole search phase over `sizes` (smallest first; (a) only at the largest). A size whose run fails is
 * reported as failed and the phase goes on, so the files' figures are never lost to a search error.
 */
export async function runSearchPhase(sizes: number[], o: SearchPhaseOptions, log: (line: string) => void): Promise<{ text: string; windows: SearchWindow[] }> {
  const texts: string[] = [];
  const windows: SearchWindow[] = [];
  const largest = Math.max(...sizes);
  for (const residents of [...new Set(sizes)].sort((a, b) => a - b)) {
    const nameOnly = residents !== largest;
    try {
      const done = await searchAt(residents, nameOnly, o, log);
      texts.push(done.text);
      windows.push(...done.windows);
    } catch (err) {
      log(`search phase at ${residents} residents failed: ${(err as Error).message}`);
      texts.push(heading(residents, nameOnly, o.before), '', `**Failed**: ${(err as Error).message} (its targets say "not run").`, '');
    }
  }
  return { text: [...texts, nameSearchBySize(windows)].join('\n'), windows };
}
