import { closeDatabases, Databases } from '../src/db/databases';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const MONTH = '2026-10';
const COVERAGE = `query Coverage($month: String!, $gridId: String, $communityCode: String) {
  visitCoverage(month: $month, gridId: $gridId, communityCode: $communityCode) {
    month rows { group rule due visited overdue coveragePercent } grids { gridId rows { group due visited } }
  }
}`;

interface Truth { group: string; due: number; visited: number }

/**
 * The ledger computed another way, straight from the tables: months by China-time calendar text,
 * ages by PostgreSQL's age(), groups by set membership, counts by filtering.
 */
async function truthFor(owner: Databases, gridIds: string[]): Promise<Truth[]> {
  const lastDay = '2026-10-31';
  const codes = await owner.hub('buildings').whereIn('grid_id', gridIds).pluck('code');
  const persons: Array<{ id_number: string; age: number }> = (await owner.police.raw(
    `SELECT p.id_number, date_part('year', age(?::date, p.birth_date))::int AS age FROM persons p JOIN households h ON h.household_no = p.household_no WHERE h.building_code = ANY(?)`,
    [lastDay, codes])).rows;
  const ids = persons.map((p) => p.id_number);
  const hub = new Map<string, string>((await owner.hub('person_index').whereIn('id_number', ids).select('id', 'id_number')).map((r) => [r.id_number, r.id]));
  const alone = new Set(await owner.civil('elderly_care').where({ lives_alone: true }).whereIn('id_number', ids).pluck('id_number'));
  const disabled = new Set(await owner.civil('disabilities').whereIn('id_number', ids).pluck('id_number'));
  const children = new Set(await owner.civil('children_in_difficulty').whereIn('id_number', ids).pluck('id_number'));
  const months: Array<{ person_id: string; month: string }> = (await owner.street.raw(
    `SELECT m.person_id::text AS person_id, to_char(m.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM visit_members m`)).rows;
  const inMonth = new Map<string, number>();
  const inQuarter = new Set<string>();
  for (const v of months) {
    if (v.month === '2026-10') inMonth.set(v.person_id, (inMonth.get(v.person_id) ?? 0) + 1);
    if (['2026-08', '2026-09', '2026-10'].includes(v.month)) inQuarter.add(v.person_id);
  }
  const rows = new Map<string, Truth>();
  const add = (group: string, ok: boolean) => {
    const r = rows.get(group) ?? { group, due: 0, visited: 0 };
    r.due++;
    if (ok) r.visited++;
    rows.set(group, r);
  };
  for (const p of persons) {
    const id = hub.get(p.id_number)!;
    const groups = [
      ...(p.age >= 60 && alone.has(p.id_number) ? ['ELDERLY_LIVING_ALONE'] : []),
      ...(disabled.has(p.id_number) ? ['DISABLED'] : []),
      ...(p.age < 18 && children.has(p.id_number) ? ['CHILD_IN_DIFFICULTY'] : []),
    ];
    const ok = groups.length ? (inMonth.get(id) ?? 0) >= 2 : inQuarter.has(id);
    groups.forEach((g) => add(g, ok));
    add(groups.length ? 'SPECIAL_GROUPS' : 'OTHERS', ok);
    add('ALL', ok);
  }
  return ['ELDERLY_LIVING_ALONE', 'DISABLED', 'CHILD_IN_DIFFICULTY', 'SPECIAL_GROUPS', 'OTHERS', 'ALL'].map((g) => rows.get(g) ?? { group: g, due: 0, visited: 0 });
}

describe('the visit coverage ledger', () => {
  let t: TestHub;
  let owner: Databases;
  let community: { code: string; grids: string[] };

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const first = await owner.hub('grids').orderBy('id').first();
    community = { code: first.community_code, grids: await owner.hub('grids').where({ community_code: first.community_code }).orderBy('id').pluck('id') };
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  it('equals the ledger computed from the tables for a seeded month, for both rules and every group, per grid', async () => {
    const percents: number[] = [];
    const grids: string[] = await owner.hub('grids').orderBy('id').limit(6).pluck('id');
    for (const grid of grids) {
      const res = await t.as({ role: 'STREET_STAFF', grids: [grid] })(COVERAGE, { month: MONTH, gridId: grid });
      expect(res.errors).toBeUndefined();
      const rows = res.data!.visitCoverage.rows;
      const truth = await truthFor(owner, [grid]);
      expect(rows.map((r: Truth) => ({ group: r.group, due: r.due, visited: r.visited }))).toEqual(truth);
      for (const r of rows) {
        expect(r.overdue).toBe(r.due - r.visited);
        expect(r.coveragePercent).toBe(r.due ? Math.round((1000 * r.visited) / r.due) / 10 : null);
      }
      expect(rows.find((r: Truth) => r.group === 'SPECIAL_GROUPS').due).toBeGreaterThan(0);
      percents.push(rows.find((r: Truth) => r.group === 'ALL').coveragePercent);
    }
    // The seed's grids differ in diligence: some meet the 80% target, some fall short.
    console.log(`coverage ${MONTH} of the first grids: ${percents.join(', ')}%`);
    expect(Math.min(...percents)).toBeLessThan(80);
    expect(Math.max(...percents)).toBeGreaterThan(Math.min(...percents) + 5);
  });

  it('adds up a community from its grids', async () => {
    const res = await t.as({ role: 'STREET_STAFF', grids: community.grids })(COVERAGE, { month: MONTH, communityCode: community.code });
    expect(res.errors).toBeUndefined();
    const c = res.data!.visitCoverage;
    expect(c.grids.map((g: { gridId: string }) => g.gridId)).toEqual(community.grids);
    expect(c.rows.map((r: Truth) => ({ group: r.group, due: r.due, visited: r.visited }))).toEqual(await truthFor(owner, community.grids));
  });

  it('answers a grid outside the caller\'s like one that does not exist, and refuses other roles and bad months', async () => {
    const mine = community.grids[0];
    const other = (await owner.hub('grids').whereNot({ id: mine }).orderBy('id').first()).id;
    const outside = await t.as({ role: 'STREET_STAFF', grids: [mine] })(COVERAGE, { month: MONTH, gridId: other });
    const missing = await t.as({ role: 'STREET_STAFF', grids: [mine] })(COVERAGE, { month: MONTH, gridId: 'NO-SUCH-GRID' });
    expect(outside.errors?.map((e) => e.extensions?.code)).toEqual(['AREA_NOT_FOUND']);
    expect(outside.errors?.[0].message).toBe(missing.errors?.[0].message);
    const police = await t.as({ role: 'POLICE_OFFICER', purpose: 'EMERGENCY' })(COVERAGE, { month: MONTH, gridId: mine });
    expect(police.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const bad = await t.as({ role: 'STREET_STAFF', grids: [mine] })(COVERAGE, { month: '2026-13', gridId: mine });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_MONTH']);
  });
});
