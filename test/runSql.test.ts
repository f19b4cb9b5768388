import { closeDatabases, Databases } from '../src/db/databases';
import { bindable, runSql } from '../src/sources/runSql';
import { openTestDatabases } from './support/testDatabases';

describe('binding arrays in runSql', () => {
  let dbs: Databases;
  beforeAll(() => {
    dbs = openTestDatabases();
  });
  afterAll(() => closeDatabases(dbs));

  it('sends arrays of ID numbers, codes and uuids as one unquoted literal', () => {
    expect(bindable(['11010119490101001X', '110101200001011234'])).toBe('{11010119490101001X,110101200001011234}');
    expect(bindable(['c1ccd0c6-108e-4bdd-8ce3-f90aee06f169'])).toBe('{c1ccd0c6-108e-4bdd-8ce3-f90aee06f169}');
  });

  it.each([
    ['a comma', ['a,b']], ['a quote', ['x"y']], ['a brace', ['{}']], ['a space', [' a']], ['the word null', ['NULL']],
    ['an empty string', ['']], ['a number', [1, 2]], ['no elements', []],
  ])('leaves an array holding %s to pg', (_what, value) => {
    expect(bindable(value)).toBe(value);
  });

  it.each([
    ['bare elements', ['11010119490101001X', 'B-12.3:x_y']],
    ['elements that need quoting', ['a,b', 'x"y', 'NULL', 'null', '', ' padded ', 'back\\slash', '{braces}', '王小明']],
  ])('round-trips %s through PostgreSQL unchanged', async (_what, value) => {
    const rows = await runSql<{ v: string | null; i: string }>(dbs.hub, 'SELECT v, i FROM unnest($1::text[]) WITH ORDINALITY AS u(v, i) ORDER BY i', [value]);
    expect(rows.map((r) => r.v)).toEqual(value);
  });
});
