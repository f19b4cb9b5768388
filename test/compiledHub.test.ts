import { DATABASE_NAMES, databaseUrlVariable } from '../src/config';
import fs from 'node:fs';
import path from 'node:path';
import { checkpointSignatureValid } from '../src/audit/checkpoints';
import { FileWitness } from '../src/audit/witness';
import { closeDatabases } from '../src/db/databases';
import { TEST_AUDIENCE, TEST_ISSUER, testCheckpointKeys, testToken } from './support/auth';
import { buildCompiledHub, CompiledHub, compiledHubDir, startCompiledHub, testPublicKeyFile } from './support/compiledHub';
import { postGraphQL } from './support/http';
import { openOwnerTestDatabases, testDatabaseUrls } from './support/testDatabases';

/**
 * The hub as `npm start` serves it: compiled by tsc with tsconfig.build.json and run by plain node
 * with the hub's Node flags, so its migrations load as .js files (and must still be known by their
 * .ts names) and nothing reaches for ts-node or a dev dependency. Jest itself runs the sources.
 * (Production mode and draining under load: productionHub.test.ts, embeddedShutdown.test.ts.)
 */
describe('the compiled hub', () => {
  let hub: CompiledHub;
  const witnessFile = path.join(compiledHubDir(), 'compiled-hub-witness.jsonl');

  beforeAll(async () => {
    const main = buildCompiledHub();
    const urls = testDatabaseUrls();
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: '0', AUTH_PUBLIC_KEY_FILE: await testPublicKeyFile(), AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE,
      ONEFILE_KEYS_DIR: process.env.ONEFILE_TEST_KEYS_DIR, AUDIT_WITNESS_FILE: witnessFile,
    };
    for (const name of DATABASE_NAMES) env[databaseUrlVariable(name)] = urls[name];
    hub = await startCompiledHub(main, env);
  }, 120_000);

  afterAll(() => {
    if (hub?.child.exitCode === null) hub.child.kill('SIGKILL');
  });

  it('starts on the migrated test databases and answers a street worker\'s tag search, ID numbers masked', async () => {
    const token = await testToken({ role: 'STREET_STAFF', subject: 'compiled-hub-test', grids: ['110101001001-G01'] });
    const res = await postGraphQL(hub.url, '{ searchHouseholds(filter: { tags: [ELDERLY_LIVING_ALONE] }, first: 3) { totalCount edges { node { size members { idNumber } } } } }', undefined, {
      authorization: `Bearer ${token}`, 'x-purpose': 'HOME_VISIT',
    });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchHouseholds.totalCount).toBeGreaterThan(0);
    const ids = res.data!.searchHouseholds.edges.flatMap((e: { node: { members: Array<{ idNumber: string }> } }) => e.node.members.map((m) => m.idNumber));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{12}$/);
  });

  /** The hub's child processes: pid and command line. */
  function hubChildren(): Array<{ pid: number; command: string }> {
    return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try {
        if (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] !== String(hub.child.pid)) return [];
        return [{ pid: Number(pid), command: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') }];
      } catch {
        return [];
      }
    });
  }
  const signerEntry = () => path.join(compiledHubDir(), 'src', 'audit', 'signerMain.js');

  it('signs checkpoints in a process of its own (a child of the hub running the compiled signer), restarted if it dies', async () => {
    const [signer] = hubChildren();
    expect(hubChildren()).toEqual([{ pid: expect.any(Number), command: expect.stringContaining(signerEntry()) }]);
    process.kill(signer.pid, 'SIGKILL');
    let next: Array<{ pid: number; command: string }> = [];
    for (let i = 0; i < 100 && !next.some((c) => c.pid !== signer.pid && c.command.includes(signerEntry())); i++) {
      await new Promise((r) => setTimeout(r, 200));
      next = hubChildren();
    }
    expect(next).toEqual([{ pid: expect.any(Number), command: expect.stringContaining(signerEntry()) }]);
    expect(next[0].pid).not.toBe(signer.pid);
  }, 30_000);

  it('stops cleanly on SIGTERM, its signer witnessing the final chain head', async () => {
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    const owner = openOwnerTestDatabases();
    try {
      const head = await owner.hub('access_log_head').first();
      const witnessed = await new FileWitness(witnessFile).latest();
      expect(witnessed).toMatchObject({ seq: Number(head.seq), hash: head.hash });
      expect(checkpointSignatureValid(testCheckpointKeys().publicKey, witnessed!)).toBe(true);
    } finally {
      await closeDatabases(owner);
    }
  });
});
