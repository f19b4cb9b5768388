import { ChildProcess, fork } from 'node:child_process';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';
import { benchEntry } from './entry';
import { TARGETS, type ServerStats, type Target } from './serve';

/**
 * A target as named on the command line: a server of bench/serve.ts, optionally followed by `@<MiB>`
 * to run it with that young-generation semi-space size instead of the hub's own flag (`hub@16`,
 * `hub@32`: weighing `--max-semi-space-size` in one run).
 */
export function parseTargetSpec(spec: string): { target: Target; execArgv: string[] } {
  const [name, semi] = spec.split('@');
  if (!TARGETS.includes(name as Target) || (semi !== undefined && !/^\d+$/.test(semi))) throw new Error(`unknown target '${spec}' (${TARGETS.join(', ')}, optionally @<semi-space MiB>)`);
  const flags = semi === undefined ? [...HUB_NODE_FLAGS] : [...HUB_NODE_FLAGS.filter((f) => !f.startsWith('--max-semi-space-size')), `--max-semi-space-size=${semi}`];
  return { target: name as Target, execArgv: flags };
}

/** A server target running in its own child process (bench/serve.ts). */
export interface RunningTarget {
  /** The target as named on the command line (`hub`, `hub@16`). */
  name: string;
  target: Target;
  /** Base URL: the hub's `/graphql` endpoint, or the floor's root. */
  url: string;
  pid: number;
  /** Zeroes the server's request and query counters and its memory peak. */
  reset(): Promise<void>;
  /** The server's figures since `reset`; `label` names the window's CPU profile, if profiling. */
  stats(label?: string): Promise<ServerStats>;
  stop(): Promise<void>;
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      cleanup();
      resolve(m as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench server exited (code ${code}) while waiting for '${type}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Forks bench/serve for the target `spec` names with the hub's Node flags (compiled, as `npm start` runs the hub,
 * when the benchmark runs from dist-bench/) and waits until it listens on 127.0.0.1:`port` (0: any free port).
 * With `cpuProfileDir`, the child profiles each measured window into that directory.
 */
export async function startTarget(spec: string, env: Record<string, string>, cpuProfileDir?: string, port = 0): Promise<RunningTarget> {
  const { target, execArgv: flags } = parseTargetSpec(spec);
  const serve = benchEntry('serve');
  const execArgv = [...flags, ...serve.execArgv];
  const childEnv = { ...process.env, NODE_ENV: 'production', ...env, BENCH_SERVER_PORT: String(port), ...(cpuProfileDir ? { BENCH_PROFILE_DIR: cpuProfileDir } : {}) };
  const child = fork(serve.file, [target], { env: childEnv, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await nextMessage<{ url: string }>(child, 'ready');
  return {
    name: spec,
    target,
    url,
    pid: child.pid!,
    async reset() {
      const done = nextMessage(child, 'reset');
      child.send({ cmd: 'reset' });
      await done;
    },
    async stats(label) {
      const done = nextMessage<ServerStats>(child, 'stats');
      child.send({ cmd: 'stats', label });
      return done;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
