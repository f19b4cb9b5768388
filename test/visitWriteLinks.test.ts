import { randomUUID } from 'node:crypto';
import { AuditStore } from '../src/audit/auditStore';
import { verifyChain } from '../src/audit/verifyChain';
import { closeDatabases, Databases } from '../src/db/databases';
import { reconcileVisitWrites } from '../src/departments/street/reconcileWrites';
import { Caller, headersFor, testCheckpointKeys } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';
const STAFF: Caller = { role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT', subject: 'visits-worker-links' };
const RECORD = 'mutation Rv($input: RecordVisitInput!) { recordVisit(input: $input) { id } }';
const FAIL_NOTE = '提交时失败';

/**
 * How a write's access records are linked: by a request id the hub mints for that one write (never a
 * client's `x-request-id`), and how the log is completed when a write's outcome could not be recorded.
 */
describe('visit writes: request ids and the fail-closed window', () => {
  let t: TestHub;
  let owner: Databases;
  let home: { id: string; member: string };

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const codes = await owner.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const household = await owner.police('households').whereIn('building_code', codes).orderBy('household_no').first();
    const person = await owner.police('persons').where({ household_no: household.household_no }).orderBy('id_number').first();
    home = {
      id: (await owner.hub('household_index').where({ household_no: household.household_no }).first()).id,
      member: (await owner.hub('person_index').where({ id_number: person.id_number }).first()).id,
    };
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    householdId: home.id, visitedAt: new Date(Date.now() - 600_000).toISOString(), outcome: 'MET', membersMet: [home.member], idempotencyKey: randomUUID(), ...over,
  });
  /** POSTs a write with the given x-request-id; answers the body and the response's x-request-id. */
  const write = async (requestId: string | null, variables: Record<string, unknown>, query = RECORD) => {
    const res = await fetch(t.hub.url, {
      method: 'POST',
      headers: { ...(await headersFor(STAFF)), 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { body: (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> }, requestId: res.headers.get('x-request-id')! };
  };
  const recordsOf = (requestId: string) => owner.hub('access_log').where({ request_id: requestId }).orderBy('seq');
  const failCommitsOfNote = () => owner.street.raw(`
    CREATE OR REPLACE FUNCTION visits_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.note = '${FAIL_NOTE}' THEN RAISE EXCEPTION 'injected commit failure'; END IF; RETURN NULL; END $$;
    CREATE CONSTRAINT TRIGGER visits_fail_at_commit AFTER INSERT ON visits DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION visits_fail_at_commit();`);
  const healCommits = () => owner.street.raw('DROP TRIGGER IF EXISTS visits_fail_at_commit ON visits; DROP FUNCTION IF EXISTS visits_fail_at_commit()');
  const residentHistory = async () => {
    const res = await t.as({ role: 'RESIDENT', subject: home.member, purpose: 'SELF_SERVICE' })('{ myAccessLog(first: 50) { edges { node { action summary } } } }');
    return res.data!.myAccessLog.edges.filter((e: { node: { action: string } }) => e.node.action === 'WROTE').length;
  };

  it('gives a write its own request id, whatever x-request-id the client sent, and says which in the response', async () => {
    const chosen = randomUUID();
    const first = await write(chosen, { input: input() });
    expect(first.body.errors).toBeUndefined();
    expect(first.requestId).not.toBe(chosen);
    expect(await recordsOf(chosen)).toHaveLength(0);
    const [record] = await recordsOf(first.requestId);
    expect(record).toMatchObject({ outcome: 'WRITTEN', subject: STAFF.subject });
    expect((await owner.street('visits').where({ id: first.body.data.recordVisit.id }).first()).request_id).toBe(first.requestId);
    // Another write sent with the same id (or with the first write's own) is not linked to it.
    const second = await write(chosen, { input: input() });
    const third = await write(first.requestId, { input: input() });
    expect(new Set([first.requestId, second.requestId, third.requestId]).size).toBe(3);
    expect(await recordsOf(first.requestId)).toHaveLength(1);
  });

  it('does not let a retry that reuses a failed write\'s x-request-id hide the visit it then records', async () => {
    const before = await residentHistory();
    const i = input({ note: FAIL_NOTE });
    const chosen = randomUUID();
    await failCommitsOfNote();
    let failed;
    try {
      failed = await write(chosen, { input: i });
    } finally {
      await healCommits();
    }
    expect(failed.body.errors?.map((e) => e.extensions?.code)).toEqual(['VISIT_NOT_RECORDED']);
    expect((await recordsOf(failed.requestId)).map((r) => r.outcome)).toEqual(['WRITTEN', 'WRITE_FAILED']);
    // The mobile client retries with the same key and the same x-request-id: the visit is kept and shown.
    const retry = await write(chosen, { input: i });
    expect(retry.body.errors).toBeUndefined();
    expect((await recordsOf(retry.requestId)).map((r) => r.outcome)).toEqual(['WRITTEN']);
    expect(await residentHistory()).toBe(before + 1);
  });

  it('refuses a second recordVisit in one request (ONE_WRITE_PER_REQUEST) and keeps only the first', async () => {
    const [a, b] = [input(), input()];
    const two = await write(null, { a, b }, 'mutation Two($a: RecordVisitInput!, $b: RecordVisitInput!) { first: recordVisit(input: $a) { id } second: recordVisit(input: $b) { id } }');
    expect(two.body.data.first.id).toBeTruthy();
    expect(two.body.errors?.map((e) => e.extensions?.code)).toEqual(['ONE_WRITE_PER_REQUEST']);
    expect(await owner.street('visits').where({ idempotency_key: b.idempotencyKey })).toHaveLength(0);
    expect((await recordsOf(two.requestId)).map((r) => r.outcome)).toEqual(['WRITTEN']);
  });

  it('completes the log when the commit and then the WRITE_FAILED append both fail: reconciliation appends the twin, once', async () => {
    const i = input({ note: FAIL_NOTE });
    // The street COMMIT fails (deferred trigger) and the hub refuses the WRITE_FAILED record (a trigger on the log).
    await failCommitsOfNote();
    await owner.hub.raw(`
      CREATE OR REPLACE FUNCTION refuse_write_failed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.outcome = 'WRITE_FAILED' AND NEW.subject = '${STAFF.subject}' THEN RAISE EXCEPTION 'injected append failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_write_failed BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_write_failed();`);
    let res;
    try {
      res = await write(null, { input: i });
    } finally {
      await healCommits();
      await owner.hub.raw('DROP TRIGGER refuse_write_failed ON access_log; DROP FUNCTION refuse_write_failed()');
    }
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['VISIT_NOT_RECORDED']);
    expect(await owner.street('visits').where({ idempotency_key: i.idempotencyKey })).toHaveLength(0);
    // The window: a WRITTEN record with no visit and no twin. The resident would be told of a visit never kept.
    expect((await recordsOf(res.requestId)).map((r) => r.outcome)).toEqual(['WRITTEN']);
    const store = new AuditStore(owner.hub);
    const since = new Date(Date.now() - 3600_000);
    const run = await reconcileVisitWrites({ hub: owner.hub, street: owner.street }, (r) => store.append(r), { since, graceSeconds: 0 });
    expect(run.completed).toContain(res.requestId);
    expect(run.failedButPresent).toEqual([]);
    const records = await recordsOf(res.requestId);
    expect(records.map((r) => r.outcome)).toEqual(['WRITTEN', 'WRITE_FAILED']);
    expect(records[1]).toMatchObject({ subject: STAFF.subject, households: [home.id], residents: [home.member], department: 'street' });
    // Every committed visit's WRITTEN record is left alone, and a second run finds nothing more.
    expect((await reconcileVisitWrites({ hub: owner.hub, street: owner.street }, (r) => store.append(r), { since, graceSeconds: 0 })).completed).toEqual([]);
    const chain = await verifyChain(owner.hub, testCheckpointKeys().publicKey);
    expect(chain.broken).toBeNull();
  });

  it('leaves writes younger than the grace period to their requests', async () => {
    const store = new AuditStore(owner.hub);
    const run = await reconcileVisitWrites({ hub: owner.hub, street: owner.street }, (r) => store.append(r), { since: new Date(Date.now() - 3600_000) });
    expect(run).toEqual({ checked: 0, completed: [], failedButPresent: [] });
  });
});
