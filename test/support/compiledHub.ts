import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportSPKI } from 'jose';
import { HUB_NODE_FLAGS } from '../../src/server/nodeFlags';
import { TEST_AUDIENCE, TEST_ISSUER, testKeys } from './auth';

export { freePort } from '../../bench/benchDatabases';

/** Where this jest process compiles the hub (removed by global teardown). */
export function compiledHubDir(): string {
  return path.resolve('.data', `test-dist-${process.pid}`);
}

/**
 * The hub compiled as `npm run build` compiles it (tsconfig.build.json), once per jest process:
 * test files that start the shipped hub share the build. Returns the path of its main.js.
 */
export function buildCompiledHub(): string {
  const outDir = compiledHubDir();
  const main = path.join(outDir, 'src', 'main.js');
  if (!fs.existsSync(main)) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'pipe' });
  }
  return main;
}

/** The test token key as a PEM file the compiled hub can be pointed at (AUTH_PUBLIC_KEY_FILE). */
export async function testPublicKeyFile(): Promise<string> {
  const file = path.join(compiledHubDir(), 'test-public.pem');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await exportSPKI((await testKeys()).publicKey));
  return file;
}

/** A running compiled hub: its process, URL, and everything it printed so far. */
export interface CompiledHub {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts the compiled hub with plain node and the hub's Node flags, exactly as `npm start` runs it,
 * with `env` as its whole environment (tests choose NODE_ENV themselves: jest's `test` would hide
 * the production paths). Resolves once it prints its welcome; rejects if it exits first.
 */
export function startCompiledHub(main: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CompiledHub> {
  // In a process group of its own, as `npm start` is in a terminal: a test can send a signal to the
  // whole group (Ctrl-C) without reaching jest.
  const child = spawn(process.execPath, [...HUB_NODE_FLAGS, main], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the compiled hub did not serve within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /serving GraphQL at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the compiled hub exited with ${code} before serving:\n${output}`));
    });
  });
}

/**
 * The hub's environment without jest's markers (NODE_ENV=test, JEST_WORKER_ID silences the log).
 * The per-principal budgets are off (these tests load the hub as one principal; test/attacks tests
 * the budgets); `extra` may set them.
 */
export function hubEnvironment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  for (const name of ['HUB', 'POLICE', 'CIVIL', 'HEALTH']) delete env[`${name}_DATABASE_URL`];
  // Each hub's checkpoint signer gets a witness file of its own, never the developer's `.data/witness`.
  const witness = path.join(compiledHubDir(), `witness-${randomUUID()}.jsonl`);
  return { ...env, LOG_LEVEL: 'info', AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE, AUDIT_WITNESS_FILE: witness, RATE_LIMIT_REQUESTS: '0', MISS_BUDGET: '0', ...extra };
}
