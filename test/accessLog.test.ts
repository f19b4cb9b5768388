import { AuditStore } from '../src/audit/auditStore';
import { verifyChain } from '../src/audit/verifyChain';
import { closeDatabases, Databases } from '../src/db/databases';
import { testCheckpointKeys } from './support/auth';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { testSigner } from './support/signer';
import { openOwnerTestDatabases } from './support/testDatabases';
import { RECORD_COLUMNS } from '../src/sources/audit/accessLogSource';

/** The columns a record is written with (residents_named is generated from residents by the database). */
const WRITTEN = [...RECORD_COLUMNS, 'residents', 'households'].join(', ');

const FILE = `query PersonFile($id: ID!) { person(id: $id) { id idNumber name phone civilAffairs { maritalStatus } health { chronicConditions { name } } } }`;

describe('the access log', () => {
  let t: TestHub;
  let owner: Databases;
  let person: { id: string; id_number: string };
  let name: string;

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    person = await t.dbs.hub('person_index').orderBy('id_number').offset(10).first();
    name = (await t.dbs.police('persons').where({ id_number: person.id_number }).first()).name;
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const lastRecord = () => owner.hub('access_log').orderBy('seq', 'desc').first();

  it('records who read which fields of whose file, for what purpose, before answering — without ID numbers, names or variables', async () => {
    const staff = t.as({ role: 'STREET_STAFF', grids: ['110101001001-G01'], purpose: 'HOME_VISIT', subject: 'worker-9', clientApp: 'grid-app' });
    const gridPerson = await t.dbs.police.raw(`SELECT p.id_number FROM persons p JOIN households h USING (household_no) WHERE h.building_code IN (${(await t.dbs.hub('buildings').where({ grid_id: '110101001001-G01' }).pluck('code')).map((c) => `'${c}'`).join(',')}) ORDER BY 1 LIMIT 1`);
    const target = await t.dbs.hub('person_index').where({ id_number: gridPerson.rows[0].id_number }).first();
    const res = await staff(FILE, { id: target.id });
    expect(res.status).toBe(200);
    const record = await lastRecord();
    expect(record).toMatchObject({
      subject: 'worker-9',
      role: 'STREET_STAFF',
      department: null,
      client_app: 'grid-app',
      purpose: 'HOME_VISIT',
      operation_name: 'PersonFile',
      outcome: 'PARTIAL',
      residents: [target.id],
      misses: 0,
    });
    expect(record.document_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.disclosures).toEqual([
      expect.objectContaining({
        subjects: [target.id],
        ALLOW: expect.arrayContaining(['Person.id', 'Person.name', 'Person.phone', 'Person.civilAffairs']),
        MASK: ['Person.idNumber'],
        DENY: expect.arrayContaining(['CivilAffairs.maritalStatus', 'HealthSection.chronicConditions']),
      }),
    ]);
    expect(record.decisions.sort()).toEqual(['ALLOW', 'DENY', 'MASK']);
    const text = JSON.stringify(record);
    const policeRow = await t.dbs.police('persons').where({ id_number: gridPerson.rows[0].id_number }).first();
    expect(text).not.toContain(policeRow.id_number);
    expect(text).not.toContain(policeRow.name);
    expect(text).not.toContain('query PersonFile');
    // Exactly these columns: nothing that could hold the document text or its variables.
    expect(Object.keys(record).sort()).toEqual([
      'case_number', 'client_app', 'decisions', 'department', 'disclosures', 'document_hash', 'duration_ms', 'hash', 'households', 'misses',
      'occurred_at', 'operation_name', 'outcome', 'prev_hash', 'purpose', 'refusal', 'request_id', 'residents', 'residents_named', 'role', 'seq', 'subject',
    ]);
  });

  it('records refused attempts and misses, and nothing for requests without resident data', async () => {
    const before = await lastRecord();
    await t.as({ role: 'HEALTH_WORKER' })('{ viewer { role } }');
    expect((await lastRecord()).seq).toBe(before.seq);

    await t.as({ role: 'HEALTH_WORKER', purpose: 'SUBSIDY_REVIEW' })(FILE, { id: person.id });
    expect(await lastRecord()).toMatchObject({ role: 'HEALTH_WORKER', purpose: 'SUBSIDY_REVIEW', outcome: 'REFUSED', residents: [] });

    await t.as({ role: 'STREET_STAFF', grids: ['110101001001-G01'], purpose: 'HOME_VISIT' })(FILE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(await lastRecord()).toMatchObject({ outcome: 'NOTHING_FOUND', misses: 1, residents: [] });
  });

  it('fails closed: no resident data and HTTP 503 while the log cannot be written, and says so on /readyz', async () => {
    const readyz = t.hub.url.replace('/graphql', '/readyz');
    await owner.hub.raw('REVOKE EXECUTE ON FUNCTION append_access_records(jsonb) FROM onefile_app');
    try {
      const res = await t.query(FILE, { id: person.id });
      expect(res.status).toBe(503);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([{ message: 'The access log cannot be written, so no resident data is returned.', extensions: { code: 'AUDIT_UNAVAILABLE' } }]);
      expect(res.text).not.toContain(name);
      const ready = await fetch(readyz);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { accessLog: string }).accessLog).toBe('unavailable');
    } finally {
      await owner.hub.raw('GRANT EXECUTE ON FUNCTION append_access_records(jsonb) TO onefile_app');
    }
    const again = await t.query(FILE, { id: person.id });
    expect(again.status).toBe(200);
    expect(again.data!.person.name).toBe(name);
    expect((await fetch(readyz)).status).toBe(200);
  });

  it('cannot be changed by the serving login (not even after RESET ROLE), nor by the owner while the trigger stands', async () => {
    await t.dbs.hub.transaction(async (trx) => {
      await trx.raw('RESET ROLE');
      expect((await trx.raw('SELECT current_user AS u')).rows[0].u).toBe('onefile_app');
    });
    await expect(t.dbs.hub.raw("UPDATE access_log SET purpose = 'EMERGENCY'")).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw('DELETE FROM access_log')).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw(`INSERT INTO access_log (${WRITTEN}) SELECT ${WRITTEN} FROM access_log LIMIT 1`)).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw('UPDATE access_log_head SET seq = 0')).rejects.toThrow(/permission denied/);
    await expect(t.dbs.hub.raw('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only')).rejects.toThrow(/must be owner/);
    await expect(owner.hub.raw("UPDATE access_log SET purpose = 'EMERGENCY' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(owner.hub.raw('DELETE FROM access_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(owner.hub.raw('TRUNCATE access_log')).rejects.toThrow(/append-only/);
  });

  it('never moves the chain head past records it did not insert', async () => {
    const head = async () => (await t.dbs.hub.raw('SELECT seq, hash FROM access_log_head')).rows[0];
    const before = await head();
    const now = new Date().toISOString();
    const refused: Array<[string, RegExp]> = [
      ['NULL', /must be a JSON array/],
      ["'{}'::jsonb", /must be a JSON array/],
      ["'[1]'::jsonb", /must be a JSON object/],
      [`'[{"occurred_at": "${now}"}]'::jsonb`, /disclosures must be/],
      [`'[{"occurred_at": "${now}", "disclosures": [{"subjects": [], "ALLOW": [1], "MASK": [], "DENY": []}]}]'::jsonb`, /disclosures must be/],
      [`'[{"occurred_at": "${now}", "disclosures": [{"subjects": [], "ALLOW": [], "MASK": [], "DENY": [], "note": []}]}]'::jsonb`, /disclosures must be/],
      // The right shape, but not a record: the insert fails and nothing moves.
      [`'[{"occurred_at": "${now}", "disclosures": []}]'::jsonb`, /null value/],
    ];
    for (const [records, message] of refused) await expect(t.dbs.hub.raw(`SELECT append_access_records(${records})`)).rejects.toThrow(message);
    expect(await head()).toEqual(before);
  });

  it('refuses records dated away from the database clock, so the log cannot be back-filled', async () => {
    const store = new AuditStore(t.dbs.hub);
    const record = {
      occurredAt: new Date(Date.now() - 24 * 3600_000).toISOString(), requestId: '11111111-1111-4111-8111-111111111111', subject: 'x', role: 'POLICE_OFFICER',
      department: 'police', clientApp: 'x', purpose: 'EMERGENCY', caseNumber: null, operationName: null, documentHash: '0'.repeat(64),
      outcome: 'NOTHING_FOUND' as const, durationMs: 1, residents: [], households: [], misses: 0, disclosures: [], decisions: [],
    };
    await expect(store.append(record)).rejects.toThrow(/five minutes/);
    await expect(store.append({ ...record, occurredAt: new Date().toISOString() })).resolves.toEqual(expect.any(Number));
  });

  it('keeps one unbroken chain under concurrent requests', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, () => t.query(FILE, { id: person.id })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const verdict = await verifyChain(owner.hub, testCheckpointKeys().publicKey);
    expect(verdict).toMatchObject({ ok: true, broken: null });
    const seqs = (await owner.hub('access_log').orderBy('seq').pluck('seq')).map(Number);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  describe('verification', () => {
    /** Runs `change` with triggers off, as an attacker with the owner's rights would. */
    async function tamper(sql: string, bindings: unknown[] = []) {
      await owner.hub.transaction(async (trx) => {
        await trx.raw('SET LOCAL session_replication_role = replica');
        await trx.raw(sql, bindings as never);
      });
    }
    const verify = () => verifyChain(owner.hub, testCheckpointKeys().publicKey);

    beforeAll(async () => {
      await t.query(FILE, { id: person.id });
      await testSigner().finalCheckpoint();
    });

    it('detects a modified record and names it', async () => {
      const { seq, purpose } = await owner.hub('access_log').where({ seq: 3 }).first();
      await tamper("UPDATE access_log SET purpose = coalesce(purpose, '') || '-TAMPERED' WHERE seq = 3");
      try {
        expect(await verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: 'record 3 was modified (hash does not match its content)' } });
      } finally {
        await tamper('UPDATE access_log SET purpose = ? WHERE seq = ?', [purpose, seq]);
      }
      expect((await verify()).ok).toBe(true);
    });

    it('detects a record deleted from the middle', async () => {
      const row = await owner.hub('access_log').where({ seq: 5 }).first();
      await tamper('DELETE FROM access_log WHERE seq = 5');
      try {
        expect(await verify()).toMatchObject({ ok: false, broken: { seq: 5, reason: 'record 5 is missing (next is 6)' } });
      } finally {
        await tamper(`INSERT INTO access_log (${WRITTEN}) SELECT ${WRITTEN} FROM json_populate_record(NULL::access_log, ?::json)`, [JSON.stringify(row)]);
      }
      expect((await verify()).ok).toBe(true);
    });

    it('detects a deleted tail against the last signed checkpoint', async () => {
      const last = await owner.hub('access_log').orderBy('seq', 'desc').first();
      await tamper('DELETE FROM access_log WHERE seq = ?', [last.seq]);
      try {
        const verdict = await verify();
        expect(verdict.ok).toBe(false);
        expect(verdict.broken).toEqual({ seq: Number(last.seq), reason: expect.stringMatching(new RegExp(`^records ${last.seq}\\.\\.${last.seq} are missing: the log ends at record ${last.seq - 1}, before its signed checkpoint at record ${last.seq}`)) });
      } finally {
        await tamper(`INSERT INTO access_log (${WRITTEN}) SELECT ${WRITTEN} FROM json_populate_record(NULL::access_log, ?::json)`, [JSON.stringify(last)]);
      }
      expect((await verify()).ok).toBe(true);
    });
  });

  it('is reachable only through a valid token (no anonymous reads of the log)', async () => {
    const res = await postGraphQL(t.hub.url, '{ viewer { role } }', undefined, {});
    expect(res.status).toBe(401);
  });
});

describe('what clients send never reaches the access log raw', () => {
  let t: TestHub;
  let owner: Databases;
  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  it('records an unknown purpose as UNKNOWN, never stores an operation name shaped like an ID number and refuses ID-number-shaped case numbers', async () => {
    const id = (await t.dbs.hub('person_index').first()).id;
    await t.as({ role: 'POLICE_OFFICER', purpose: '110101199003071234 ZHANGSAN' })('query q110101199003071234($id: ID!) { person(id: $id) { name } }', { id });
    const refused = await owner.hub('access_log').orderBy('seq', 'desc').first();
    expect(refused).toMatchObject({ purpose: 'UNKNOWN', operation_name: null, outcome: 'REFUSED', refusal: 'UNKNOWN_PURPOSE' });
    const res = await t.as({ role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', caseNumber: '110101199003071234' })('query($id: ID!) { person(id: $id) { name } }', { id });
    expect(res.errors![0].extensions!.code).toBe('INVALID_CASE_NUMBER');
    const rows = await owner.hub('access_log').orderBy('seq', 'desc').limit(2);
    expect(JSON.stringify(rows)).not.toContain('110101199003071234');
    // The hex digests (document_hash, prev_hash, hash) hold 18 decimal digits in a row by chance about once in
    // a hundred rows; they are the hub's own output, so the ID-number shape is checked on everything else.
    const clientShaped = rows.map(({ document_hash, prev_hash, hash, ...rest }: Record<string, unknown>) => rest);
    expect(JSON.stringify(clientShaped)).not.toMatch(/\d{17}[\dX]/);
  });
});
