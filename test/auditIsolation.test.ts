import { Client } from 'pg';
import { openDatabases } from '../src/db/databases';
import { readSourceLimits } from '../src/db/sourceLimits';
import { EMERGENCY_OFFICER, headersFor } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { testDatabaseUrls } from './support/testDatabases';

/** A past month's partition: appends (today) never touch it, auditor reads of January do. */
const JANUARY = { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z', partition: 'access_log_2026_01' };
const AUDIT_QUERY = `query($from: DateTimeISO!, $to: DateTimeISO!) { accessLog(filter: { from: $from, to: $to }, first: 5) { totalCount } }`;

async function waitingAuditReads(admin: Client): Promise<number> {
  const { rows } = await admin.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'onefile_app' AND wait_event_type = 'Lock' AND query ILIKE '%access_log%'",
  );
  return rows[0].n;
}

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('auditor and resident-history reads are isolated from resident reads and the access-log append', () => {
  let t: TestHub;
  beforeAll(async () => {
    // A long audit statement timeout, so only the client leaving can end the blocked reads.
    t = await startTestHub(openDatabases(testDatabaseUrls(), { poolMax: 5, limits: { ...readSourceLimits({}), auditReadPoolMax: 2, auditStatementTimeoutMs: 30_000 } }));
  });
  afterAll(() => t.close());

  it('serves resident files while every audit-read connection is stuck, and cancels the stuck reads in the database when their clients leave', async () => {
    const admin = new Client({ connectionString: testDatabaseUrls().hub });
    await admin.connect();
    const locker = new Client({ connectionString: testDatabaseUrls().hub });
    await locker.connect();
    const auditorHeaders = { 'content-type': 'application/json', ...(await headersFor({ role: 'AUDITOR', subject: 'stuck-auditor' })) };
    const controllers = Array.from({ length: 4 }, () => new AbortController());
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${JANUARY.partition} IN ACCESS EXCLUSIVE MODE`);
      const stuck = controllers.map((c) =>
        fetch(t.hub.url, { method: 'POST', headers: auditorHeaders, body: JSON.stringify({ query: AUDIT_QUERY, variables: JANUARY }), signal: c.signal }).catch(() => 'aborted'),
      );
      // Both audit-read connections wait on the lock (the other two calls queue for the pool).
      expect(await eventually(async () => (await waitingAuditReads(admin)) === 2, 10_000)).toBe(true);

      // Resident reads and their access-log appends do not share the audit pool: they are served.
      const { rows } = await admin.query('SELECT id FROM household_index ORDER BY household_no LIMIT 3');
      for (const { id } of rows) {
        const res = await t.as(EMERGENCY_OFFICER)('query($id: ID!) { household(id: $id) { members { name } } }', { id });
        expect(res.status).toBe(200);
        expect(res.errors).toBeUndefined();
      }

      // The auditors leave: their statements are cancelled now, not after 30 s (the lock is still held).
      for (const c of controllers) c.abort();
      await Promise.all(stuck);
      expect(await eventually(async () => (await waitingAuditReads(admin)) === 0, 5_000)).toBe(true);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await Promise.all([locker.end(), admin.end()]);
    }
    // The pool is usable again at once.
    const after = await t.as({ role: 'AUDITOR', subject: 'auditor-after' })(AUDIT_QUERY, JANUARY);
    expect(after.errors).toBeUndefined();
  });
});
