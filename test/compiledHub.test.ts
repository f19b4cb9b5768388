import { DATABASE_NAMES, databaseUrlVariable } from '../src/config';
import { TEST_AUDIENCE, TEST_ISSUER, testToken } from './support/auth';
import { buildCompiledHub, CompiledHub, startCompiledHub, testPublicKeyFile } from './support/compiledHub';
import { postGraphQL } from './support/http';
import { testDatabaseUrls } from './support/testDatabases';

/**
 * The hub as `npm start` serves it: compiled by tsc with tsconfig.build.json and run by plain node
 * with the hub's Node flags, so its migrations load as .js files (and must still be known by their
 * .ts names) and nothing reaches for ts-node or a dev dependency. Jest itself runs the sources.
 * (Production mode and draining under load: productionHub.test.ts, embeddedShutdown.test.ts.)
 */
describe('the compiled hub', () => {
  let hub: CompiledHub;

  beforeAll(async () => {
    const main = buildCompiledHub();
    const urls = testDatabaseUrls();
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: '0', AUTH_PUBLIC_KEY_FILE: await testPublicKeyFile(), AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE,
      ONEFILE_KEYS_DIR: process.env.ONEFILE_TEST_KEYS_DIR,
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

  it('stops cleanly on SIGTERM', async () => {
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });
});
