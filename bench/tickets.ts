/**
 * `npm run bench:tickets [-- --residents 68000 --connections 8 --seconds 8 --keep]`
 *
 * Issue 17's figures, in one run against one embedded PostgreSQL (port BENCH_PG_PORT, default 55563)
 * and one in-process hub (port BENCH_HUB_PORT, default 4163), over a seeded street with a year of
 * tickets:
 *  1. the ticket figures of the whole street for the year, per grid, community and department —
 *     target < 1 s each;
 *  2. a department queue page (50 open tickets, newest first) — target < 1 s; through GraphQL when
 *     the schema has a queue query (branch `tickets`), else the raw SQL page the queue index serves
 *     (the floor), with a line saying so;
 *  3. a ticket transition against the household file read of the same households, same principal
 *     kind, same concurrency — target ≤ 2×; skipped with a line while the schema has no transition
 *     mutation. The household read is measured either way.
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
import { measureLoad } from './load';
import { fmt, median } from './stats';
import { freshTickets, introspect, queueRequest, transitionRequests } from './ticketRequests';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main(): Promise<void> {
  const residents = arg('residents', 68000);
  const connections = arg('connections', 8);
  const seconds = arg('seconds', 8);
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
    const civilHeaders = { authorization: `Bearer ${await tokenFor('CIVIL_AFFAIRS_OFFICER')}`, 'x-purpose': 'SUBSIDY_REVIEW', 'content-type': 'application/json' };
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
      const FIGURES = 'query F($g: TicketFigureGrouping!) { ticketFigures(from: "2025-11", to: "2026-10", groupBy: $g) { groups { key suppressed received closedPercent departmentResponsePercent meanSatisfaction } } }';
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

      // 2. a department queue page.
      const schema = await introspect(post, staffHeaders);
      const queue = queueRequest(schema);
      if (queue) {
        const ms = await timed(9, () => post(civilHeaders, queue.query, queue.variables));
        console.log(`department queue page (${queue.field}, civil, 50 tickets) through GraphQL: median ${fmt(ms)} ms of 7 (target < 1000 ms)`);
      } else {
        console.log('department queue page through GraphQL: SKIPPED — the schema has no queue query yet (branch `tickets`); the raw SQL page follows');
      }
      const page = await timed(9, async () => {
        const t0 = performance.now();
        await dbs.street.raw(`SELECT id, item, status, received_at, close_due_at FROM tickets WHERE department = 'civil' AND status = ANY(?) ORDER BY received_at DESC, id DESC LIMIT 50`, [['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED']]);
        return { ms: performance.now() - t0 };
      });
      console.log(`department queue page, raw SQL floor (civil, open, newest 50): median ${fmt(page)} ms of 7`);

      // 3. transition vs household read.
      const codes = await owner.hub('buildings').whereIn('grid_id', grids.slice(0, 4)).pluck('code');
      const households = await owner.police('households').whereIn('building_code', codes).orderBy('household_no').limit(400).pluck('household_no');
      const ids: string[] = await owner.hub('household_index').whereIn('household_no', households).pluck('id');
      const READ = 'query HouseholdFile($id: ID!) { household(id: $id) { id address { text } members { id name age } } }';
      const reads = ids.map((id) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query: READ, variables: { id } }) }));
      const ok = (body: string) => !body.includes('"errors"');
      const read = await measureLoad({ origin, headers: staffHeaders, requests: reads, connections, seconds, warmupSeconds: 2, verifyBody: ok });
      console.log(`household file read @${connections}: ${fmt(read.rps, 0)}/s p50 ${fmt(read.p50)} ms p99 ${fmt(read.p99)} ms (bad ${read.bad})`);
      const writes = transitionRequests(schema, schema.mutations.some((f) => /transition/i.test(f.name)) ? await freshTickets(owner.street, 20000) : []);
      if (typeof writes === 'string') {
        console.log(`ticket transition vs household read: SKIPPED — ${writes}`);
      } else {
        const write = await measureLoad({ origin, headers: civilHeaders, requests: writes, connections, seconds, warmupSeconds: 2, verifyBody: ok });
        console.log(`ticket transition @${connections}: ${fmt(write.rps, 0)}/s p50 ${fmt(write.p50)} ms p99 ${fmt(write.p99)} ms (bad ${write.bad})`);
        console.log(`ticket transition vs household read: p50 ${fmt(write.p50)} vs ${fmt(read.p50)} ms = ${fmt(write.p50 / read.p50)}x (target ≤ 2x)`);
      }
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
