import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exportSPKI } from 'jose';
import { DATABASE_NAMES, databaseUrlVariable } from '../src/config';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';
import { TEST_AUDIENCE, TEST_ISSUER, testKeys, testToken } from './support/auth';
import { postGraphQL } from './support/http';
import { testDatabaseUrls } from './support/testDatabases';

/** Resolves with the hub's URL once the process prints its welcome; rejects if it exits first. */
function servingUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /serving GraphQL at (\S+)/.exec(output());
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the compiled hub exited with ${code} before serving:\n${output()}`)));
  });
}

/**
 * The hub as `npm start` serves it: compiled by tsc with tsconfig.build.json and run by plain node
 * with the hub's Node flags, so its migrations load as .js files (and must still be known by their
 * .ts names) and nothing reaches for ts-node or a dev dependency. Jest itself runs the sources.
 */
describe('the compiled hub', () => {
  const outDir = path.resolve('.data', `test-dist-${process.pid}`);
  let child: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    fs.rmSync(outDir, { recursive: true, force: true });
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'pipe' });
    const publicKeyFile = path.join(outDir, 'test-public.pem');
    fs.writeFileSync(publicKeyFile, await exportSPKI((await testKeys()).publicKey));
    const urls = testDatabaseUrls();
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: '0', AUTH_PUBLIC_KEY_FILE: publicKeyFile, AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE,
      ONEFILE_KEYS_DIR: process.env.ONEFILE_TEST_KEYS_DIR,
    };
    for (const name of DATABASE_NAMES) env[databaseUrlVariable(name)] = urls[name];
    child = spawn(process.execPath, [...HUB_NODE_FLAGS, path.join(outDir, 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    url = await servingUrl(child, () => output);
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('starts on the migrated test databases and answers a street worker\'s tag search, ID numbers masked', async () => {
    const token = await testToken({ role: 'STREET_STAFF', subject: 'compiled-hub-test', grids: ['110101001001-G01'] });
    const res = await postGraphQL(url, '{ searchHouseholds(filter: { tags: [ELDERLY_LIVING_ALONE] }, first: 3) { totalCount edges { node { size members { idNumber } } } } }', undefined, {
      authorization: `Bearer ${token}`, 'x-purpose': 'HOME_VISIT',
    });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchHouseholds.totalCount).toBeGreaterThan(0);
    const ids = res.data!.searchHouseholds.edges.flatMap((e: { node: { members: Array<{ idNumber: string }> } }) => e.node.members.map((m) => m.idNumber));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
