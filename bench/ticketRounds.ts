/**
 * Interleaved load windows for bench/tickets.ts: household file reads and ticket transitions in
 * turn, at the same concurrency, with the CPU the hub (this process) and its PostgreSQL spent per
 * answered request, so the ratio holds while other work shares the machine.
 */
import { cpuMeter } from './cpuMeter';
import { LoadRequest, LoadResult, measureLoad } from './load';
import { fmt, median } from './stats';

export interface Window extends LoadResult {
  nodeMsPerRequest: number;
  postgresMsPerRequest: number;
}

export interface RoundsOptions {
  origin: string;
  dataDir: string;
  connections: number;
  seconds: number;
  rounds: number;
  read: { headers: Record<string, string>; requests: LoadRequest[] };
  write: { headers: Record<string, string>; requests: LoadRequest[] };
}

const ok = (body: string) => !body.includes('"errors"');

/**
 * Runs a discarded warm-up pair, then `rounds` pairs (read window, write window). Writes are used
 * once each: every window takes the next unused slice (what a window may have sent, plus a margin
 * for requests in flight at its end). Returns the measured pairs.
 */
export async function interleaved(o: RoundsOptions, log: (line: string) => void): Promise<Array<{ read: Window; write: Window }>> {
  const meter = cpuMeter(o.dataDir);
  let used = 0;
  const window = async (headers: Record<string, string>, requests: LoadRequest[], seconds: number): Promise<Window> => {
    const stop = meter.start();
    const r = await measureLoad({ origin: o.origin, headers, requests, connections: o.connections, seconds, warmupSeconds: 0, verifyBody: ok });
    const cpu = stop();
    return { ...r, nodeMsPerRequest: cpu.nodeMs / r.ok, postgresMsPerRequest: cpu.postgresMs / r.ok };
  };
  const writeWindow = async (seconds: number) => {
    const slice = o.write.requests.slice(used);
    if (slice.length < o.connections * 50) throw new Error(`only ${slice.length} fresh tickets left for a transition window`);
    const w = await window(o.write.headers, slice, seconds);
    used += w.ok + w.bad + 4 * o.connections;
    return w;
  };
  await window(o.read.headers, o.read.requests, 2);
  await writeWindow(2);
  const pairs: Array<{ read: Window; write: Window }> = [];
  const line = (w: Window) => `${fmt(w.rps, 0).padStart(4)}/s  p50 ${fmt(w.p50).padStart(7)} ms  p99 ${fmt(w.p99).padStart(7)} ms  CPU ${fmt(w.nodeMsPerRequest)} + ${fmt(w.postgresMsPerRequest)} ms/req  bad ${w.bad}`;
  for (let i = 1; i <= o.rounds; i++) {
    const read = await window(o.read.headers, o.read.requests, o.seconds);
    log(`  round ${i} household read     ${line(read)}`);
    const write = await writeWindow(o.seconds);
    log(`  round ${i} ticket transition  ${line(write)}`);
    pairs.push({ read, write });
  }
  const m = (f: (p: { read: Window; write: Window }) => number) => median(pairs.map(f));
  log(`  medians of the per-round ratios, transition / household read (target ≤ 2x):`);
  log(`    p50 latency       ${fmt(m((p) => p.write.p50 / p.read.p50))}x  (medians ${fmt(m((p) => p.write.p50))} vs ${fmt(m((p) => p.read.p50))} ms)`);
  log(`    time per request  ${fmt(m((p) => p.read.rps / p.write.rps))}x  (throughput ${fmt(m((p) => p.write.rps), 0)} vs ${fmt(m((p) => p.read.rps), 0)} req/s)`);
  log(`    Node CPU/req      ${fmt(m((p) => p.write.nodeMsPerRequest / p.read.nodeMsPerRequest))}x  (${fmt(m((p) => p.write.nodeMsPerRequest))} vs ${fmt(m((p) => p.read.nodeMsPerRequest))} ms)`);
  log(`    PostgreSQL CPU/req ${fmt(m((p) => p.write.postgresMsPerRequest / p.read.postgresMsPerRequest))}x  (${fmt(m((p) => p.write.postgresMsPerRequest))} vs ${fmt(m((p) => p.read.postgresMsPerRequest))} ms)`);
  return pairs;
}
