/**
 * `npm run bench:verify [-- --residents 20000 --connections 4 --seconds 6 --rounds 3 --keep]`
 *
 * Issue 18's figure: a `verify` call (a service item's claims for one resident, with its signed
 * statement and access record) costs no more than a person file read that shows the same facts,
 * in one run against one embedded PostgreSQL (port BENCH_PG_PORT, default 55562) and one
 * in-process hub (BENCH_HUB_PORT, default 4162), same residents, same concurrency, interleaved
 * rounds. Prints per round and the medians: latency p50, throughput, and CPU per request (this
 * Node process — hub and load generator — and the cluster's PostgreSQL), with the ratios.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import { issueToken } from '../src/auth/issueToken';
import { closeDatabases, migrateAll, openDatabases } from '../src/db/databases';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { startHub } from '../src/hub';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { seedDatabases } from '../seeds/seed';
import { cpuMeter } from './cpuMeter';
import { LoadResult, measureLoad } from './load';
import { fmt, median } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The person file read that answers the same questions a counter asks (age, 户籍, permit, death, disability, assistance). */
const FILE = `query PersonFile($id: ID!) { person(id: $id) { id name birthDate household { householdNumber } residence { status permitNumber }
  civilAffairs { disability { grade } assistance { kind status } } health { death { diedOn } } } }`;
/** Each item's verify call, selecting the answers it asks and the statement (what a counter keeps). */
const ITEMS = [
  { item: 'ELDERLY_PREFERENTIAL_CARD', claims: ['AGED_60_OR_OVER', 'ALIVE', 'REGISTERED_IN_DISTRICT', 'RESIDENCE_PERMIT_ACTIVE_6_MONTHS'], answers: 'agedSixtyOrOver alive registeredInDistrict residencePermitActiveSixMonths' },
  { item: 'LOW_INCOME_APPLICATION', claims: ['REGISTERED_IN_DISTRICT', 'ALIVE', 'DISABILITY_CERTIFIED', 'LOW_INCOME_ASSISTANCE_ACTIVE'], answers: 'registeredInDistrict alive disabilityCertified lowIncomeAssistanceActive' },
].map((i) => ({ ...i, query: `query Verify($id: ID!, $item: String!, $claims: [Claim!]!) { verify(serviceItem: $item, claims: $claims, residentId: $id) { statement answers { ${i.answers} } } }` }));

interface Measured extends LoadResult {
  cpuPerRequest: { nodeMs: number; postgresMs: number };
}

async function main(): Promise<void> {
  const residents = arg('residents', 20000);
  const connections = arg('connections', 4);
  const seconds = arg('seconds', 6);
  const rounds = arg('rounds', 3);
  const keep = process.argv.includes('--keep');
  const dataDir = path.resolve('.data', `bench-verify-${residents}`);
  const reuse = keep && fs.existsSync(dataDir);
  const cluster = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT || 55562), prefix: 'onefile_bverify', persistent: keep });
  const owner = openDatabases(cluster.urls, { as: 'owner', poolMax: 4 });
  try {
    await migrateAll(owner);
    if (!reuse) await seedDatabases(owner, { residents });
    const ids: string[] = await owner.hub('person_index').orderBy('id').limit(2000).pluck('id');
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const dbs = openDatabases(cluster.urls, { poolMax: 10 });
    const hub = await startHub(dbs, { port: Number(process.env.BENCH_HUB_PORT || 4162), auth: { key: publicKey, algorithm: 'EdDSA', issuer: 'bench', audience: 'onefile' }, limits: withoutRateLimits(DEFAULT_LIMITS) });
    const origin = hub.url.replace('/graphql', '');
    const token = await issueToken(privateKey, 'EdDSA', 'bench', 'onefile', { role: 'CIVIL_AFFAIRS_OFFICER', subject: 'bench-counter', ttlSeconds: 3600 });
    const headersFor = (purpose: string) => ({ authorization: `Bearer ${token}`, 'x-purpose': purpose, 'content-type': 'application/json' });
    const post = (query: string) => (variables: Record<string, unknown>) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query, variables }) });
    const files = ids.map((id) => post(FILE)({ id }));
    const verifies = ids.map((id, i) => {
      const { item, claims, query } = ITEMS[i % ITEMS.length];
      return post(query)({ id, item, claims });
    });
    // A file may be partial (a denied or absent section is fine); a verify answers every claim it asked, without errors.
    const fileOk = (body: string) => body.includes('"person":{');
    const verifyOk = (body: string) => body.includes('"statement":"') && !body.includes('"errors"');
    const meter = cpuMeter(dataDir);
    const measure = async (purpose: string, requests: typeof files, verifyBody: (b: string) => boolean): Promise<Measured> => {
      let stop: (() => { nodeMs: number; postgresMs: number }) | undefined;
      const result = await measureLoad({ origin, headers: headersFor(purpose), requests, connections, seconds, warmupSeconds: 2, verifyBody, beforeMeasure: async () => void (stop = meter.start()) });
      const cpu = stop!();
      return { ...result, cpuPerRequest: { nodeMs: cpu.nodeMs / result.ok, postgresMs: cpu.postgresMs / result.ok } };
    };
    try {
      const results: Array<{ file: Measured; verify: Measured }> = [];
      for (let r = 0; r < rounds; r++) {
        const file = await measure('SUBSIDY_REVIEW', files, fileOk);
        const verify = await measure('SERVICE_APPLICATION', verifies, verifyOk);
        results.push({ file, verify });
        const line = (m: Measured) => `${fmt(m.rps, 0)}/s p50 ${fmt(m.p50)} ms, CPU ${fmt(m.cpuPerRequest.nodeMs)} + ${fmt(m.cpuPerRequest.postgresMs)} ms/req (bad ${m.bad})`;
        console.log(`round ${r + 1}: file ${line(file)}; verify ${line(verify)}`);
      }
      const m = (f: (x: { file: Measured; verify: Measured }) => number) => median(results.map(f));
      console.log(`\n${residents} residents, ${connections} connections, ${rounds} rounds of ${seconds} s (medians of per-round ratios; ≤ 1.00x means verify costs no more):`);
      console.log(`  p50 latency   verify / file = ${fmt(m((x) => x.verify.p50 / x.file.p50))}x  (${fmt(m((x) => x.verify.p50))} vs ${fmt(m((x) => x.file.p50))} ms)`);
      console.log(`  time/request  verify / file = ${fmt(m((x) => x.file.rps / x.verify.rps))}x  (${fmt(m((x) => x.verify.rps), 0)} vs ${fmt(m((x) => x.file.rps), 0)} req/s)`);
      console.log(`  Node CPU/req  verify / file = ${fmt(m((x) => x.verify.cpuPerRequest.nodeMs / x.file.cpuPerRequest.nodeMs))}x  (${fmt(m((x) => x.verify.cpuPerRequest.nodeMs))} vs ${fmt(m((x) => x.file.cpuPerRequest.nodeMs))} ms)`);
      console.log(`  PG CPU/req    verify / file = ${fmt(m((x) => x.verify.cpuPerRequest.postgresMs / x.file.cpuPerRequest.postgresMs))}x  (${fmt(m((x) => x.verify.cpuPerRequest.postgresMs))} vs ${fmt(m((x) => x.file.cpuPerRequest.postgresMs))} ms)`);
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
