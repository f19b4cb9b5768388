import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { AccessRecord, canonicalRecord, chainHash } from '../src/audit/accessRecord';
import { auditorDatabaseUrl, signerDatabaseUrl } from '../src/audit/auditLogins';
import { AuditStore } from '../src/audit/auditStore';
import { devSigningKeyFiles, keyIdOf, loadCheckpointKeys } from '../src/audit/checkpoints';
import { CheckpointSigner } from '../src/audit/signer';
import { verifyChain } from '../src/audit/verifyChain';
import { runVerify } from '../src/audit/verifyCommand';
import { DatabaseWitness, FileWitness, redactedUrl } from '../src/audit/witness';
import { ensureMonthlyPartitions } from '../src/audit/partitions';
import { servingHubUrl } from '../src/db/databases';
import { knexConfig } from '../knexfile';
import { testCheckpointKeys } from './support/auth';
import { testSigner } from './support/signer';
import { testDatabaseUrls } from './support/testDatabases';
import { RECORD_COLUMNS } from '../src/sources/audit/accessLogSource';

/** The columns a record is written with (residents_named is generated from residents by the database). */
const WRITTEN = [...RECORD_COLUMNS, 'residents', 'households'].join(', ');

/** A record as the hub writes it, with `overrides`. */
function record(overrides: Partial<AccessRecord> = {}): AccessRecord {
  const resident = randomUUID();
  return {
    occurredAt: new Date().toISOString(), requestId: randomUUID(), subject: 'witness-test', role: 'POLICE_OFFICER', department: 'police',
    clientApp: 'test', purpose: 'EMERGENCY', caseNumber: null, operationName: 'PersonFile', documentHash: 'a'.repeat(64), outcome: 'DISCLOSED',
    durationMs: 3, residents: [resident], households: [], misses: 0,
    disclosures: [{ subjects: [resident], ALLOW: ['Person.name'], MASK: ['Person.idNumber'], DENY: [] }], decisions: ['ALLOW', 'MASK'],
    ...overrides,
  };
}

/**
 * The tamper cases of a database superuser against a log of its own (a database created for this
 * file, so rewinding it disturbs no other test): each case tampers, runs `audit:verify` (the command's
 * function, as the read-only `onefile_auditor` login, with the witness file and a second witness
 * database) and checks exactly what it printed, then puts the log back and checks it is intact again.
 */
describe('a log nobody can quietly rewrite, not even the database superuser', () => {
  const suffix = `${process.pid}`;
  const dir = path.resolve('.data', `test-witness-tamper-${suffix}`);
  const witnessFile = path.join(dir, 'checkpoints.jsonl');
  let logUrl: string;
  let witnessDbUrl: string;
  let owner: Knex;
  let serving: Knex;
  let store: AuditStore;
  let signer: CheckpointSigner;
  const printed: string[] = [];
  const keyFile = () => devSigningKeyFiles(process.env.ONEFILE_TEST_KEYS_DIR!).publicFile;
  const verifyEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    AUDIT_VERIFY_DATABASE_URL: auditorDatabaseUrl(logUrl, {}), AUDIT_VERIFY_KEY_FILE: keyFile(), AUDIT_WITNESS_FILE: witnessFile,
    AUDIT_WITNESS_DATABASE_URL: witnessDbUrl, ...extra,
  });

  /** What `audit:verify` prints and returns for `env` (defaults: the auditor login, the test key, both witnesses). */
  async function auditVerify(env: NodeJS.ProcessEnv = verifyEnv()): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await runVerify(env, (l) => lines.push(l));
    const out = lines.join('\n');
    printed.push(`[exit ${code}] ${out}`);
    return { code, out };
  }

  /** Runs SQL as the owner with triggers off, as a database superuser can. */
  async function tamper(sql: string, bindings: unknown[] = []): Promise<void> {
    await owner.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx.raw(sql, bindings as never);
    });
  }

  /** The whole log, its checkpoints and head, to put back after a case. */
  async function save() {
    return {
      rows: await owner('access_log').select('*').orderBy('seq'),
      checkpoints: await owner('access_log_checkpoints').select('*').orderBy('id'),
      head: await owner('access_log_head').first(),
    };
  }
  async function restore(saved: Awaited<ReturnType<typeof save>>): Promise<void> {
    await owner.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx.raw('DELETE FROM access_log');
      await trx.raw('DELETE FROM access_log_checkpoints');
      await trx.raw(`INSERT INTO access_log (${WRITTEN}) SELECT ${WRITTEN} FROM json_populate_recordset(NULL::access_log, ?::json)`, [JSON.stringify(saved.rows)]);
      if (saved.checkpoints.length) await trx.raw('INSERT INTO access_log_checkpoints SELECT * FROM json_populate_recordset(NULL::access_log_checkpoints, ?::json)', [JSON.stringify(saved.checkpoints)]);
      await trx('access_log_head').update({ seq: saved.head.seq, hash: saved.head.hash, prev_hash: saved.head.prev_hash });
    });
    expect((await auditVerify()).code).toBe(0);
  }
  const rewindHeadTo = (seq: number) =>
    tamper('UPDATE access_log_head SET seq = l.seq, hash = l.hash, prev_hash = l.prev_hash FROM access_log l WHERE l.seq = ?', [seq]);
  const append = async (n: number) => {
    for (let i = 0; i < n; i++) await store.append(record());
  };

  beforeAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const base = testDatabaseUrls().hub;
    const admin = knexFactory(knexConfig('hub', base, { min: 0, max: 1 }));
    try {
      for (const db of [`onefile_tamper_${suffix}`, `onefile_witness_${suffix}`]) {
        await admin.raw(`DROP DATABASE IF EXISTS ${db}`);
        await admin.raw(`CREATE DATABASE ${db}`);
      }
    } finally {
      await admin.destroy();
    }
    const at = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
    logUrl = at(`onefile_tamper_${suffix}`);
    witnessDbUrl = at(`onefile_witness_${suffix}`);
    owner = knexFactory(knexConfig('hub', logUrl, { min: 0, max: 2 }));
    await owner.migrate.latest();
    await ensureMonthlyPartitions(owner, new Date(), 3);
    serving = knexFactory(knexConfig('hub', servingHubUrl(logUrl, {}), { min: 0, max: 2 }));
    store = new AuditStore(serving);
    signer = testSigner(logUrl, [new FileWitness(witnessFile), new DatabaseWitness(witnessDbUrl)]);
    await append(5);
    expect(await signer.checkpoint()).toMatchObject({ kind: 'signed', checkpoint: { seq: 5 } });
  }, 120_000);

  afterAll(async () => {
    await signer?.finalCheckpoint();
    await serving?.destroy();
    await owner?.destroy();
    const admin = knexFactory(knexConfig('hub', testDatabaseUrls().hub, { min: 0, max: 1 }));
    for (const db of [`onefile_tamper_${suffix}`, `onefile_witness_${suffix}`]) await admin.raw(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.SHOW_AUDIT_VERIFY) process.stdout.write(`audit:verify printed:\n${printed.join('\n')}\n`);
  });

  it('verifies an untouched log as the read-only auditor login, against the head and both witnesses', async () => {
    expect(await auditVerify()).toEqual({
      code: 0,
      out: `access log intact: 5 records, last record 5 = chain head; 1 signed checkpoints in the database, 2 witnessed in ${witnessFile}, ${redactedUrl(witnessDbUrl)} (latest at record 5)`,
    });
  });

  it('reports a tail deleted together with the checkpoints that cover it and a rewound head, naming the first missing record', async () => {
    await append(3);
    expect(await signer.checkpoint()).toMatchObject({ kind: 'signed', checkpoint: { seq: 8 } });
    const saved = await save();
    await tamper('DELETE FROM access_log WHERE seq > 5');
    await tamper('DELETE FROM access_log_checkpoints WHERE seq > 5');
    await rewindHeadTo(5);
    try {
      // The hub database alone now tells a consistent story: only the witnesses remember record 8.
      expect((await verifyChain(owner, testCheckpointKeys().publicKey)).ok).toBe(true);
      const { code, out } = await auditVerify();
      expect(code).toBe(1);
      expect(out).toMatch(/^access log BROKEN at record 6: records 6\.\.8 are missing: the log ends at record 5, before its witnessed checkpoint at record 8 \(\d{4}-.*Z\)$/);
      // Either witness is enough on its own.
      expect((await auditVerify(verifyEnv({ AUDIT_WITNESS_DATABASE_URL: '' }))).out).toMatch(/^access log BROKEN at record 6: records 6\.\.8 are missing/);
      expect((await auditVerify(verifyEnv({ AUDIT_WITNESS_FILE: path.join(dir, 'absent.jsonl') }))).out).toMatch(/^access log BROKEN at record 6: records 6\.\.8 are missing/);
      // And the signer will not sign the rewound head.
      expect(await signer.checkpoint()).toEqual({ kind: 'refused', reason: 'the chain head was rewound: it is at record 5, but record 8 was witnessed' });
    } finally {
      await restore(saved);
    }
  });

  it('reports records deleted since the last checkpoint by the head, and once the witness moved on also with the head rewound', async () => {
    await append(2); // records 9 and 10, not yet checkpointed (the last checkpoint is at 8)
    const saved = await save();
    await tamper('DELETE FROM access_log WHERE seq > 8');
    try {
      expect(await auditVerify()).toEqual({ code: 1, out: 'access log BROKEN at record 9: records 9..10 are missing: the log ends at record 8, but its head is at record 10' });
    } finally {
      await restore(saved);
    }

    expect(await signer.checkpoint()).toMatchObject({ kind: 'signed', checkpoint: { seq: 10 } });
    const witnessed = await save();
    await tamper('DELETE FROM access_log WHERE seq > 8');
    await tamper('DELETE FROM access_log_checkpoints WHERE seq > 8');
    await rewindHeadTo(8);
    try {
      const { code, out } = await auditVerify();
      expect(code).toBe(1);
      expect(out).toMatch(/^access log BROKEN at record 9: records 9\.\.10 are missing: the log ends at record 8, before its witnessed checkpoint at record 10 /);
    } finally {
      await restore(witnessed);
    }
  });

  it('cannot see records deleted with the head rewound before the next checkpoint: that is the stated window (AUDIT_CHECKPOINT_SECONDS)', async () => {
    await append(1); // record 11, after the checkpoint at 10
    const saved = await save();
    await tamper('DELETE FROM access_log WHERE seq > 10');
    await rewindHeadTo(10);
    try {
      expect((await auditVerify()).code).toBe(0);
    } finally {
      await restore(saved);
    }
  });

  it('reports a rewound head on its own', async () => {
    const saved = await save();
    await rewindHeadTo(9);
    try {
      expect(await auditVerify()).toEqual({ code: 1, out: 'access log BROKEN at record 10: the chain head was rewound: it is at record 9, but the log continues to record 11' });
    } finally {
      await restore(saved);
    }
    await tamper("UPDATE access_log_head SET hash = repeat('f', 64)");
    try {
      expect(await auditVerify()).toEqual({ code: 1, out: "access log BROKEN at record 11: the chain head's hash is not record 11's" });
    } finally {
      await restore(saved);
    }
  });

  it('says the verification key is the wrong one instead of reporting record 1 broken', async () => {
    const other = loadCheckpointKeys(path.join(dir, 'other-keys'));
    const ours = keyIdOf(testCheckpointKeys().publicKey);
    const { code, out } = await auditVerify(verifyEnv({ AUDIT_VERIFY_KEY_FILE: devSigningKeyFiles(path.join(dir, 'other-keys')).publicFile }));
    expect(code).toBe(2);
    expect(out).toBe(
      `wrong verification key (key id ${other.keyId}): none of the 9 signed checkpoints verifies with it; they were signed with key id ${ours}. Nothing was verified: pass the signer's public key (AUDIT_VERIFY_KEY_FILE).`,
    );
  });

  it('keeps the logins apart: the serving login cannot write checkpoints, the signer only checkpoints, the auditor only reads', async () => {
    const login = (url: string) => knexFactory(knexConfig('hub', url, { min: 0, max: 1 }));
    const signerDb = login(signerDatabaseUrl(logUrl, {}));
    const auditor = login(auditorDatabaseUrl(logUrl, {}));
    const forged = "INSERT INTO access_log_checkpoints (seq, hash, signed_at, key_id, signature) VALUES (99, 'x', now(), 'k', 's')";
    try {
      await expect(serving.raw(forged)).rejects.toThrow(/permission denied for table access_log_checkpoints/);
      await expect(auditor.raw(forged)).rejects.toThrow(/permission denied/);
      await expect(signerDb.raw('DELETE FROM access_log_checkpoints')).rejects.toThrow(/permission denied/);
      await expect(signerDb.raw('UPDATE access_log_head SET seq = 0')).rejects.toThrow(/permission denied/);
      await expect(signerDb.raw('SELECT * FROM access_log LIMIT 1')).rejects.toThrow(/permission denied/);
      await expect(signerDb.raw("SELECT append_access_records('[]')")).rejects.toThrow(/permission denied/);
      await expect(auditor.raw("SELECT append_access_records('[]')")).rejects.toThrow(/permission denied/);
      await expect(auditor.raw('UPDATE access_log_head SET seq = 0')).rejects.toThrow(/permission denied/);
      expect(Number((await auditor.raw('SELECT count(*) AS n FROM access_log')).rows[0].n)).toBe(11);
    } finally {
      await signerDb.destroy();
      await auditor.destroy();
    }
  });

  it('leaves the caller no canonical text to forge: the database builds it from the stored columns, exactly as verification does', async () => {
    await expect(serving.raw("SELECT append_access_records(ARRAY['forged'], '[]'::jsonb)")).rejects.toThrow(/does not exist/);
    const withFailed = { subjects: [randomUUID()], ALLOW: ['Person.name'], DENY: [], MASK: [], FAILED: ['HealthSection.vaccinations'] };
    const tricky: AccessRecord[] = [
      record({ subject: '张三 "quoted" \\ back\\slash / slash', clientApp: 'emoji 😀 and U+2028 \u2028 and U+2029 \u2029', operationName: null }),
      record({ department: null, purpose: null, caseNumber: null, operationName: null, residents: [], households: [], disclosures: [], decisions: [] }),
      record({ caseNumber: 'tab\there\nnewline\r\u0001\u001f\u007f\b\f', role: 'e\u0301 combining', purpose: '</script><!--' }),
      record({ disclosures: [{ subjects: [], ALLOW: ['a", "b', '"', '\\"', 'x\\'], MASK: [], DENY: ['ü'] }, { subjects: [randomUUID()], ALLOW: [], MASK: [''], DENY: [] }] }),
      record({ outcome: 'REFUSED', refusal: 'FILTER_NOT_PERMITTED', residents: [], disclosures: [], decisions: [] }),
      // Groups may also list FAILED fields (their source failed), between DENY and MASK in the canonical order.
      record({ disclosures: [withFailed, { ...withFailed, FAILED: [] }] }),
    ];
    const seqs = await Promise.all(tricky.map((r) => store.append(r)));
    const rows = await owner('access_log').whereIn('seq', seqs).orderBy('seq');
    // Appended concurrently: pair each stored row with its record by seq, not by position.
    expect(rows.map((r) => Number(r.seq))).toEqual([...seqs].sort((a, b) => a - b));
    const bySeq = new Map(seqs.map((seq, i) => [seq, tricky[i]]));
    for (const row of rows) expect(row.hash).toBe(chainHash(row.prev_hash, canonicalRecord(bySeq.get(Number(row.seq))!)));
    // Extra keys (a hash, a sequence number, a canonical text) are ignored, not trusted.
    const sneaky = { ...record(), hash: 'f'.repeat(64), seq: 1, prev_hash: 'f'.repeat(64), canonical: '{}' };
    const [seq] = (await serving.raw('SELECT append_access_records(?::jsonb) AS seq', [JSON.stringify([Object.fromEntries(Object.entries(sneaky).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]))])])).rows.map((r: { seq: string }) => Number(r.seq));
    expect(seq).toBe(18);
    expect(await signer.checkpoint()).toMatchObject({ kind: 'signed', checkpoint: { seq: 18 } });
    expect(await auditVerify()).toMatchObject({ code: 0, out: expect.stringMatching(/^access log intact: 18 records, last record 18 = chain head; 4 signed checkpoints in the database/) });
  });

  it('runs as `npm run audit:verify` (the CLI entry) with only the auditor login', async () => {
    const cli = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/audit/verifyCli.ts'], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env } }, (err, stdout) =>
          resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout }),
        );
      });
    const intact = await cli(verifyEnv());
    expect(intact).toEqual({ code: 0, stdout: expect.stringMatching(/^access log intact: 18 records, last record 18 = chain head/) });
    printed.push(`[npm run audit:verify, exit ${intact.code}] ${intact.stdout.trim()}`);
  }, 60_000);
});
