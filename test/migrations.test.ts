import { closeDatabases, Databases } from '../src/db/databases';
import { backfillNamePinyin } from '../migrations/police/20261122000000_search';
import { openOwnerTestDatabases } from './support/testDatabases';

describe('migrations on databases that already hold data', () => {
  let owner: Databases;
  beforeAll(() => {
    owner = openOwnerTestDatabases();
  });
  afterAll(() => closeDatabases(owner));

  it('backfills the pinyin search columns of existing police records', async () => {
    const sample = await owner.police('persons').whereNotNull('name_pinyin').orderBy('id_number').limit(3).select('id_number', 'name_pinyin', 'name_initials');
    await owner.police.transaction(async (trx) => {
      await trx('persons').whereIn('id_number', sample.map((s) => s.id_number)).update({ name_pinyin: null, name_initials: null });
      expect(await backfillNamePinyin(trx, 2)).toBe(3);
      const refilled = await trx('persons').whereIn('id_number', sample.map((s) => s.id_number)).orderBy('id_number').select('id_number', 'name_pinyin', 'name_initials');
      expect(refilled).toEqual(sample);
      await trx.rollback();
    }).catch((err) => {
      if (!(err instanceof Error) || !/rollback/i.test(err.message)) throw err;
    });
  });

  it('indexes the residents of every access-log partition without a GIN pending list (no flush stalls)', async () => {
    const { rows } = await owner.hub.raw(`
      SELECT c.relname, coalesce(c.reloptions, '{}') AS options
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        JOIN pg_class t ON t.oid = i.indrelid
       WHERE a.amname = 'gin' AND t.relname LIKE 'access_log%'`);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect({ index: r.relname, options: r.options }).toEqual({ index: r.relname, options: ['fastupdate=off'] });
  });
});
