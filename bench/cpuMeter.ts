import fs from 'node:fs';
import path from 'node:path';

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU milliseconds (user + system) of a process, from /proc; 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The PostgreSQL server of `dataDir` and its backends (children of the postmaster). */
export function postgresPids(dataDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster;
    } catch {
      return false;
    }
  });
  return [postmaster, ...children];
}

/**
 * Measures CPU spent by this Node process (hub and load worker) and by the benchmark's PostgreSQL
 * (server and backends) over a phase, so cost per search can be read independently of how busy
 * the machine is. Linux only; backends that exit during a phase are not counted.
 */
export function cpuMeter(dataDir: string) {
  const start = () => {
    const node = process.cpuUsage();
    const pids = postgresPids(dataDir);
    const pg = new Map(pids.map((p) => [p, processCpuMs(p)]));
    return () => {
      const n = process.cpuUsage(node);
      let pgMs = 0;
      for (const p of postgresPids(dataDir)) pgMs += processCpuMs(p) - (pg.get(p) ?? 0);
      return { nodeMs: (n.user + n.system) / 1000, postgresMs: pgMs };
    };
  };
  return { start };
}

/**
 * CPU milliseconds of the server process `pid` and of the PostgreSQL server of `dataDir` (when
 * known: an embedded cluster) from now until the returned function is called.
 */
export function serverCpu(pid: number, dataDir: string | undefined): () => { nodeMs: number; postgresMs: number } {
  const node = processCpuMs(pid);
  const pg = new Map(dataDir ? postgresPids(dataDir).map((p) => [p, processCpuMs(p)]) : []);
  return () => {
    let postgresMs = 0;
    if (dataDir) for (const p of postgresPids(dataDir)) postgresMs += processCpuMs(p) - (pg.get(p) ?? 0);
    return { nodeMs: processCpuMs(pid) - node, postgresMs: dataDir ? postgresMs : NaN };
  };
}
