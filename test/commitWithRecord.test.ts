import { commitWithRecord, WriteOutcome } from '../src/audit/commitWithRecord';
import { closeDatabases, Databases } from '../src/db/databases';
import { openOwnerTestDatabases } from './support/testDatabases';

/**
 * The one write-commit path (src/audit/commitWithRecord.ts), on real PostgreSQL: a temporary table
 * per transaction holds the "write"; a deferred constraint trigger fails COMMIT on demand.
 */
describe('a write commits together with its access record, failing closed', () => {
  let dbs: Databases;
  beforeAll(async () => {
    dbs = openOwnerTestDatabases();
    await dbs.hub.raw(`
      CREATE TABLE IF NOT EXISTS commit_path_probe (id text PRIMARY KEY, fail boolean NOT NULL DEFAULT false);
      CREATE OR REPLACE FUNCTION commit_path_probe_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.fail THEN RAISE EXCEPTION 'injected commit failure'; END IF; RETURN NULL; END $$;
      DROP TRIGGER IF EXISTS commit_path_probe_fail ON commit_path_probe;
      CREATE CONSTRAINT TRIGGER commit_path_probe_fail AFTER INSERT ON commit_path_probe DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION commit_path_probe_fail();`);
  });
  afterAll(async () => {
    await dbs.hub.raw('DROP TABLE IF EXISTS commit_path_probe; DROP FUNCTION IF EXISTS commit_path_probe_fail()');
    await closeDatabases(dbs);
  });

  const present = async (id: string) => (await dbs.hub('commit_path_probe').where({ id }).first()) !== undefined;

  async function write(id: string, fail = false) {
    const trx = await dbs.hub.transaction();
    await trx('commit_path_probe').insert({ id, fail });
    return trx;
  }

  function recorder(failOn: WriteOutcome[] = []) {
    const appended: WriteOutcome[] = [];
    return {
      appended,
      append: async (outcome: WriteOutcome) => {
        if (failOn.includes(outcome)) throw Object.assign(new Error('log down'), { code: 'LOG_DOWN' });
        appended.push(outcome);
      },
    };
  }

  it('commits after appending WRITTEN, and appends nothing else', async () => {
    const log = recorder();
    const trx = await write('ok');
    await commitWithRecord(trx, { requestId: 'r1', what: 'probe', append: log.append });
    expect(log.appended).toEqual(['WRITTEN']);
    expect(await present('ok')).toBe(true);
    expect(trx.isCompleted()).toBe(true);
  });

  it('rolls the write back and throws the not-logged error when WRITTEN cannot be appended', async () => {
    const log = recorder(['WRITTEN']);
    const trx = await write('unlogged');
    await expect(commitWithRecord(trx, { requestId: 'r2', what: 'probe', append: log.append, notLogged: () => new Error('AUDIT_UNAVAILABLE') }))
      .rejects.toThrow('AUDIT_UNAVAILABLE');
    expect(log.appended).toEqual([]);
    expect(await present('unlogged')).toBe(false);
    expect(trx.isCompleted()).toBe(true);
  });

  it('appends a WRITE_FAILED twin and throws the not-committed error when COMMIT fails', async () => {
    const log = recorder();
    const trx = await write('failed', true);
    await expect(commitWithRecord(trx, { requestId: 'r3', what: 'probe', append: log.append, notCommitted: () => new Error('NOT_RECORDED') }))
      .rejects.toThrow('NOT_RECORDED');
    expect(log.appended).toEqual(['WRITTEN', 'WRITE_FAILED']);
    expect(await present('failed')).toBe(false);
  });

  it('settles as committed, without a twin, when the write is known to have taken effect after a failed COMMIT', async () => {
    const log = recorder();
    const trx = await write('took-effect', true);
    await commitWithRecord(trx, { requestId: 'r4', what: 'probe', append: log.append, committedAnyway: async () => true });
    expect(log.appended).toEqual(['WRITTEN']);
  });

  it('throws without a twin when whether the write took effect is unknown, and still throws when the twin cannot be appended', async () => {
    const unknown = recorder();
    await expect(commitWithRecord(await write('unknown', true), { requestId: 'r5', what: 'probe', append: unknown.append, committedAnyway: async () => null }))
      .rejects.toThrow('injected commit failure');
    expect(unknown.appended).toEqual(['WRITTEN']);
    const noTwin = recorder(['WRITE_FAILED']);
    await expect(commitWithRecord(await write('no-twin', true), { requestId: 'r6', what: 'probe', append: noTwin.append, committedAnyway: async () => false }))
      .rejects.toThrow('injected commit failure');
    expect(noTwin.appended).toEqual(['WRITTEN']);
  });
});
