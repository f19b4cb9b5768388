import { manyByKey, oneByKey } from '../src/sources/keyedLoader';
import { closeDatabases, Databases } from '../src/db/databases';
import { createHubLoaders } from '../src/sources/hub/hubLoaders';
import { openTestDatabases } from './support/testDatabases';
import { confirmTagsSql } from '../src/sources/search/tagChecks';
import { Tag } from '../src/tags/tag';

describe('keyed loaders', () => {
  it('fetch each batch with its keys in code-unit order (digits before X, B before a) and answer in the order asked', async () => {
    const batches: string[][] = [];
    const keys = ['a', '11010119490101001X', 'B', '110101194901010010'];
    const rows = keys.map((k) => ({ k, v: k.toUpperCase() }));
    const fetch = async (asked: readonly string[]) => (batches.push([...asked]), rows.filter((r) => asked.includes(r.k)));
    const one = oneByKey('test', fetch, (r) => r.k);
    expect(await one.loadMany(['B', 'x', 'a', '11010119490101001X'])).toEqual([rows[2], null, rows[0], rows[1]]);
    const many = manyByKey('test', fetch, (r) => r.k);
    expect(await many.loadMany(['11010119490101001X', '110101194901010010'])).toEqual([[rows[1]], [rows[3]]]);
    expect(batches).toEqual([['11010119490101001X', 'B', 'a', 'x'], ['110101194901010010', '11010119490101001X']]);
  });

  it('send the tag checks their ID numbers in the same order, whatever order the candidates came in', () => {
    const { values } = confirmTagsSql([Tag.DISABLED], ['11010119490101001X', '110101194901010010', '110101193001010011']);
    expect(values).toEqual([['110101193001010011', '110101194901010010', '11010119490101001X']]);
  });

  describe('against the hub database', () => {
    let dbs: Databases;
    beforeAll(() => {
      dbs = openTestDatabases();
    });
    afterAll(() => closeDatabases(dbs));

    it('map hub ids back to ID numbers asked in descending order', async () => {
      const index: Array<{ id: string; id_number: string }> = await dbs.hub('person_index').select('id', 'id_number').orderBy('id_number', 'desc').limit(5);
      const loaded = await createHubLoaders(dbs.hub).personIndexByIdNumber.loadMany(index.map((r) => r.id_number));
      expect(loaded.map((r) => (r instanceof Error ? r : r?.id))).toEqual(index.map((r) => r.id));
    });
  });
});
