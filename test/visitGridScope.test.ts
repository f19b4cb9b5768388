import { randomUUID } from 'node:crypto';
import { closeDatabases, Databases } from '../src/db/databases';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRID = '110101001001-G01';
const LAST = 'query Last($id: ID!) { person(id: $id) { id lastVisit { id note outcome } } }';

/**
 * A street worker reads the visits of their grids. A resident of their grid may have been met in
 * another grid (where they lived before moving in): what that grid's worker found and heard there
 * is not the worker's to read, through Person.lastVisit or otherwise.
 */
describe("a street worker's view of a resident's visits made outside their grids", () => {
  let t: TestHub;
  let owner: Databases;
  let person: string;
  let inGrid: { visit_id: string };
  const elsewhere = { id: randomUUID(), grid: '', household: '' };

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    // A resident of GRID met at a visit there (their latest one in GRID is the expected answer).
    const met = await owner.street('visit_members').join('visits', 'visits.id', 'visit_members.visit_id').where('visits.grid_id', GRID)
      .orderBy('visit_members.person_id').select('visit_members.person_id').first();
    person = met!.person_id as string;
    inGrid = (await owner.street('visit_members').join('visits', 'visits.id', 'visit_members.visit_id').where({ person_id: person, 'visits.grid_id': GRID })
      .orderBy([{ column: 'visit_members.visited_at', order: 'desc' }, { column: 'visit_members.visit_id', order: 'desc' }]).select('visit_members.visit_id').first())!;
    // A later visit at which they were met in another grid, at a household there: the street's
    // record of a visit made before they moved (written the way the seed writes its history).
    const other = await owner.street('visits').whereNot({ grid_id: GRID }).orderBy('id').select('grid_id', 'household_id', 'community_code').first();
    Object.assign(elsewhere, { grid: other!.grid_id, household: other!.household_id });
    await owner.street.transaction(async (trx) => {
      await trx('visits').insert({
        id: elsewhere.id, household_id: elsewhere.household, grid_id: elsewhere.grid, community_code: other!.community_code,
        visited_at: new Date(Date.now() - 60_000), staff_subject: `seed-grid-worker-${elsewhere.grid}`, purpose: 'HOME_VISIT', outcome: 'MET',
        note: '腿脚不便', request_id: 'seed', idempotency_key: `seed-${elsewhere.id}`, payload_hash: 'seed',
      });
      await trx('visit_members').insert({ visit_id: elsewhere.id, person_id: person, visited_at: new Date(Date.now() - 60_000), grid_id: elsewhere.grid });
    });
  });
  afterAll(async () => {
    await owner.street('visits').where({ id: elsewhere.id }).delete();
    await closeDatabases(owner);
    await t.close();
  });

  it('gives the latest visit made in their grids, not a later one made in another grid', async () => {
    const res = await t.as({ role: 'STREET_STAFF', grids: [GRID], purpose: 'HOME_VISIT', subject: 'grid-scope-1' })(LAST, { id: person });
    expect(res.errors).toBeUndefined();
    expect(res.data!.person).toEqual({ id: person, lastVisit: expect.objectContaining({ id: inGrid.visit_id }) });
  });

  it('gives the resident their own latest visit wherever it was made', async () => {
    const res = await t.as({ role: 'RESIDENT', subject: person, purpose: 'SELF_SERVICE' })(LAST, { id: person });
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.lastVisit).toMatchObject({ id: elsewhere.id, outcome: 'MET', note: '腿脚不便' });
  });

  it("gives the other grid's worker nothing of the resident (row scope: they are not theirs)", async () => {
    const res = await t.as({ role: 'STREET_STAFF', grids: [elsewhere.grid], purpose: 'HOME_VISIT', subject: 'grid-scope-2' })(LAST, { id: person });
    expect(res.data?.person ?? null).toBeNull();
  });
});
