import { closeDatabases, Databases } from '../src/db/databases';
import { chinaHour, chinaIsoDow, DEFAULT_THRESHOLDS, findAnomalies, splitWindow } from '../src/sources/audit/anomalies';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const HOUR = 3600_000;
const GROUPED = `SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, subject, role, purpose, count(*)::int AS records,
         count(*) FILTER (WHERE outcome = 'REFUSED' OR misses > 0)::int AS refused_or_empty,
         count(*) FILTER (WHERE outcome = 'REFUSED' AND refusal = 'MISS_BUDGET_EXCEEDED')::int AS miss_budget,
         sum(residents_named)::bigint AS residents_named
    FROM access_log WHERE subject LIKE 'counts-%' GROUP BY 1, 2, 3, 4`;

describe('the hourly counts behind accessAnomalies', () => {
  let t: TestHub;
  let owner: Databases;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    ids = await t.dbs.hub('person_index').orderBy('id_number').limit(15).pluck('id');
    // A bulk reader, a guesser (empty lookups), a rare purpose and ordinary traffic, under subjects of this suite only.
    await t.as({ role: 'POLICE_OFFICER', subject: 'counts-snoop', purpose: 'EMERGENCY' })('query($ids: [ID!]!) { persons(ids: $ids) { name } }', { ids });
    const guesser = t.as({ role: 'STREET_STAFF', subject: 'counts-guesser', grids: ['110101001001-G01'], purpose: 'HOME_VISIT' });
    for (let i = 0; i < 6; i++) await guesser('query($id: ID!) { person(id: $id) { name } }', { id: ids[11] });
    await guesser('{ persons(ids: []) { name } }');
    await t.as({ role: 'HEALTH_WORKER', subject: 'counts-nurse', purpose: 'HEALTH_FOLLOW_UP' })('query($id: ID!) { person(id: $id) { ageBand } }', { id: ids[1] });
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  it('are kept by the append equal to the records grouped by hour, principal and purpose', async () => {
    const counts = await owner.hub.raw("SELECT hour, subject, role, purpose, records, refused_or_empty, miss_budget, residents_named FROM access_log_hourly WHERE subject LIKE 'counts-%' ORDER BY 1, 2, 3, 4");
    const records = await owner.hub.raw(`${GROUPED} ORDER BY 1, 2, 3, 4`);
    expect(records.rows.length).toBeGreaterThanOrEqual(3);
    expect(records.rows.find((r: { subject: string }) => r.subject === 'counts-guesser')).toMatchObject({ refused_or_empty: expect.any(Number) });
    expect(counts.rows).toEqual(records.rows);
  });

  it('cannot be written by the serving login, which can still only append records', async () => {
    await expect(t.dbs.hub.raw("INSERT INTO access_log_hourly VALUES (now(), 'counts-x', 'AUDITOR', NULL, 1, 0, 0, 0)")).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw("UPDATE access_log_hourly SET records = 0 WHERE subject = 'counts-snoop'")).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw("DELETE FROM access_log_hourly WHERE subject = 'counts-snoop'")).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw('SELECT access_log_count_hours()')).rejects.toThrow(/permission denied|trigger functions can only be called as triggers/);
  });

  it('give the same anomalies as the records themselves, over whole hours and over partial ones', async () => {
    const now = Date.now();
    // The current China-time hour made "off hours": a one-hour working day that does not contain it.
    const hour = Number(new Date(now + 8 * HOUR).toISOString().slice(11, 13));
    const thresholds = { ...DEFAULT_THRESHOLDS, residentsPerHour: 10, refusals: 5, ...(hour < 23 ? { workdayStartHour: hour + 1, workdayEndHour: hour + 2 } : { workdayStartHour: 0, workdayEndHour: 1 }) };
    const windows = [
      { from: new Date(Math.floor(now / HOUR) * HOUR - 2 * HOUR).toISOString(), to: new Date(Math.ceil(now / HOUR) * HOUR + HOUR).toISOString() },
      { from: new Date(now - 2 * HOUR - 1234).toISOString(), to: new Date(now + 5 * 60_000).toISOString() },
      { from: new Date(now - 10 * 60_000).toISOString(), to: new Date(now + 60_000).toISOString() },
    ];
    // The first window is whole hours only: every figure comes from the counts.
    expect(splitWindow(windows[0].from, windows[0].to, true)).toEqual({ h1: windows[0].from, h2: windows[0].to });
    for (const w of windows) {
      const fromCounts = await findAnomalies(owner.hub, w.from, w.to, thresholds, { hourlyCounts: true });
      const fromRecords = await findAnomalies(owner.hub, w.from, w.to, thresholds, { hourlyCounts: false });
      expect(fromCounts).toEqual(fromRecords);
      const ours = fromCounts.filter((a) => a.subject.startsWith('counts-')).map((a) => `${a.kind} ${a.subject}`);
      expect(ours).toEqual(expect.arrayContaining(['BULK_LOOKUP counts-snoop', 'REPEATED_REFUSALS counts-guesser', 'OFF_HOURS counts-nurse']));
      expect(fromCounts.find((a) => a.kind === 'REPEATED_REFUSALS' && a.subject === 'counts-guesser')!.seqs).toHaveLength(6);
    }
  });

  it('answer an auditor asking only for the records\' sequence numbers with the same records as one asking for their contents', async () => {
    const auditor = t.as({ role: 'AUDITOR', subject: 'auditor-1' });
    const from = new Date(Date.now() - 3 * HOUR).toISOString();
    const args = `from: "${from}", residentsPerHour: 10, refusals: 5`;
    const seqsOnly = await auditor(`{ accessAnomalies(${args}) { kind subject records { seq } } }`);
    const full = await auditor(`{ accessAnomalies(${args}) { kind subject records { seq subject } } }`);
    const fragment = await auditor(`{ accessAnomalies(${args}) { kind subject records { ...R } } } fragment R on AccessRecordEntry { seq subject }`);
    const none = await auditor(`{ accessAnomalies(${args}) { kind subject } }`);
    for (const r of [seqsOnly, full, fragment, none]) expect(r.errors).toBeUndefined();
    type A = { kind: string; subject: string; records: Array<{ seq: string; subject?: string }> };
    const key = (as: A[]) => as.map((a) => `${a.kind} ${a.subject} ${a.records.map((r) => r.seq).join(',')}`);
    const mine = (as: A[]) => as.filter((a) => a.subject.startsWith('counts-'));
    expect(mine(seqsOnly.data!.accessAnomalies).length).toBeGreaterThanOrEqual(2);
    expect(key(mine(seqsOnly.data!.accessAnomalies))).toEqual(key(mine(full.data!.accessAnomalies)));
    expect(full.data!.accessAnomalies).toEqual(fragment.data!.accessAnomalies);
    for (const a of full.data!.accessAnomalies as A[]) expect(a.records.every((r) => r.subject === a.subject)).toBe(true);
    expect(none.data!.accessAnomalies.map((a: A) => `${a.kind} ${a.subject}`)).toEqual(full.data!.accessAnomalies.map((a: A) => `${a.kind} ${a.subject}`));
  });

  it("reckon China time's hour and weekday by arithmetic exactly as the time zone database does", async () => {
    const { rows } = await owner.hub.raw(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE ${chinaHour('ts')} = extract(hour FROM ts AT TIME ZONE 'Asia/Shanghai')
                               AND ${chinaIsoDow('ts')} = extract(isodow FROM ts AT TIME ZONE 'Asia/Shanghai'))::int AS same
        FROM generate_series('2025-12-25T00:00:00Z'::timestamptz, '2027-01-05T00:00:00Z', interval '37 minutes 11.5 seconds') ts`);
    expect(rows[0].n).toBeGreaterThan(14_000);
    expect(rows[0].same).toBe(rows[0].n);
  });

  it('split a window at whole UTC hours, reading only the partial hours at its edges from the records', () => {
    expect(splitWindow('2026-11-02T10:20:00.000Z', '2026-11-02T14:05:00.000Z', true)).toEqual({ h1: '2026-11-02T11:00:00.000Z', h2: '2026-11-02T14:00:00.000Z' });
    expect(splitWindow('2026-11-02T10:20:00.000Z', '2026-11-02T10:40:00.000Z', true)).toEqual({ h1: '2026-11-02T10:40:00.000Z', h2: '2026-11-02T10:40:00.000Z' });
    expect(splitWindow('2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z', false)).toEqual({ h1: '2026-11-03T10:00:00.000Z', h2: '2026-11-03T10:00:00.000Z' });
  });
});
