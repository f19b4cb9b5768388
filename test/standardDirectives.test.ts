import { closeDatabases, Databases } from '../src/db/databases';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';

describe('@include and @skip', () => {
  let t: TestHub;
  let owner: Databases;
  let id: string;
  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const codes = await t.dbs.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const { rows } = await t.dbs.police.raw(`SELECT p.id_number FROM persons p JOIN households h USING (household_no) WHERE h.building_code = ANY(?) AND p.phone IS NOT NULL ORDER BY 1 LIMIT 1`, [codes]);
    id = (await t.dbs.hub('person_index').where({ id_number: rows[0].id_number }).first()).id;
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  const staff = () => t.as({ role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT' });
  const lastRecord = () => owner.hub('access_log').orderBy('seq', 'desc').first();

  it('are served (standard clients send them) and choose fields as the spec says', async () => {
    const res = await staff()(
      `query($yes: Boolean!, $no: Boolean!) { person(id: $id) { id name @include(if: $yes) age @skip(if: $yes) sex @include(if: $no) } }`.replace('$id', `"${id}"`),
      { yes: true, no: false },
    );
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data!.person).sort()).toEqual(['id', 'name']);
  });

  it('cannot change a decision: a masked field under @include(if: true) stays masked, a denied one denied', async () => {
    const res = await staff()(`{ person(id: "${id}") { idNumber @include(if: true) watchFlag @include(if: true) ... @include(if: true) { birthDate } } }`);
    expect(res.data!.person.idNumber).toMatch(/^\d{6}\*{12}$/);
    expect(res.data!.person.birthDate).toMatch(/^\d+-\d+$/);
    expect(res.data!.person.watchFlag).toBeNull();
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['person.watchFlag', 'FIELD_DENIED']]);
  });

  it('records what ran: a field skipped by @skip is not written to the access log as disclosed, one kept by it is', async () => {
    await staff()(`{ person(id: "${id}") { id phone @skip(if: true) idNumber @skip(if: false) } }`);
    const record = await lastRecord();
    const disclosed = record.disclosures.flatMap((d: Record<string, string[]>) => [...(d.ALLOW ?? []), ...(d.MASK ?? []), ...(d.DENY ?? [])]);
    expect(disclosed).toContain('Person.idNumber');
    expect(disclosed).not.toContain('Person.phone');
    expect(record.disclosures[0].MASK).toEqual(['Person.idNumber']);
  });

  it('cannot smuggle a resident-data root past the purpose check', async () => {
    const res = await t.as({ role: 'STREET_STAFF', grids: [GRID] })(`{ viewer { role } person(id: "${id}") @include(if: false) { idNumber } }`);
    expect(res.errors?.[0].extensions?.code).toBe('PURPOSE_REQUIRED');
    expect(res.data ?? null).toBeNull();
  });
});
