import { manyByKey, oneByKey } from '../src/sources/keyedLoader';
import { closeDatabases, Databases } from '../src/db/databases';
import { createHubLoaders } from '../src/sources/hub/hubLoaders';
import { openTestDatabases } from './support/testDatabases';

describe('keyed loaders', () => {
  it('fetch each batch with its keys in code-point order and answer in the order asked', async () => {
    const batches: string[][] = [];
    const rows = ['b', 'a', 'c'].map((k) => ({ k, v: k.toUpperCase() }));
    const one = oneByKey('test', async (keys: readonly string[]) => (batches.push([...keys]), rows.filter((r) => keys.includes(r.k))), (r) => r.k);
    expect(await one.loadMany(['c', 'x', 'a', 'b'])).toEqual([rows[2], null, rows[1], rows[0]]);
    const many = manyByKey('test', async (keys: readonly string[]) => (batches.push([...keys]), rows.filter((r) => keys.includes(r.k))), (r) => r.k);
    expect(await many.loadMany(['b', 'a'])).toEqual([[rows[0]], [rows[1]]]);
    expect(batches).toEqual([['a', 'b', 'c', 'x'], ['a', 'b']]);
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
