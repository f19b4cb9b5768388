import { closeDatabases, Databases } from '../src/db/databases';
import type { CoverageResident } from '../src/departments/street/coverageSource';
import { protectGrid, publishedLedger } from '../src/departments/street/coverageSuppression';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

const MONTH = '2026-10';
const COVERAGE = `query Coverage($month: String!, $gridId: String, $communityCode: String) {
  visitCoverage(month: $month, gridId: $gridId, communityCode: $communityCode) {
    month rows { group rule due visited overdue coveragePercent suppressed } grids { gridId rows { group due visited suppressed } }
  }
}`;

interface Truth { group: string; due: number; visited: number }
interface Row { group: string; due: number; visited: number | null; overdue?: number | null; coveragePercent?: number | null; suppressed: boolean }

/** The minimum group size, stated here on its own: a test of the threshold must not read it from the code. */
const MIN = 10;

/** A published row agrees with the truth: due always; visited whenever shown; small groups never shown. */
function expectAgrees(rows: Row[], truth: Truth[]): void {
  expect(rows.map((r) => ({ group: r.group, due: r.due }))).toEqual(truth.map((r) => ({ group: r.group, due: r.due })));
  rows.forEach((r, i) => {
    if (truth[i].due > 0 && truth[i].due < MIN) expect(r.suppressed).toBe(true);
    if (r.suppressed) expect([r.visited, r.overdue ?? null, r.coveragePercent ?? null]).toEqual([null, null, null]);
    else expect(r.visited).toBe(truth[i].visited);
  });
}


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
      expectAgrees(rows, truth);
      for (const r of rows.filter((x: Row) => !x.suppressed)) {
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
    expectAgrees(c.rows, await truthFor(owner, community.grids));
    // An area shows a group's counts only when every grid shows them: else (area − shown grids) is the hidden grid.
    c.rows.forEach((r: Row, i: number) => expect(r.suppressed).toBe(c.grids.some((g: { rows: Row[] }) => g.rows[i].suppressed)));
    expect(c.rows.find((r: Row) => r.group === 'ALL').suppressed).toBe(false);
  });

  it('does not single out a resident: small groups show who is due, not who was visited, and no published cell gives them away', async () => {
    const grids: string[] = await owner.hub('grids').orderBy('id').pluck('id');
    let small = 0;
    for (const grid of grids.slice(0, 12)) {
      const res = await t.as({ role: 'STREET_STAFF', grids: [grid] })(COVERAGE, { month: MONTH, gridId: grid });
      const rows: Row[] = res.data!.visitCoverage.rows;
      const truth = await truthFor(owner, [grid]);
      expectAgrees(rows, truth);
      const by = new Map(rows.map((r) => [r.group, r]));
      for (const r of rows.filter((x) => x.due > 0 && x.due < MIN)) {
        small++;
        expect(r).toMatchObject({ visited: null, overdue: null, coveragePercent: null, suppressed: true });
      }
      // ALL = SPECIAL_GROUPS + OTHERS: one of the two hidden and ALL shown would give it back.
      if (by.get('SPECIAL_GROUPS')!.suppressed !== by.get('OTHERS')!.suppressed) expect(by.get('ALL')!.suppressed).toBe(true);
    }
    // The seeded grids do have groups this small (children in difficulty, people with disabilities).
    expect(small).toBeGreaterThan(0);
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

describe('coverage suppression (the rules on a hand-made grid)', () => {
  const LAST = '2026-10-31';
  let n = 0;
  const resident = (gridId: string, over: Partial<CoverageResident>): CoverageResident => ({
    hubId: `p${n++}`, gridId, birthDate: '1980-01-01', livesAlone: false, disabled: false, childInDifficulty: false, visitsInMonth: 0, visitsInQuarter: 1, ...over,
  });
  const elderly = (g: string, k: number) => Array.from({ length: k }, () => resident(g, { birthDate: '1940-01-01', livesAlone: true, visitsInMonth: 2 }));
  const others = (g: string, k: number) => Array.from({ length: k }, () => resident(g, {}));

  it('withholds a one-resident group and every cell it could be subtracted from', () => {
    // One disabled resident, never visited, beside 20 elderly living alone all visited twice and 30 others.
    const rows = protectGrid([...elderly('G1', 20), resident('G1', { disabled: true }), ...others('G1', 30)], LAST);
    const by = new Map(rows.map((r) => [r.group, r]));
    expect(by.get('DISABLED')).toMatchObject({ due: 1, visited: null, suppressed: true });
    // SPECIAL_GROUPS (21) − ELDERLY_LIVING_ALONE (20) would be the disabled resident: elderly is withheld as well.
    expect(by.get('ELDERLY_LIVING_ALONE')).toMatchObject({ due: 20, visited: null, suppressed: true });
    expect(by.get('SPECIAL_GROUPS')).toMatchObject({ due: 21, visited: 20, suppressed: false });
    // A special-group total of 5 is itself withheld, and then ALL (ALL − OTHERS would give it back).
    const tiny = new Map(protectGrid([...elderly('G1', 4), resident('G1', { disabled: true }), ...others('G1', 30)], LAST).map((r) => [r.group, r]));
    expect(tiny.get('SPECIAL_GROUPS')!.suppressed).toBe(true);
    expect(tiny.get('ALL')!.suppressed).toBe(true);
    expect(tiny.get('OTHERS')).toMatchObject({ due: 30, visited: 30, suppressed: false });
  });

  it('withholds a second special group rather than SPECIAL_GROUPS, so the whole area stays readable', () => {
    // One child in difficulty and 3 people with disabilities beside 20 elderly: hiding the child alone leaves
    // SPECIAL_GROUPS − ELDERLY − DISABLED = the child; hiding DISABLED as well leaves 4 outside — still too few.
    const few = protectGrid([...elderly('G1', 20), ...Array.from({ length: 3 }, () => resident('G1', { disabled: true })), resident('G1', { birthDate: '2015-01-01', childInDifficulty: true }), ...others('G1', 30)], LAST);
    expect(few.filter((r) => r.suppressed).map((r) => r.group)).toEqual(['ELDERLY_LIVING_ALONE', 'DISABLED', 'CHILD_IN_DIFFICULTY']);
    expect(few.find((r) => r.group === 'SPECIAL_GROUPS')).toMatchObject({ due: 24, visited: 20, suppressed: false });
    // With 9 people with disabilities the 10 outside ELDERLY_LIVING_ALONE are enough: elderly stays shown.
    const enough = protectGrid([...elderly('G1', 20), ...Array.from({ length: 9 }, () => resident('G1', { disabled: true })), resident('G1', { birthDate: '2015-01-01', childInDifficulty: true }), ...others('G1', 30)], LAST);
    expect(enough.filter((r) => r.suppressed).map((r) => r.group)).toEqual(['DISABLED', 'CHILD_IN_DIFFICULTY']);
    expect(enough.find((r) => r.group === 'ALL')).toMatchObject({ due: 60, visited: 50, suppressed: false });
  });

  it('withholds an area cell when one grid withholds it (the area minus the other grids would be that grid)', () => {
    const ledger = publishedLedger([...elderly('G1', 20), ...others('G1', 30), ...elderly('G2', 3), ...others('G2', 30)], ['G1', 'G2'], LAST);
    const area = new Map(ledger.rows.map((r) => [r.group, r]));
    expect(ledger.grids[1].rows.find((r) => r.group === 'ELDERLY_LIVING_ALONE')!.suppressed).toBe(true);
    expect(area.get('ELDERLY_LIVING_ALONE')).toMatchObject({ due: 23, visited: null, suppressed: true });
    expect(area.get('OTHERS')).toMatchObject({ due: 60, visited: 60, suppressed: false });
  });
});
