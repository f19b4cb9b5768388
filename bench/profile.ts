/**
 * `npx ts-node --transpile-only bench/profile.ts FILE.cpuprofile [--top N]`: summarises a V8 CPU
 * profile written by `node --cpu-prof`: the functions with the most self time, and self time
 * grouped by package (node_modules/<pkg>), project folder or node internals. `--callers NAME`
 * also prints the most common call paths (leaf first) of samples whose leaf function matches NAME.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script belongs: `pkg:<name>`, the project folder (`src/policy`), or `node` internals. */
export function areaOf(url: string): string {
  if (!url) return '(native / vm)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  if (url.startsWith('node:')) return 'node';
  const own = /\/(src|bench|seeds)\/((?:[^/]+\/)?)/.exec(url);
  return own ? `${own[1]}/${own[2].replace(/\/$/, '')}`.replace(/\/$/, '') : url;
}

/** Self time in ms per function (name + location) and per area, from a profile's samples. */
export function selfTimes(profile: CpuProfile): { total: number; byFunction: Map<string, number>; byArea: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const file = url.replace(/^.*\/(node_modules|src|bench|seeds)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byArea.set(areaOf(url), (byArea.get(areaOf(url)) ?? 0) + ms);
    total += ms;
  });
  return { total, byFunction, byArea };
}

/** The most common call paths (`depth` frames, leaf first) of samples whose leaf function name matches `pattern`. */
export function callersOf(profile: CpuProfile, pattern: RegExp, depth = 8): Map<string, number> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const paths = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!pattern.test(nodes.get(id)!.callFrame.functionName)) return;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined && frames.length < depth; at = parent.get(at)) {
      const f = nodes.get(at)!.callFrame;
      frames.push(`${f.functionName || '(anon)'}@${f.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${f.lineNumber + 1}`);
    }
    const key = frames.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return paths;
}

function top(map: Map<string, number>, n: number, total: number): string[] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, callers: { type: 'string' } } });
  if (!positionals.length) {
    process.stderr.write('usage: ts-node bench/profile.ts FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  for (const file of positionals) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const { total, byFunction, byArea } = selfTimes(profile);
    const n = Number(values.top);
    process.stdout.write([`${file}: ${total.toFixed(0)} ms sampled`, '', 'self time by area:', ...top(byArea, 15, total), '', `top ${n} functions by self time:`, ...top(byFunction, n, total), ''].join('\n'));
    if (values.callers) {
      process.stdout.write([`\ncall paths of ${values.callers} (leaf first):`, ...top(callersOf(profile, new RegExp(values.callers)), 8, total), ''].join('\n'));
    }
  }
}
