import { ChildProcess, fork } from 'node:child_process';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';
import { benchEntry } from './entry';
import type { ServerStats, Target } from './serve';

/** A server target running in its own child process (bench/serve.ts). */
export interface RunningTarget {
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
 * Forks bench/serve for `target` with the hub's Node flags (compiled, as `npm start` runs the hub,
 * when the benchmark runs from dist-bench/) and waits until it listens. With `cpuProfileDir`, the child
 * profiles each measured window into that directory.
 */
export async function startTarget(target: Target, env: Record<string, string>, cpuProfileDir?: string): Promise<RunningTarget> {
  const serve = benchEntry('serve');
  const execArgv = [...HUB_NODE_FLAGS, ...serve.execArgv];
  const childEnv = { ...process.env, ...env, ...(cpuProfileDir ? { BENCH_PROFILE_DIR: cpuProfileDir } : {}) };
  const child = fork(serve.file, [target], { env: childEnv, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await nextMessage<{ url: string }>(child, 'ready');
  return {
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
