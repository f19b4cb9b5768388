import { closeDatabases, Databases, openDatabases } from '../src/db/databases';
import { readSourceLimits } from '../src/db/sourceLimits';
import { startHub } from '../src/hub';
import type { HttpHub } from '../src/server/httpServer';
import { Shutdown } from '../src/server/shutdown';
import { EMERGENCY_OFFICER, headersFor, testAuthSettings } from './support/auth';
import { openOwnerTestDatabases, testDatabaseUrls } from './support/testDatabases';

const NAME = 'query Name($id: ID!) { person(id: $id) { name } }';

/** The shutdown path in-process (the compiled hub's signals: productionHub.test.ts, embeddedShutdown.test.ts). */
describe('the shutdown path', () => {
  let dbs: Databases;
  let owner: Databases;
  let hub: HttpHub;
  let personId: string;

  beforeAll(async () => {
    // Source deadlines longer than the drain budget, so the locked read below is still running when
    // the drain deadline comes (with the defaults its statement timeout would answer it first).
    dbs = openDatabases(testDatabaseUrls(), { poolMax: 5, limits: { ...readSourceLimits({}), statementTimeoutMs: 20_000, queryTimeoutMs: 20_000 } });
    owner = openOwnerTestDatabases();
    hub = await startHub(dbs, { port: 0, auth: await testAuthSettings() });
    personId = (await dbs.hub('person_index').orderBy('id_number').offset(3).first()).id;
  });
  afterAll(async () => {
    await hub.close();
    await closeDatabases(owner);
  });

  it('cuts a request still running at the drain deadline, runs every step in reverse order, and exits within the budget', async () => {
    const exits: number[] = [];
    const order: string[] = [];
    const budgetMs = 3000;
    const shutdown = new Shutdown({ budgetMs, exit: (code) => exits.push(code) });
    shutdown.add('last registered last run', async () => void order.push('owner'));
    shutdown.add('serving pools', async () => {
      order.push('pools');
      await closeDatabases(dbs);
    });
    shutdown.add('hub', async () => {
      order.push('hub');
      await hub.close();
    });
    shutdown.serving(hub.drain);
    let code = -1;
    let tookMs = 0;
    let held: Promise<number | string> | undefined;
    await owner.police.transaction(async (trx) => {
      // The police table locked past the deadline: the request reading a name cannot finish.
      await trx.raw('LOCK TABLE persons IN ACCESS EXCLUSIVE MODE');
      held = fetch(hub.url, { method: 'POST', headers: { ...(await headersFor(EMERGENCY_OFFICER)), 'content-type': 'application/json' }, body: JSON.stringify({ query: NAME, variables: { id: personId } }) })
        .then((r) => r.status, () => 'cut');
      for (let waiting = 0; waiting < 1; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        waiting = (await owner.police.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rows[0].n;
      }
      const started = Date.now();
      code = await shutdown.run('test');
      tookMs = Date.now() - started;
      expect(await shutdown.run('again')).toBe(code);
    });
    expect(await held).toBe('cut');
    expect(order).toEqual(['hub', 'pools', 'owner']);
    // The serving pool waited for the connection the cut request held, past its share: unclean, so exit 1.
    expect(exits).toEqual([code]);
    expect(code).toBe(1);
    expect(tookMs).toBeLessThan(budgetMs + 500);
  });
});
