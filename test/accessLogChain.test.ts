import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devSigningKeyFiles } from '../src/audit/checkpoints';
import { generateKeyPairSync } from 'node:crypto';
import { startTestHub, TestHub } from './support/http';
import { testSigner, testWitnessFile } from './support/signer';

const CHAIN = '{ accessLogChain { headSeq headHash lastCheckpoint { seq signedAt keyId } lastVerification { ranAt subject status records lastSeq brokenSeq message } } }';
const VERIFY = '{ verifyAccessLog { ranAt subject status records lastSeq checkpoints witnessed brokenSeq message } }';

/**
 * The access log's integrity through the API (issue 19: the console's verify button): the chain's
 * state and a verification that checks what `npm run audit:verify` checks, with the same key and
 * witnesses, for auditors only; every run is kept as the last verification.
 */
describe('access log chain state and verification for auditors', () => {
  let t: TestHub;
  const saved = { key: process.env.AUDIT_VERIFY_KEY_FILE, witness: process.env.AUDIT_WITNESS_FILE };
  const auditor = () => t.as({ role: 'AUDITOR', subject: 'chain-auditor' });

  beforeAll(async () => {
    t = await startTestHub();
    process.env.AUDIT_VERIFY_KEY_FILE = devSigningKeyFiles(process.env.ONEFILE_TEST_KEYS_DIR!).publicFile;
    process.env.AUDIT_WITNESS_FILE = testWitnessFile();
  });

  afterAll(async () => {
    for (const [name, value] of [['AUDIT_VERIFY_KEY_FILE', saved.key], ['AUDIT_WITNESS_FILE', saved.witness]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await t?.close();
  });

  it('refuses the chain and the verification to every role but AUDITOR', async () => {
    for (const role of ['POLICE_OFFICER', 'STREET_STAFF', 'RESIDENT', 'ADMIN'] as const) {
      for (const query of [CHAIN, VERIFY]) {
        const r = await t.as({ role, purpose: role === 'POLICE_OFFICER' ? 'EMERGENCY' : undefined, grids: role === 'STREET_STAFF' ? ['110101001001-G01'] : undefined, subject: role === 'RESIDENT' ? '00000000-0000-4000-8000-000000000000' : undefined })(query);
        expect(r.data?.accessLogChain ?? r.data?.verifyAccessLog ?? null).toBeNull();
        expect(r.errors?.[0]?.extensions?.code).toBeDefined();
      }
    }
  });

  it('verifies the log as audit:verify does, reports INTACT with the records checked, and keeps it as the last verification with the head and last checkpoint', async () => {
    // A record, then a checkpoint over it, so there is something signed to check.
    const { id } = await t.dbs.hub('person_index').select('id').orderBy('id').first();
    expect((await t.query(`{ person(id: "${id}") { name } }`)).errors).toBeUndefined();
    expect((await testSigner().finalCheckpoint())?.kind).toBe('signed');
    const before = (await auditor()(CHAIN)).data!.accessLogChain;
    const r = await auditor()(VERIFY);
    expect(r.errors).toBeUndefined();
    const v = r.data!.verifyAccessLog;
    expect(v).toMatchObject({ subject: 'chain-auditor', status: 'INTACT', brokenSeq: null });
    expect(Number(v.lastSeq)).toBeGreaterThanOrEqual(Number(before.headSeq));
    expect(v.records).toBe(Number(v.lastSeq));
    expect(v.message).toMatch(/^access log intact: \d+ records/);

    const after = (await auditor()(CHAIN)).data!.accessLogChain;
    expect(after.lastVerification).toMatchObject({ ranAt: v.ranAt, status: 'INTACT', lastSeq: v.lastSeq, subject: 'chain-auditor' });
    expect(Number(after.headSeq)).toBeGreaterThanOrEqual(Number(v.lastSeq));
    expect(after.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(after.lastCheckpoint.seq)).toBeGreaterThan(0);
    expect(Number(after.lastCheckpoint.seq)).toBeLessThanOrEqual(Number(after.headSeq));
    expect(v.checkpoints).toBeGreaterThan(0);
    expect(v.witnessed).toBeGreaterThan(0);
  });

  it('says CANNOT_RUN, with the reason, when the key is missing or is not the signer\'s, and keeps that too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-chain-'));
    try {
      process.env.AUDIT_VERIFY_KEY_FILE = path.join(dir, 'missing.pem');
      const missing = (await auditor()(VERIFY)).data!.verifyAccessLog;
      expect(missing).toMatchObject({ status: 'CANNOT_RUN', records: 0 });
      expect(missing.message).toContain('no verification key');
      expect((await auditor()(CHAIN)).data!.accessLogChain.lastVerification.status).toBe('CANNOT_RUN');

      const other = path.join(dir, 'other.pem');
      fs.writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
      process.env.AUDIT_VERIFY_KEY_FILE = other;
      // The previous test left at least one signed checkpoint, which this key does not verify.
      const wrong = (await auditor()(VERIFY)).data!.verifyAccessLog;
      expect(wrong.status).toBe('CANNOT_RUN');
      expect(wrong.message).toMatch(/wrong verification key/);
    } finally {
      process.env.AUDIT_VERIFY_KEY_FILE = devSigningKeyFiles(process.env.ONEFILE_TEST_KEYS_DIR!).publicFile;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
