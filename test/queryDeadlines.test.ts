import knexFactory, { Knex } from 'knex';
import { knexConfig } from '../knexfile';
import { closeDatabases, Databases, openDatabases } from '../src/db/databases';
import { readSourceLimits } from '../src/db/sourceLimits';
import { runSql } from '../src/sources/runSql';
import { openOwnerTestDatabases, testDatabaseUrls } from './support/testDatabases';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('query deadlines on the serving pools', () => {
  let owner: Databases;
  beforeAll(() => {
    owner = openOwnerTestDatabases();
  });
  afterAll(() => closeDatabases(owner));

  it("drops a pooled connection whose knex-built query outran pg's query_timeout: its query is cancelled and the next query gets a fresh connection at once", async () => {
    const limits = { ...readSourceLimits({}), statementTimeoutMs: 20_000, queryTimeoutMs: 300 };
    const db: Knex = knexFactory(knexConfig('police', testDatabaseUrls().police, { min: 0, max: 1 }, limits));
    try {
      const first = (await db.raw('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      await expect(db.raw('SELECT pg_sleep(5)')).rejects.toThrow(/Query read timeout/);
      // Without abandoning, this would wait on the same connection behind the 5 s sleep.
      const started = Date.now();
      const next = (await db.raw('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      expect(next).not.toBe(first);
      expect(Date.now() - started).toBeLessThan(4000);
      let stillSleeping = true;
      for (let i = 0; i < 30 && stillSleeping; i++, await sleep(100)) {
        const { rows } = await owner.police.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ? AND state = 'active' AND query LIKE '%pg_sleep(5)%'", [first]);
        stillSleeping = rows[0].n > 0;
      }
      expect(stillSleeping).toBe(false);
    } finally {
      await db.destroy();
    }
  });

  it('starts a source call\'s query deadline once it has its connection: a call that queued for the pool still gets its whole query time', async () => {
    const limits = { ...readSourceLimits({}), connectTimeoutMs: 2000, acquireTimeoutMs: 5000, statementTimeoutMs: 10_000, queryTimeoutMs: 1000 };
    const dbs = openDatabases(testDatabaseUrls(), { poolMax: 1, limits });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const isHeld = new Promise<void>((r) => (holding = r));
      // The pool's only connection, held (idle in a transaction) for 900 ms.
      const holder = dbs.police.transaction(async (trx) => {
        await trx.raw('SELECT 1');
        holding();
        await held;
      });
      await isHeld;
      setTimeout(release, 900);
      const started = Date.now();
      // 900 ms waiting for the connection + 300 ms of query: past a deadline counted from the call's start, within one counted from acquire.
      const rows = await runSql<{ ok: number }>(dbs.police, 'SELECT 1 AS ok FROM pg_sleep(0.3)', []);
      expect(rows).toEqual([{ ok: 1 }]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
      await holder;
    } finally {
      await closeDatabases(dbs);
    }
  });
});
