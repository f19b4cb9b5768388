import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DatabaseUrls } from '../../src/config';
import { HUB_NODE_FLAGS } from '../../src/server/nodeFlags';

/**
 * The environment a compiled child starts from: this process's, minus everything that configures
 * OneFile (so a test states every setting it means) and with NODE_ENV and jest's markers unset.
 */
export function cleanEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(NODE_ENV|JEST_WORKER_ID|PORT|HOST|LOG_LEVEL|INTROSPECTION|ONEFILE_|AUTH_|AUDIT_|EMBEDDED_PG_PORT|HUB_APP_|METRICS_TOKEN|CASE_NUMBER_PATTERN|REDIS_URL|CORS_ORIGINS|RATE_LIMIT_|MISS_BUDGET)|_DATABASE_URL$/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...overrides };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled script (`dist`-relative, e.g. `src/main.js`) to its end; killed after `timeoutMs`. */
export function runCompiled(outDir: string, script: string, env: NodeJS.ProcessEnv, args: string[] = [], timeoutMs = 30_000): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...HUB_NODE_FLAGS, path.join(outDir, script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** An embedded cluster run by a child process (jest's VM cannot import the ESM-only package). */
export interface ClusterProcess {
  urls: DatabaseUrls;
  stop(): Promise<void>;
}

/**
 * Starts an extra embedded PostgreSQL through the compiled `startEmbeddedPostgres` in a plain
 * node child: it prints the databases' URLs, and stops the cluster (removing its data) on SIGTERM.
 */
export function startClusterProcess(outDir: string, dataDir: string, port: number, prefix: string): Promise<ClusterProcess> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(outDir, 'src', 'db', 'embeddedPostgres.js'))});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, prefix: ${JSON.stringify(prefix)}, persistent: false }).then((c) => {
      process.stdout.write('URLS ' + JSON.stringify(c.urls) + '\\n');
      process.on('SIGTERM', () => c.stop().then(() => process.exit(0)));
    }, (err) => { process.stderr.write(String(err && err.message) + '\\n'); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /^URLS (.+)$/m.exec(out);
      if (match) resolve({ urls: JSON.parse(match[1]) as DatabaseUrls, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then(() => reject(new Error(`the cluster process exited: ${out}`)));
  });
}
