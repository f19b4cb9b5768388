import { subjectsOf } from '../src/checks/run';
import { makeIdNumber } from '../src/identity/idNumber';
import { personIndexByIdNumber } from '../src/sources/hub/hubSource';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';

/**
 * A look-up by ID number never mints a hub id (issue 18): only persons police hold get one (the
 * index registers the numbers of police rows, nothing else), so an ID number nobody holds leaves
 * no trace, and `verify` by such a number answers exactly as by the number of a resident out of
 * the caller's reach — in the response and in the access record.
 */
const GRID = '110101001001-G01';
const STREET: Caller = { role: 'STREET_STAFF', purpose: 'SERVICE_APPLICATION', grids: [GRID] };
const VERIFY = `query LookupByNumber($idNumber: String) {
  verify(serviceItem: "ELDERLY_PREFERENTIAL_CARD", claims: [AGED_60_OR_OVER, ALIVE], idNumber: $idNumber) { residentId answers { agedSixtyOrOver alive } }
}`;

describe('look-ups by ID number mint no hub id', () => {
  let t: TestHub;
  let outside: string;
  /** Valid ID numbers (check character right) that no department holds. */
  const nobody = [makeIdNumber('110101', '1931-02-03', 987), makeIdNumber('110101', '1931-02-03', 988)];
  const indexed = async (n: string) => (await t.dbs.hub('person_index').where({ id_number: n }).first()) !== undefined;

  beforeAll(async () => {
    t = await startTestHub();
    for (const n of nobody) expect(await t.dbs.police('persons').where({ id_number: n }).first()).toBeUndefined();
    const gridOf = new Map<string, string>((await t.dbs.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]));
    const persons = (await t.dbs.police.raw(`SELECT p.id_number, h.building_code FROM persons p JOIN households h USING (household_no) WHERE p.birth_date < '1955-01-01' ORDER BY p.id_number`)).rows as Array<{ id_number: string; building_code: string }>;
    outside = persons.find((p) => gridOf.get(p.building_code) !== GRID)!.id_number;
  });
  afterAll(() => t.close());

  it('personIndexByIdNumber finds indexed numbers and registers nothing for the others', async () => {
    const before = await t.dbs.hub('person_index').count('* as n');
    const rows = await personIndexByIdNumber(t.dbs.hub, [outside, ...nobody]);
    expect(rows.map((r) => r.id_number.trim())).toEqual([outside]);
    expect(await t.dbs.hub('person_index').count('* as n')).toEqual(before);
    for (const n of nobody) expect(await indexed(n)).toBe(false);
  });

  it('verify by an ID number nobody holds answers exactly as by one out of reach, records the same, and leaves no hub id', async () => {
    const ask = t.as(STREET);
    const [unknown, unreachable] = [await ask(VERIFY, { idNumber: nobody[0] }), await ask(VERIFY, { idNumber: outside })];
    expect(JSON.parse(unknown.text)).toEqual(JSON.parse(unreachable.text));
    expect([unknown.status, unknown.errors!.map((e) => e.extensions!.code)]).toEqual([200, ['RESIDENT_NOT_FOUND']]);
    const records = await t.dbs.hub('access_log').where({ operation_name: 'LookupByNumber' }).orderBy('seq', 'desc').limit(2)
      .select('outcome', 'refusal', 'residents', 'households', 'misses', 'disclosures', 'decisions', 'case_number', 'purpose', 'role');
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual(records[1]);
    expect(records[0]).toMatchObject({ residents: [], misses: 1 });
    expect(await indexed(nobody[0])).toBe(false);
  });

  it('a check run\'s case about an ID number police do not know gets no hub id: it is counted, not recorded', async () => {
    const { subjects, unknownToPolice } = await subjectsOf(t.dbs, [{ idNumber: nobody[1] }, { idNumber: outside }, { ownerRecord: 'civil.assistance:1' }]);
    const outsideId = (await t.dbs.hub('person_index').where({ id_number: outside }).first('id')).id;
    expect({ subjects, unknownToPolice }).toEqual({ subjects: [{ key: outsideId, personId: outsideId }, { key: 'civil.assistance:1', personId: null }], unknownToPolice: 1 });
    expect(await indexed(nobody[1])).toBe(false);
  });
});
