import { randomUUID } from 'node:crypto';
import { verifyChain } from '../src/audit/verifyChain';
import { closeDatabases, Databases } from '../src/db/databases';
import { Caller, testCheckpointKeys } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';
const STAFF: Caller = { role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT', subject: 'visits-worker-1' };

const RECORD = `mutation RecordVisit($input: RecordVisitInput!) {
  recordVisit(input: $input) { id visitedAt department outcome membersMet observations { livesAloneConfirmed occupants addressMismatch } note needs }
}`;

describe('recording a door-to-door visit', () => {
  let t: TestHub;
  let owner: Databases;
  /** A household of the grid with at least two registered members, and one outside the grid. */
  let home: { id: string; members: string[] };
  let elsewhere: string;

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const codes = await t.dbs.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const inGrid = await t.dbs.police('households').whereIn('building_code', codes).orderBy('household_no').pluck('household_no');
    for (const no of inGrid) {
      const ids = await t.dbs.police('persons').where({ household_no: no }).orderBy('id_number').pluck('id_number');
      if (ids.length < 2) continue;
      home = { id: (await t.dbs.hub('household_index').where({ household_no: no }).first()).id, members: await t.dbs.hub('person_index').whereIn('id_number', ids).orderBy('id').pluck('id') };
      break;
    }
    const outside = await t.dbs.police('households').whereNotIn('building_code', codes).orderBy('household_no').first();
    elsewhere = (await t.dbs.hub('household_index').where({ household_no: outside.household_no }).first()).id;
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    householdId: home.id,
    visitedAt: new Date(Date.now() - 3600_000).toISOString(),
    outcome: 'MET',
    membersMet: [home.members[0]],
    observations: { livesAloneConfirmed: false, occupants: 2, addressMismatch: false },
    note: '老人希望增加助餐点',
    needs: ['CARE_SERVICE'],
    idempotencyKey: randomUUID(),
    ...over,
  });
  const visitsWithKey = (key: string) => owner.street('visits').where({ idempotency_key: key });
  const recordsOf = (requestIds: string[]) => owner.hub('access_log').whereIn('request_id', requestIds).orderBy('seq');
  const headSeq = async () => Number((await owner.hub('access_log_head').first()).seq);
  const visitCount = async () => Number((await owner.street('visits').count('* as n'))[0].n);

  it('writes the visit with exactly one WRITTEN access record naming the writer, purpose, household, members and fields — never the note', async () => {
    const i = input();
    const res = await t.as(STAFF)(RECORD, { input: i });
    expect(res.errors).toBeUndefined();
    const v = res.data!.recordVisit;
    expect(v).toMatchObject({ department: 'street', outcome: 'MET', membersMet: [home.members[0]], note: '老人希望增加助餐点', needs: ['CARE_SERVICE'], observations: { occupants: 2 } });
    const rows = await visitsWithKey(i.idempotencyKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: v.id, household_id: home.id, grid_id: GRID, staff_subject: 'visits-worker-1', purpose: 'HOME_VISIT' });
    const records = await recordsOf([rows[0].request_id]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'WRITTEN', subject: 'visits-worker-1', role: 'STREET_STAFF', department: 'street', purpose: 'HOME_VISIT', households: [home.id], residents: [home.members[0]] });
    expect(records[0].disclosures[0].ALLOW).toContain('Visit.note');
    expect(JSON.stringify(records[0])).not.toContain('助餐');
  });

  it('returns the same visit to a retry with the same idempotency key, and writes nothing more', async () => {
    const i = input();
    const first = await t.as(STAFF)(RECORD, { input: i });
    const before = await visitCount();
    const again = await t.as(STAFF)(RECORD, { input: i });
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordVisit.id).toBe(first.data!.recordVisit.id);
    expect(await visitCount()).toBe(before);
    const writes = await owner.hub('access_log').where({ outcome: 'WRITTEN' }).whereRaw('households @> ARRAY[?]::uuid[]', [home.id]).whereIn('request_id', (await visitsWithKey(i.idempotencyKey)).map((r) => r.request_id));
    expect(writes).toHaveLength(1);
  });

  it('answers concurrent retries with one visit', async () => {
    const i = input();
    const answers = await Promise.all([1, 2, 3, 4].map(() => t.as(STAFF)(RECORD, { input: i })));
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(answers.map((a) => a.data!.recordVisit.id)).size).toBe(1);
    expect(await visitsWithKey(i.idempotencyKey)).toHaveLength(1);
  });

  it.each([
    ['a household outside the grid, answered like a missing one', () => input({ householdId: elsewhere }), 'HOUSEHOLD_NOT_FOUND'],
    ['a household that does not exist', () => input({ householdId: '00000000-0000-4000-8000-000000000000' }), 'HOUSEHOLD_NOT_FOUND'],
    ['a note with an ID number', () => input({ note: '身份证 110101194909222648 已核对' }), 'NOTE_CONTAINS_IDENTIFIER'],
    ['a note with a phone number', () => input({ note: '电话 138 1234 5678' }), 'NOTE_CONTAINS_IDENTIFIER'],
    ['a note with a bank-card number', () => input({ note: '卡号6222021234567890123' }), 'NOTE_CONTAINS_IDENTIFIER'],
    ['a note over the length limit', () => input({ note: '好'.repeat(501) }), 'NOTE_TOO_LONG'],
    ['a time in the future', () => input({ visitedAt: new Date(Date.now() + 3600_000).toISOString() }), 'VISIT_IN_FUTURE'],
    ['a time older than the entry window', () => input({ visitedAt: new Date(Date.now() - 8 * 86400_000).toISOString() }), 'VISIT_TOO_OLD'],
    ['a need outside the catalogue', () => input({ needs: ['FREE_TEXT'] }), 'UNKNOWN_NEED'],
    ['a member met who is not of the household', () => input({ membersMet: ['00000000-0000-4000-8000-000000000000'] }), 'MEMBER_NOT_IN_HOUSEHOLD'],
    ['MET with nobody met', () => input({ membersMet: [] }), 'MEMBERS_MET_INCONSISTENT'],
    ['NOT_HOME with members met', () => input({ outcome: 'NOT_HOME' }), 'MEMBERS_MET_INCONSISTENT'],
    ['an impossible number of occupants', () => input({ observations: { occupants: 500 } }), 'INVALID_OBSERVATION'],
    ['a short idempotency key', () => input({ idempotencyKey: 'abc' }), 'INVALID_IDEMPOTENCY_KEY'],
  ])('refuses %s with its code, writing nothing and logging a REFUSED record', async (_name, make, code) => {
    const i = make();
    const before = await visitCount();
    const res = await t.as(STAFF)(RECORD, { input: i });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(res.data?.recordVisit ?? null).toBeNull();
    expect(await visitCount()).toBe(before);
    const last = await owner.hub('access_log').orderBy('seq', 'desc').first();
    expect(last).toMatchObject({ outcome: 'REFUSED', refusal: code, subject: 'visits-worker-1' });
    expect(res.text).not.toContain('110101194909222648');
  });

  it('refuses a different visit sent with a used idempotency key (IDEMPOTENCY_KEY_REUSED), leaving the first untouched', async () => {
    const i = input();
    const first = await t.as(STAFF)(RECORD, { input: i });
    const res = await t.as(STAFF)(RECORD, { input: { ...i, note: '另一次走访' } });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const rows = await visitsWithKey(i.idempotencyKey);
    expect(rows.map((r) => [r.id, r.note])).toEqual([[first.data!.recordVisit.id, '老人希望增加助餐点']]);
  });

  it('refuses a wrong purpose (PURPOSE_NOT_APPLICABLE) and a role that may not write (WRITE_NOT_PERMITTED)', async () => {
    const before = await visitCount();
    const subsidy = await t.as({ ...STAFF, purpose: 'SUBSIDY_REVIEW' })(RECORD, { input: input() });
    expect(subsidy.errors?.map((e) => e.extensions?.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
    const civil = await t.as({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT' })(RECORD, { input: input() });
    expect(civil.errors?.map((e) => e.extensions?.code)).toEqual(['WRITE_NOT_PERMITTED']);
    const undeclared = await t.as({ ...STAFF, purpose: undefined })(RECORD, { input: input() });
    expect(undeclared.errors?.map((e) => e.extensions?.code)).toEqual(['PURPOSE_REQUIRED']);
    expect(await visitCount()).toBe(before);
  });

  it('commits no visit while the access log cannot be written (AUDIT_UNAVAILABLE)', async () => {
    const i = input();
    const before = await headSeq();
    await owner.hub.raw('REVOKE EXECUTE ON FUNCTION append_access_records(jsonb) FROM onefile_app');
    let res;
    try {
      res = await t.as(STAFF)(RECORD, { input: i });
    } finally {
      await owner.hub.raw('GRANT EXECUTE ON FUNCTION append_access_records(jsonb) TO onefile_app');
    }
    expect(res.errors?.[0].extensions?.code).toBe('AUDIT_UNAVAILABLE');
    expect(await visitsWithKey(i.idempotencyKey)).toHaveLength(0);
    expect(await headSeq()).toBe(before);
    // The same key works once the log is back: nothing of the failed attempt was kept.
    const retry = await t.as(STAFF)(RECORD, { input: i });
    expect(retry.errors).toBeUndefined();
    expect(await visitsWithKey(i.idempotencyKey)).toHaveLength(1);
  });

  it('says WRITE_FAILED in the log when the street commit fails after the WRITTEN record, and keeps no visit', async () => {
    const i = input({ note: '提交时失败' });
    // A deferred constraint trigger fails the street transaction at COMMIT, after the record was appended.
    await owner.street.raw(`
      CREATE OR REPLACE FUNCTION visits_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.note = '提交时失败' THEN RAISE EXCEPTION 'injected commit failure'; END IF; RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER visits_fail_at_commit AFTER INSERT ON visits DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION visits_fail_at_commit();`);
    let res;
    try {
      res = await t.as(STAFF)(RECORD, { input: i });
    } finally {
      await owner.street.raw('DROP TRIGGER visits_fail_at_commit ON visits; DROP FUNCTION visits_fail_at_commit()');
    }
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['VISIT_NOT_RECORDED']);
    expect(await visitsWithKey(i.idempotencyKey)).toHaveLength(0);
    const [written, failed] = await owner.hub('access_log').where({ subject: 'visits-worker-1' }).orderBy('seq', 'desc').limit(2).then((r) => r.reverse());
    expect(written).toMatchObject({ outcome: 'WRITTEN', households: [home.id] });
    expect(failed).toMatchObject({ outcome: 'WRITE_FAILED', request_id: written.request_id, households: [home.id] });
  });

  it('keeps the chain verifiable with writes in it, and every API-written visit has exactly one WRITTEN record', async () => {
    const result = await verifyChain(owner.hub, testCheckpointKeys().publicKey);
    expect(result.broken).toBeNull();
    expect(result.ok).toBe(true);
    const visits = await owner.street('visits').whereNot({ request_id: 'seed' }).select('request_id');
    const written = await owner.hub('access_log').where({ outcome: 'WRITTEN' }).whereIn('request_id', visits.map((v) => v.request_id)).select('request_id');
    expect(written.map((w) => w.request_id).sort()).toEqual(visits.map((v) => v.request_id).sort());
  });
});
