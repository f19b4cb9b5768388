import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_NAMES, databaseUrlVariable } from '../src/config';
import { buildCompiledHub, CompiledHub, hubEnvironment, startCompiledHub } from './support/compiledHub';
import { ensureConsoleBuilt } from './support/browser';
import { postGraphQL } from './support/http';
import { testDatabaseUrls } from './support/testDatabases';

/**
 * The console as `npm start` ships it: the compiled hub finds web/dist and serves it at `/`; in
 * development (its own dev key pair, NODE_ENV unset) `/dev/token` signs tokens that very hub accepts.
 * Production has no `/dev/` route: startup refuses development keys there (src/startup/mode.ts), and
 * consoleOptions never enables dev tokens under NODE_ENV=production (consoleServer.test.ts).
 */
describe('the console on the compiled hub', () => {
  let keysDir: string;
  const hubs: CompiledHub[] = [];

  async function start(extra: NodeJS.ProcessEnv): Promise<{ hub: CompiledHub; origin: string }> {
    // Checkpoints go into the suite's shared access log: sign them with the suite's key (the dev token
    // keys come from keysDir), or the other tests' chain verification would see a foreign signature.
    const env = hubEnvironment({
      PORT: '0', ONEFILE_KEYS_DIR: keysDir, AUDIT_SIGNING_KEY_FILE: path.join(process.env.ONEFILE_TEST_KEYS_DIR!, 'audit-signing-private.pem'), ...extra,
    });
    delete env.AUTH_ISSUER;
    delete env.AUTH_AUDIENCE;
    const urls = testDatabaseUrls();
    for (const name of DATABASE_NAMES) env[databaseUrlVariable(name)] = urls[name];
    const hub = await startCompiledHub(buildCompiledHub(), env);
    hubs.push(hub);
    return { hub, origin: hub.url.replace(/\/graphql$/, '') };
  }

  beforeAll(() => {
    ensureConsoleBuilt();
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-console-keys-'));
  });

  afterAll(() => {
    for (const hub of hubs) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('in development serves the console and signs tokens on its dev keys that the same hub accepts', async () => {
    const { hub, origin } = await start({});
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    // The first page with its boot script inline, importing the console by URL, and the development choices.
    const html = await page.text();
    expect(html).toMatch(/<script type="module">(?:(?!<\/script>)[\s\S])*import\("\/assets\/main-[^"]+\.js"\)/);
    expect(html).toContain('<script type="application/json" id="onefile-dev-principals">');
    const res = await fetch(`${origin}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'STREET_STAFF', grids: ['110101001001-G01'] }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const viewer = await postGraphQL(hub.url, '{ viewer { role clientApp grids { id } } }', undefined, { authorization: `Bearer ${token}` });
    expect(viewer.data).toEqual({ viewer: { role: 'STREET_STAFF', clientApp: 'onefile-console', grids: [{ id: '110101001001-G01' }] } });
    hub.child.kill('SIGTERM');
    await hub.exited;
  }, 180_000);
});
