/**
 * `npm run bench:tickets [-- --residents 68000 --connections 8 --seconds 8 --rounds 3 --keep]`
 *
 * Issue 17's figures, in one run against one embedded PostgreSQL (port BENCH_PG_PORT, default 55563)
 * and one in-process hub (port BENCH_HUB_PORT, default 4163), over a seeded street with a year of
 * tickets:
 *  1. the ticket figures of the whole street for the year, per grid, community and department, over
 *     GraphQL — target < 1 s each (and the one SQL statement under them);
 *  2. a department's queue page over GraphQL (civil affairs, 50 tickets, newest first; the next
 *     page; the overdue filter) with the bench's fresh tickets in the queue — target < 1 s;
 *  3. a ticket transition (RECEIVED → ACCEPTED, civil affairs, TICKET_HANDLING) against a household
 *     file read (street staff, HOME_VISIT), same concurrency, in interleaved windows — target ≤ 2×,
 *     as medians of the per-round ratios of p50, time per request and CPU per request.
 * Prints medians and ratios from the same run.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import { issueToken } from '../src/auth/issueToken';
import { closeDatabases, migrateAll, openDatabases } from '../src/db/databases';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { startHub } from '../src/hub';
import { periodWindow } from '../src/departments/street/ticketFigures';
import { ticketFigureCells } from '../src/departments/street/ticketFiguresSource';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { DEMO_STREET_CODE, seedDatabases } from '../seeds/seed';
import { fmt, median } from './stats';
import { freshTickets, householdReads, QUEUE_PAGE, transitionRequests } from './ticketRequests';
import { interleaved } from './ticketRounds';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main(): Promise<void> {
  const residents = arg('residents', 68000);
  const connections = arg('connections', 8);
  const seconds = arg('seconds', 8);
  const rounds = arg('rounds', 3);
  const keep = process.argv.includes('--keep');
  const dataDir = path.resolve('.data', `bench-tickets-${residents}`);
  const reuse = keep && fs.existsSync(dataDir);
  const cluster = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT || 55563), prefix: 'onefile_btickets', persistent: keep });
  const owner = openDatabases(cluster.urls, { as: 'owner', poolMax: 4 });
  try {
    await migrateAll(owner);
    if (!reuse) {
      const t0 = performance.now();
      await seedDatabases(owner, { residents });
      console.log(`seeded ${residents} residents in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    }
    const grids: string[] = await owner.hub('grids').where('id', 'like', `${DEMO_STREET_CODE}%`).orderBy('id').pluck('id');
    const tickets = Number((await owner.street('tickets').whereIn('grid_id', grids).count('* as n'))[0].n);
    console.log(`${tickets} tickets in a year, ${grids.length} grids in street ${DEMO_STREET_CODE}`);

    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const dbs = openDatabases(cluster.urls, { poolMax: 10 });
    const hub = await startHub(dbs, { port: Number(process.env.BENCH_HUB_PORT || 4163), auth: { key: publicKey, algorithm: 'EdDSA', issuer: 'bench', audience: 'onefile' }, limits: withoutRateLimits(DEFAULT_LIMITS) });
    const origin = hub.url.replace('/graphql', '');
    const tokenFor = (role: 'STREET_STAFF' | 'CIVIL_AFFAIRS_OFFICER') => issueToken(privateKey, 'EdDSA', 'bench', 'onefile', { role, subject: `bench-${role.toLowerCase()}`, grids: role === 'STREET_STAFF' ? grids : undefined, ttlSeconds: 3600 });
    const staffHeaders = { authorization: `Bearer ${await tokenFor('STREET_STAFF')}`, 'x-purpose': 'HOME_VISIT', 'content-type': 'application/json' };
    const civilHeaders = { authorization: `Bearer ${await tokenFor('CIVIL_AFFAIRS_OFFICER')}`, 'x-purpose': 'TICKET_HANDLING', 'content-type': 'application/json' };
    const post = async (headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) => {
      const t0 = performance.now();
      const res = await fetch(hub.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown; data?: Record<string, unknown> };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { ms: performance.now() - t0, body };
    };
    const timed = async (runs: number, call: () => Promise<{ ms: number }>) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push((await call()).ms);
      return median(ms.slice(2));
    };
    try {
      // 1. figures, whole street, a year.
      const FIGURES = 'query F($g: TicketFigureGrouping!) { ticketFigures(from: "2025-11", to: "2026-10", groupBy: $g) { groups { key suppressed received open overdue solvedOnSpotPercent startedOnTimePercent transferredOnTimePercent closedPercent closedOnTimePercent repeatPercent secondComplaintPercent departmentResponsePercent meanSatisfaction } } }';
      for (const g of ['GRID', 'COMMUNITY', 'DEPARTMENT']) {
        const ms = await timed(9, () => post(staffHeaders, FIGURES, { g }));
        const groups = ((await post(staffHeaders, FIGURES, { g })).body.data!.ticketFigures as { groups: Array<{ suppressed: boolean }> }).groups;
        console.log(`ticket figures, whole street, a year, per ${g} (${groups.length} groups, ${groups.filter((x) => x.suppressed).length} suppressed): median ${fmt(ms)} ms of 7 (target < 1000 ms)`);
      }

      const window = periodWindow('2025-11', '2026-10');
      if (typeof window === 'string') throw new Error(window);
      const sql = await timed(9, async () => {
        const t0 = performance.now();
        await ticketFigureCells(dbs.street, window, new Date(), { gridIds: grids });
        return { ms: performance.now() - t0 };
      });
      console.log(`  of which the SQL alone (one statement, cells per grid × department × month): median ${fmt(sql)} ms of 7`);

      // 2. a department queue page, with the fresh tickets the transitions will accept in the queue.
      const fresh = await freshTickets(owner.street, 20000);
      const open = Number((await owner.street('tickets').where({ department: 'civil' }).whereIn('status', ['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED']).count('* as n'))[0].n);
      console.log(`${fresh.length} fresh RECEIVED civil tickets added for the transitions: ${open} open civil tickets`);
      const first = await post(civilHeaders, QUEUE_PAGE, { first: 50 });
      const page = first.body.data!.ticketQueue as { totalCount: number; overdueCount: number; edges: unknown[]; pageInfo: { endCursor: string } };
      if (page.edges.length !== 50) throw new Error(`queue page holds ${page.edges.length} tickets`);
      for (const [what, variables] of [['first page', { first: 50 }], ['next page', { first: 50, after: page.pageInfo.endCursor }], ['overdue only', { first: 50, overdue: true }]] as const) {
        const ms = await timed(9, () => post(civilHeaders, QUEUE_PAGE, variables));
        console.log(`department queue page over GraphQL (civil, 50 of ${page.totalCount} tickets, ${page.overdueCount} overdue), ${what}: median ${fmt(ms)} ms of 7 (target < 1000 ms)`);
      }
      const raw = await timed(9, async () => {
        const t0 = performance.now();
        await dbs.street.raw(`SELECT id, item, status, received_at, close_due_at FROM tickets WHERE department = 'civil' ORDER BY received_at DESC, id DESC LIMIT 50`);
        return { ms: performance.now() - t0 };
      });
      console.log(`  of which a raw SQL page (civil, newest 50): median ${fmt(raw)} ms of 7`);

      // 3. transition vs household read, interleaved.
      const codes = await owner.hub('buildings').whereIn('grid_id', grids.slice(0, 4)).pluck('code');
      const households = await owner.police('households').whereIn('building_code', codes).orderBy('household_no').limit(400).pluck('household_no');
      const ids: string[] = await owner.hub('household_index').whereIn('household_no', households).pluck('id');
      console.log(`ticket transition vs household file read, ${connections} connections, ${rounds} rounds of ${seconds} s windows, interleaved:`);
      await interleaved({
        origin, dataDir, connections, seconds, rounds,
        read: { headers: staffHeaders, requests: householdReads(ids) },
        write: { headers: civilHeaders, requests: transitionRequests(fresh) },
      }, (line) => console.log(line));
    } finally {
      await hub.close();
      await closeDatabases(dbs);
    }
  } finally {
    await closeDatabases(owner);
    await cluster.stop();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
