/**
 * `npx ts-node --transpile-only bench/coverageBreakdown.ts [-- --residents 1000000 --rounds 5]`
 *
 * Where the coverage ledger's time goes, statement by statement, on owner pools (no deadlines), for
 * the demo street's grids of the kept benchmark population (prepareBenchDatabases, `--keep` always):
 * each statement of coverageResidents timed alone (the hub index both ways: every resident by ID
 * number as before, the residents met by hub id as served), the street statement as it was before the
 * `visit_members.grid_id` migration (visits joined to members) next to it, rounds interleaved, and
 * `EXPLAIN (ANALYZE, BUFFERS)` of the street statements once. Prints medians.
 */
import { DEMO_STREET_CODE } from '../seeds/seed';
import type { Databases } from '../src/db/databases';
import { monthWindow } from '../src/departments/street/coverage';
import { coverageResidents } from '../src/departments/street/coverageSource';
import { publishedLedger } from '../src/departments/street/coverageSuppression';
import { runSql } from '../src/sources/runSql';
import { prepareBenchDatabases } from './benchDatabases';
import { fmt, median } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The street statement before the migration: the area's visits joined to all members. */
export const STREET_BEFORE = `
  SELECT m.person_id::text AS person_id, count(*) FILTER (WHERE m.visited_at >= $3::timestamptz) AS in_month, count(*) AS in_quarter
  FROM visits v JOIN visit_members m ON m.visit_id = v.id
  WHERE v.grid_id = ANY($1::text[]) AND v.visited_at >= $2::timestamptz AND v.visited_at < $4::timestamptz
  GROUP BY m.person_id`;

/** The street statement after it: an index-only range scan of the members' (grid, time) index. */
export const STREET_AFTER = `
  SELECT m.person_id::text AS person_id, count(*) FILTER (WHERE m.visited_at >= $3::timestamptz) AS in_month, count(*) AS in_quarter
  FROM visit_members m
  WHERE m.grid_id = ANY($1::text[]) AND m.visited_at >= $2::timestamptz AND m.visited_at < $4::timestamptz
  GROUP BY m.person_id`;

/**
 * The demo street's grids followed by the next grids in id order (the neighbouring streets) until
 * they hold at least `residents` registered residents: an area the size the issue names (~68,000)
 * when the seed's demo street is smaller.
 */
export async function gridsHolding(dbs: Databases, residents: number): Promise<{ grids: string[]; residents: number }> {
  const perGrid = await runSql<{ grid_id: string; n: string }>(dbs.hub, 'SELECT grid_id, count(*) AS n FROM buildings GROUP BY grid_id', []);
  const buildings = new Map<string, number>(perGrid.map((r) => [r.grid_id, Number(r.n)]));
  const counts = await runSql<{ building_code: string; n: string }>(dbs.police, 'SELECT h.building_code, count(*) AS n FROM households h JOIN persons p ON p.household_no = h.household_no GROUP BY h.building_code', []);
  const gridOf = new Map((await runSql<{ code: string; grid_id: string }>(dbs.hub, 'SELECT code, grid_id FROM buildings', [])).map((b) => [b.code, b.grid_id]));
  const people = new Map<string, number>();
  for (const c of counts) {
    const g = gridOf.get(c.building_code);
    if (g) people.set(g, (people.get(g) ?? 0) + Number(c.n));
  }
  const ordered = [...buildings.keys()].filter((g) => g >= DEMO_STREET_CODE).sort();
  const grids: string[] = [];
  let total = 0;
  for (const g of ordered) {
    if (total >= residents) break;
    grids.push(g);
    total += people.get(g) ?? 0;
  }
  return { grids, residents: total };
}

async function main(): Promise<void> {
  const residents = arg('residents', 1_000_000);
  const rounds = arg('rounds', 5);
  const bench = await prepareBenchDatabases({ residents, keep: true, poolMax: 4 });
  const { dbs } = bench;
  try {
    const grids: string[] = await dbs.hub('grids').where('id', 'like', `${DEMO_STREET_CODE}%`).orderBy('id').pluck('id');
    const w = monthWindow('2026-10')!;
    const codes: string[] = await dbs.hub('buildings').whereIn('grid_id', grids).pluck('code');
    const persons = await runSql<{ id_number: string }>(dbs.police, 'SELECT p.id_number FROM households h JOIN persons p ON p.household_no = h.household_no WHERE h.building_code = ANY($1::text[])', [codes]);
    const ids = persons.map((p) => p.id_number);
    console.log(`street ${DEMO_STREET_CODE}: ${grids.length} grids, ${codes.length} buildings, ${ids.length} residents`);
    const streetArgs = [grids, w.quarterStart, w.monthStart, w.monthEnd];
    const sortedIds = [...ids].sort();
    const met = (await runSql<{ person_id: string }>(dbs.street, STREET_AFTER, streetArgs)).map((r) => r.person_id).sort();
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['hub buildings', () => runSql(dbs.hub, 'SELECT code, grid_id FROM buildings WHERE grid_id = ANY($1::text[])', [grids])],
      ['police persons', () => runSql(dbs.police, 'SELECT p.id_number, p.birth_date, h.building_code FROM households h JOIN persons p ON p.household_no = h.household_no WHERE h.building_code = ANY($1::text[])', [codes])],
      ['hub person_index (every resident, by ID number)', () => runSql(dbs.hub, 'SELECT id::text AS id, id_number FROM person_index WHERE id_number = ANY($1::bpchar[])', [sortedIds])],
      ['hub person_index (residents met, by hub id: as served)', () => runSql(dbs.hub, 'SELECT id::text AS id, id_number FROM person_index WHERE id = ANY($1::uuid[])', [met])],
      ['civil, three facts in one statement (as served)', () => runSql(dbs.civil, `SELECT id_number, 'A' AS fact FROM elderly_care WHERE lives_alone AND id_number = ANY($1::bpchar[])
        UNION ALL SELECT id_number, 'D' FROM disabilities WHERE id_number = ANY($1::bpchar[]) UNION ALL SELECT id_number, 'C' FROM children_in_difficulty WHERE id_number = ANY($1::bpchar[])`, [sortedIds])],
      ['street (before: visits ⋈ members)', () => runSql(dbs.street, STREET_BEFORE, streetArgs)],
      ['street (after: members by grid)', () => runSql(dbs.street, STREET_AFTER, streetArgs)],
      ['coverageResidents (all, as served)', () => coverageResidents(dbs, grids, w.quarterStart, w.monthStart, w.monthEnd)],
    ];
    const times = new Map<string, number[]>(steps.map(([n]) => [n, []]));
    for (let r = 0; r < rounds + 1; r++) {
      for (const [name, run] of steps) {
        const t0 = performance.now();
        await run();
        if (r > 0) times.get(name)!.push(performance.now() - t0);
      }
    }
    for (const [name, t] of times) console.log(`  ${name.padEnd(56)} median ${fmt(median(t)).padStart(9)} ms of ${t.length}`);
    const rows = await coverageResidents(dbs, grids, w.quarterStart, w.monthStart, w.monthEnd);
    const node: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      publishedLedger(rows, grids, w.lastDay);
      node.push(performance.now() - t0);
    }
    console.log(`  ${'publishedLedger (Node, pure)'.padEnd(56)} median ${fmt(median(node)).padStart(9)} ms of ${node.length}`);
    for (const [name, sql] of [['before', STREET_BEFORE], ['after', STREET_AFTER]]) {
      const plan = (await runSql<Record<string, string>>(dbs.street, `EXPLAIN (ANALYZE, BUFFERS) ${sql}`, streetArgs, { prepare: false })).map((r) => r['QUERY PLAN']);
      console.log(`EXPLAIN ${name}:\n  ${plan.join('\n  ')}`);
    }
  } finally {
    await bench.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
