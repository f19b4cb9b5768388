import { Client } from 'pg';
import type { DatabaseUrls } from '../src/config';
import { openDatabases } from '../src/db/databases';
import { readSourceLimits, SourceLimits } from '../src/db/sourceLimits';
import { sourceHealthOf, SourceEvent } from '../src/sources/sourceHealth';
import { EMERGENCY_OFFICER, headersFor } from './support/auth';
import { FaultCluster, startFaultCluster } from './support/faultCluster';
import { startTestHub, TestHub } from './support/http';
import { openOwnerTestDatabases, testDatabaseUrls } from './support/testDatabases';

const FILE = `query($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) {
    name
    civilAffairs { maritalStatus }
    health { familyDoctor { clinic } chronicConditions { icd10 } }
  }
}`;

/** Short deadlines, so each fault costs the test about a second (defaults: see the first test). */
const QUICK: SourceLimits = {
  ...readSourceLimits({}),
  connectTimeoutMs: 400, acquireTimeoutMs: 600, statementTimeoutMs: 600, queryTimeoutMs: 900, circuitFailures: 3, circuitHalfOpenMs: 1500,
};

interface Answer {
  status: number;
  ms: number;
  requestId: string;
  body: { data?: any; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
}

async function ask(t: TestHub, idNumber: string): Promise<Answer> {
  const headers = { 'content-type': 'application/json', ...(await headersFor(EMERGENCY_OFFICER)) };
  const started = performance.now();
  const res = await fetch(t.hub.url, { method: 'POST', headers, body: JSON.stringify({ query: FILE, variables: { idNumber } }) });
  const body = (await res.json()) as Answer['body'];
  return { status: res.status, ms: performance.now() - started, requestId: res.headers.get('x-request-id')!, body };
}

/** The department a field error names, by path (e.g. `health.familyDoctor` → SOURCE_UNAVAILABLE). */
function errorCodes(a: Answer): Record<string, unknown> {
  return Object.fromEntries((a.body.errors ?? []).map((e) => [(e.path ?? []).slice(1).join('.'), e.extensions?.code]));
}

async function recordOf(hubUrl: string, requestId: string): Promise<Record<string, any>> {
  const client = new Client({ connectionString: hubUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT outcome, disclosures, decisions, residents::text[] AS residents FROM access_log WHERE request_id = $1', [requestId]);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Waits until `check` holds, polling; gives up after `ms`. */
async function eventually(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('a department that hangs, locks, stops or fails costs only its own fields', () => {
  let fault: FaultCluster;
  let main: DatabaseUrls;
  let idNumber: string;
  /** A hub whose health database is the fault cluster's copy. */
  let healthHub: TestHub;
  let events: SourceEvent[];

  beforeAll(async () => {
    fault = await startFaultCluster();
    main = testDatabaseUrls();
    const owner = openOwnerTestDatabases();
    try {
      const { rows } = await owner.health.raw(
        'SELECT f.id_number FROM family_doctor_contracts f JOIN chronic_conditions c USING (id_number) ORDER BY 1 LIMIT 1',
      );
      idNumber = rows[0].id_number;
    } finally {
      await owner.hub.destroy();
      await Promise.all([owner.police.destroy(), owner.civil.destroy(), owner.health.destroy()]);
    }
    healthHub = await startTestHub(openDatabases({ ...main, health: fault.urls.health }, { poolMax: 5, limits: QUICK }));
    events = [];
    sourceHealthOf(healthHub.dbs.hub)!.subscribe((e) => events.push(e));
  }, 120_000);

  afterAll(async () => {
    await healthHub?.close();
    await fault?.close();
  });

  it('serves the whole file while the health cluster is healthy', async () => {
    const a = await ask(healthHub, idNumber);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data.personByIdNumber.health.familyDoctor).not.toBeNull();
  });

  it('answers SOURCE_UNAVAILABLE on the health fields of a hung (SIGSTOPped) health database within the default 2 s, with the rest of the file, and records them FAILED', async () => {
    const hub = await startTestHub(openDatabases({ ...main, health: fault.urls.health }, { poolMax: 5 }));
    try {
      await ask(hub, idNumber); // a pooled connection that will hang mid-query
      fault.hang();
      try {
        const a = await ask(hub, idNumber);
        expect(a.status).toBe(200);
        expect(a.body.data.personByIdNumber.name).toEqual(expect.any(String));
        expect(a.body.data.personByIdNumber.civilAffairs.maritalStatus).toEqual(expect.any(String));
        expect(a.body.data.personByIdNumber.health.familyDoctor).toBeNull();
        expect(errorCodes(a)).toEqual({ 'health.familyDoctor': 'SOURCE_UNAVAILABLE', 'health.chronicConditions': 'SOURCE_UNAVAILABLE' });
        // The default deadline (DB_QUERY_TIMEOUT_MS 1500, counted once the pooled connection is taken) answers within
        // the 2 s the issue asks for (it was 99 s).
        expect(a.ms).toBeLessThan(2000);

        const record = await recordOf(main.hub, a.requestId);
        expect(record.outcome).toBe('PARTIAL');
        expect(record.decisions).toContain('FAILED');
        const [group] = record.disclosures;
        expect(group.FAILED).toEqual(['HealthSection.chronicConditions', 'HealthSection.familyDoctor', 'Person.health']);
        expect(group.ALLOW).toEqual(expect.arrayContaining(['Person.name', 'Person.civilAffairs', 'CivilAffairs.maritalStatus']));
        expect(group.ALLOW.filter((k: string) => k.startsWith('Health') || k === 'Person.health')).toEqual([]);
      } finally {
        fault.resume();
      }
      // The resident's own history lists what was read, never the fields whose source failed.
      const record = await recordOf(main.hub, (await ask(hub, idNumber)).requestId);
      const resident = healthHub.as({ role: 'RESIDENT', subject: record.residents[0], purpose: 'SELF_SERVICE' });
      const mine = await resident('{ myAccessLog(first: 5) { edges { node { fields { field decision } } } } }');
      const entries = mine.data!.myAccessLog.edges.map((e: { node: { fields: Array<{ field: string }> } }) => e.node.fields.map((f) => f.field));
      expect(entries.length).toBeGreaterThanOrEqual(2);
      expect(entries[0]).toContain('HealthSection.familyDoctor'); // the healthy read just now
      expect(entries[1]).toContain('Person.name'); // the read while health hung
      expect(entries[1].filter((f: string) => f.startsWith('Health') || f === 'Person.health')).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('opens the circuit after repeated failures and answers at once, probes after the half-open delay, and closes when the department is back — without a restart', async () => {
    const health = sourceHealthOf(healthHub.dbs.hub)!;
    fault.hang();
    try {
      for (let i = 0; i < QUICK.circuitFailures && health.states().health === 'closed'; i++) await ask(healthHub, idNumber);
      expect(health.states().health).toBe('open');
      expect(health.degraded()).toEqual(['health']);
      const open = await ask(healthHub, idNumber);
      expect(errorCodes(open)['health.familyDoctor']).toBe('SOURCE_UNAVAILABLE');
      expect(open.body.data.personByIdNumber.name).toEqual(expect.any(String));
      expect(open.ms).toBeLessThan(QUICK.queryTimeoutMs); // refused at once, not after a deadline
      expect(events.some((e) => e.kind === 'call' && e.source === 'health' && e.circuitOpen)).toBe(true);
      expect(events.some((e) => e.kind === 'call' && e.source === 'health' && e.timedOut)).toBe(true);
      // Readiness shows the open circuit as that department down, the hub still ready.
      const ready = await fetch(healthHub.hub.url.replace('/graphql', '/readyz'));
      const body = (await ready.json()) as { status: string; departments: Record<string, string> };
      expect(ready.status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.departments.health).toBe('down');
      expect(body.departments.civil).toBe('up');
    } finally {
      fault.resume();
    }
    const recovered = await eventually(async () => (await ask(healthHub, idNumber)).body.errors === undefined, 15_000);
    expect(recovered).toBe(true);
    expect(health.states().health).toBe('closed');
    expect(events.filter((e) => e.kind === 'state' && e.source === 'health').map((e) => (e as { state: string }).state)).toEqual(
      expect.arrayContaining(['open', 'half-open', 'closed']),
    );
  });

  it('answers SOURCE_UNAVAILABLE through the statement timeout while a health table is held under an ACCESS EXCLUSIVE lock, other departments unaffected', async () => {
    const locker = new Client({ connectionString: fault.urls.health });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE family_doctor_contracts IN ACCESS EXCLUSIVE MODE');
      const a = await ask(healthHub, idNumber);
      expect(a.body.data.personByIdNumber.name).toEqual(expect.any(String));
      expect(a.body.data.personByIdNumber.civilAffairs.maritalStatus).toEqual(expect.any(String));
      expect(errorCodes(a)['health.familyDoctor']).toBe('SOURCE_UNAVAILABLE');
      expect(a.ms).toBeLessThan(4000);
      // The waits ended in the database too: no health query of the hub is left waiting on the lock.
      const waiting = await locker.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    expect(await eventually(async () => (await ask(healthHub, idNumber)).body.errors === undefined, 15_000)).toBe(true);
  });

  it('keeps serving the other departments while the health cluster is stopped, and recovers after it restarts', async () => {
    await fault.stop();
    try {
      const a = await ask(healthHub, idNumber);
      expect(a.body.data.personByIdNumber.name).toEqual(expect.any(String));
      expect(errorCodes(a)['health.familyDoctor']).toBe('SOURCE_UNAVAILABLE');
    } finally {
      await fault.start();
    }
    expect(await eventually(async () => (await ask(healthHub, idNumber)).body.errors === undefined, 15_000)).toBe(true);
  });

  it('records a request whose client left before the response as ABANDONED, not DISCLOSED', async () => {
    const hub = await startTestHub(openDatabases({ ...main, health: fault.urls.health }, { poolMax: 5, limits: { ...QUICK, queryTimeoutMs: 1500 } }));
    const since = new Date();
    fault.hang();
    try {
      const headers = { 'content-type': 'application/json', ...(await headersFor({ ...EMERGENCY_OFFICER, subject: 'abandoning-client' })) };
      const controller = new AbortController();
      const pending = fetch(hub.hub.url, { method: 'POST', headers, body: JSON.stringify({ query: FILE, variables: { idNumber } }), signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      await expect(pending).rejects.toThrow();
      const client = new Client({ connectionString: main.hub });
      await client.connect();
      try {
        const found = await eventually(async () => {
          const { rows } = await client.query("SELECT outcome FROM access_log WHERE subject = 'abandoning-client' AND occurred_at >= $1", [since]);
          return rows.length === 1 && rows[0].outcome === 'ABANDONED';
        }, 10_000);
        expect(found).toBe(true);
      } finally {
        await client.end();
      }
    } finally {
      fault.resume();
      await hub.close();
    }
  });

  it('stops reading fields once the request is past its deadline: they answer DEADLINE_EXCEEDED and are recorded FAILED', async () => {
    const hub = await startTestHub(openDatabases(main, { poolMax: 5, limits: { ...QUICK, requestDeadlineMs: 1 } }));
    try {
      const a = await ask(hub, idNumber);
      expect(a.status).toBe(200);
      expect(a.body.data.personByIdNumber).toEqual({ name: null, civilAffairs: null, health: null });
      expect(new Set(Object.values(errorCodes(a)))).toEqual(new Set(['DEADLINE_EXCEEDED']));
      const record = await recordOf(main.hub, a.requestId);
      expect(record.outcome).toBe('ERROR');
      expect(record.decisions).toEqual(['FAILED']);
      expect(record.disclosures[0].ALLOW).toEqual([]);
      expect(record.residents).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('does not hold requests when the hub database hangs: the file answers coded errors within its deadlines, never a denial', async () => {
    const hub = await startTestHub(openDatabases({ ...main, hub: fault.urls.hub }, { poolMax: 5, limits: QUICK }));
    try {
      expect((await ask(hub, idNumber)).body.errors).toBeUndefined();
      fault.hang();
      try {
        const a = await ask(hub, idNumber);
        expect(a.ms).toBeLessThan(6000);
        const codes = (a.body.errors ?? []).map((e) => e.extensions?.code);
        expect(codes.length).toBeGreaterThan(0);
        expect(codes).not.toContain('FIELD_DENIED');
        expect(codes.every((c) => c === 'SOURCE_UNAVAILABLE' || c === 'AUDIT_UNAVAILABLE')).toBe(true);
      } finally {
        fault.resume();
      }
    } finally {
      await hub.close();
    }
  });
});
