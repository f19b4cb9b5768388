import { closeDatabases, Databases } from '../src/db/databases';
import { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { collectAll } from './support/searchPages';
import { openOwnerTestDatabases } from './support/testDatabases';

const GRIDS = ['110101001001-G01', '110101001001-G02', '110101001002-G01'];
const STAFF: Caller = { role: 'STREET_STAFF', grids: GRIDS, purpose: 'HOME_VISIT' };

describe('searching by visits', () => {
  let t: TestHub;
  let owner: Databases;
  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  /** Hub ids of persons met at a visit since `days` ago, straight from the street tables. */
  const metSince = async (days: number) => new Set<string>((await owner.street.raw(
    "SELECT DISTINCT person_id::text AS id FROM visit_members WHERE visited_at >= now() - make_interval(days => ?)", [days])).rows.map((r: { id: string }) => r.id));

  it.each([40, 60, 120])('finds exactly the elderly living alone in my grids not met for %i days', async (days) => {
    const q = t.as(STAFF);
    const base = { gridIds: GRIDS, tags: ['ELDERLY_LIVING_ALONE'] };
    const all = await collectAll(q, 'searchPersons', base);
    expect(all.ids.length).toBeGreaterThan(10);
    const met = await metSince(days);
    const truth = all.ids.filter((id) => !met.has(id));
    const found = await collectAll(q, 'searchPersons', { ...base, notVisitedSinceDays: days }, 7);
    expect(found.ids).toEqual(truth);
    expect(found.totalCount).toBe(truth.length);
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.length).toBeLessThan(all.ids.length);
  });

  it('finds the households whose latest visit found someone else living there (visitOutcome)', async () => {
    const q = t.as(STAFF);
    const all = await collectAll(q, 'searchHouseholds', { gridIds: GRIDS });
    const last = await owner.street.raw(`
      SELECT DISTINCT ON (household_id) household_id::text AS id, outcome FROM visits WHERE household_id = ANY(?::uuid[])
      ORDER BY household_id, visited_at DESC, id DESC`, [all.ids]);
    const notLivingHere = new Set(last.rows.filter((r: { outcome: string }) => r.outcome === 'NOT_LIVING_HERE').map((r: { id: string }) => r.id));
    const found = await collectAll(q, 'searchHouseholds', { gridIds: GRIDS, visitOutcome: 'NOT_LIVING_HERE' });
    expect(found.ids).toEqual(all.ids.filter((id) => notLivingHere.has(id)));
    expect(found.ids.length).toBeGreaterThan(0);
  });

  it('refuses a department both visit filters: "not met since" tells who was met and how visits ended, not only their dates', async () => {
    const civil = t.as({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT' });
    const notMet = await civil('{ searchHouseholds(filter: { gridIds: ["110101001001-G01"], notVisitedSinceDays: 60 }) { totalCount } }');
    expect(notMet.errors?.map((e) => e.extensions?.code)).toEqual(['FILTER_NOT_PERMITTED']);
    const refused = await civil('{ searchHouseholds(filter: { gridIds: ["110101001001-G01"], visitOutcome: NOT_HOME }) { totalCount } }');
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FILTER_NOT_PERMITTED']);
    const bad = await t.as(STAFF)('{ searchPersons(filter: { notVisitedSinceDays: 0 }) { totalCount } }');
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_FILTER']);
  });
});
