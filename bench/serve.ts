/**
 * Child process entry of `npm run bench`: serves one target on 127.0.0.1 and reports its own
 * figures to the parent over IPC, so the load generator never shares the server's event loop.
 *
 * Targets (argv[2]):
 *  - `hub`        startHub(): the hub as shipped — policy, purpose check and access log on;
 *  - `hub-noahead` the hub as shipped but without reading ahead (src/departments/personSections.ts
 *                 `readAhead`: a household's members' sections read when GraphQL reaches them, not with their hub ids);
 *  - `hub-nolog`  the same Apollo server and HTTP layer, with an access-log store that writes
 *                 nothing (disclosures are still collected by the policy layer);
 *  - `hub-off`    the same HTTP layer and Apollo plugins over buildOneFileSchema(): no policy, and
 *                 no purpose check (no resident root fields declared), hence no access record;
 *  - `hub-replan` the hub as shipped but with every pool in plan_cache_mode auto (department
 *                 reads re-planned per execution, as before issue 15);
 *  - `hub-pertable` the hub as shipped but with one statement per table read, not per department
 *                 per loader wave (src/sources/departmentWave.ts `waveReads`, as before issue 15);
 *  - `hub-noshare` the hub as shipped but each request's waves read on their own statements, never
 *                 with other requests' (src/sources/sharedWaves.ts `waveSharing`, as before);
 *  - `floor`      bench/floor.ts: plain `pg`, prepared statements, no GraphQL;
 *  - `peer`       bench/peerServer.ts: PostGraphile v5 over the departments' tables copied into one
 *                 database (BENCH_PEER_URL), no authentication (issue 15).
 * Environment: BENCH_URLS (JSON of the four database URLs), BENCH_PUBLIC_KEY (SPKI PEM of the
 * token key), BENCH_ISSUER, BENCH_AUDIENCE, BENCH_POOL_MAX, BENCH_SERVER_PORT (0 or unset: any free port), and BENCH_PROFILE_DIR to write a CPU
 * profile of every measured window (from `reset` to `stats`) as `<target>-<label>.cpuprofile`.
 *
 * IPC: sends {type:'ready', url}; answers {cmd:'reset'} with {type:'reset'} and {cmd:'stats', label}
 * with {type:'stats', ...ServerStats}; exits on {cmd:'stop'}.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import type http from 'node:http';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { importSPKI } from 'jose';
import { AuditStore } from '../src/audit/auditStore';
import type { AccessRecord } from '../src/audit/accessRecord';
import { createAuthenticator } from '../src/auth/authenticate';
import type { DatabaseUrls } from '../src/config';
import { closeDatabases, openDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { waveReads } from '../src/sources/departmentWave';
import { readAhead } from '../src/departments/personSections';
import { waveSharing } from '../src/sources/sharedWaves';
import { hubWaveReads } from '../src/sources/hub/hubWaveParts';
import { DEFAULT_LIMITS, withoutRateLimits } from '../src/limits/limitSettings';
import { PrincipalBudgets } from '../src/limits/principalBudgets';

/** One client hammers the hub as one principal: the query limits stay, the rate budgets are off. */
const BENCH_LIMITS = withoutRateLimits(DEFAULT_LIMITS);
import { createPolicyEngine } from '../src/policy/policyEngine';
import { buildOneFileSchema, buildServedSchema, ServedSchema } from '../src/schema/buildSchema';
import { createApolloServer } from '../src/server/apollo';
import { startHttpServer } from '../src/server/httpServer';
import { startFloor } from './floor';
import { startPeer } from './peerServer';

/** The targets this entry can serve. */
export const TARGETS = ['hub', 'hub-replan', 'hub-pertable', 'hub-noahead', 'hub-noshare', 'hub-nolog', 'hub-off', 'floor', 'peer'] as const;
export type Target = (typeof TARGETS)[number];

/** What a server reports about the window since the last reset. */
export interface ServerStats {
  /** HTTP requests received. */
  requests: number;
  /** SQL statements sent, per database (knex 'query' events; the floor counts its own). */
  queries: Record<string, number>;
  /** Highest resident set size sampled (every 20 ms) and the heap at that moment, bytes. */
  rssPeak: number;
  heapAtPeak: number;
  /** At the RSS peak: the V8 young generation's reserved size (new space, both semi-spaces) and the memory outside the heap (Buffers, strings' backing stores), bytes. */
  newSpaceAtPeak: number;
  externalAtPeak: number;
}

/** An access-log store that accepts every record without writing it: the hub with its log off. */
export class DiscardingAuditStore extends AuditStore {
  override async append(_record: AccessRecord): Promise<number> {
    return 0;
  }
}

interface Served {
  url: string;
  server: http.Server;
  /** SQL statements sent since start (to notice a server that is still working). */
  sqlSent(): number;
  countQueries(into: Record<string, number>): void;
  close(): Promise<void>;
}

async function serve(target: Target, urls: DatabaseUrls, poolMax: number, port: number): Promise<Served> {
  if (target === 'floor') {
    const floor = await startFloor(urls, { port, poolMax });
    let seen = 0;
    return {
      url: floor.url,
      server: floor.server,
      sqlSent: () => floor.pools.queries,
      countQueries: (into) => {
        into.all = floor.pools.queries - seen;
        seen = floor.pools.queries;
      },
      close: () => floor.close(),
    };
  }
  if (target === 'peer') {
    const peer = await startPeer(process.env.BENCH_PEER_URL!, poolMax, port);
    let counted = 0;
    return {
      url: peer.url,
      server: peer.server,
      sqlSent: () => peer.statements(),
      countQueries: (into) => {
        into.peer = peer.statements() - counted;
        counted = peer.statements();
      },
      close: () => peer.close(),
    };
  }
  const auth = {
    key: await importSPKI(process.env.BENCH_PUBLIC_KEY!, 'EdDSA'),
    algorithm: 'EdDSA',
    issuer: process.env.BENCH_ISSUER!,
    audience: process.env.BENCH_AUDIENCE!,
  };
  const dbs = openDatabases(urls, { poolMax, ...(target === 'hub-replan' ? { plans: 'auto' as const } : {}) });
  const counts: Record<string, number> = {};
  let sent = 0;
  for (const [name, db] of Object.entries(dbs)) {
    db.on('query', () => {
      counts[name] = (counts[name] ?? 0) + 1;
      sent += 1;
    });
  }
  let hub;
  if (target === 'hub-pertable') waveReads.combine = hubWaveReads.combine = false;
  if (target === 'hub-noahead') readAhead.on = false;
  if (target === 'hub-noshare') waveSharing.on = false;
  if (process.env.BENCH_WAVE_IN_FLIGHT) waveSharing.maxInFlight = Number(process.env.BENCH_WAVE_IN_FLIGHT);
  if (target === 'hub' || target === 'hub-replan' || target === 'hub-pertable' || target === 'hub-noahead' || target === 'hub-noshare') {
    // No checkpoint signer: the bench database's log is not meant to be verified.
    hub = await startHub(dbs, { port, auth, limits: BENCH_LIMITS });
  } else {
    const store = new DiscardingAuditStore(dbs.hub);
    const served: ServedSchema =
      target === 'hub-nolog'
        ? buildServedSchema()
        : { schema: buildOneFileSchema(), declarations: new Map(), engine: createPolicyEngine(new Map()), residentRootFields: new Set() };
    const budgets = await PrincipalBudgets.create(BENCH_LIMITS.rate);
    hub = await startHttpServer(createApolloServer(served, store, BENCH_LIMITS, budgets), {
      dbs, auditStore: store, authenticate: createAuthenticator(auth), host: '127.0.0.1', port, limits: BENCH_LIMITS.query, corsOrigins: [],
    });
  }
  const running = hub;
  return {
    url: running.url,
    server: running.server,
    sqlSent: () => sent,
    countQueries: (into) => {
      Object.assign(into, counts);
      for (const k of Object.keys(counts)) counts[k] = 0;
    },
    async close() {
      await running.close();
      await closeDatabases(dbs);
    },
  };
}

async function main(): Promise<void> {
  const target = process.argv[2] as Target;
  if (!TARGETS.includes(target) || !process.send) throw new Error(`usage: fork bench/serve.ts <${TARGETS.join('|')}>`);
  const served = await serve(target, JSON.parse(process.env.BENCH_URLS!) as DatabaseUrls, Number(process.env.BENCH_POOL_MAX ?? 10), Number(process.env.BENCH_SERVER_PORT ?? 0));
  let requests = 0;
  let inFlight = 0;
  let rssPeak = 0;
  let heapAtPeak = 0;
  let newSpaceAtPeak = 0;
  let externalAtPeak = 0;
  served.server.on('request', (_req, res: http.ServerResponse) => {
    requests += 1;
    inFlight += 1;
    res.once('close', () => void (inFlight -= 1));
  });
  // A load window ends with requests still being worked on (their clients are gone, so their
  // sockets have closed): wait until no request is open and no SQL has been sent for 250 ms before
  // reporting or stopping, so they neither spill into the next window nor hit closed pools.
  const idle = async () => {
    let last = served.sqlSent();
    for (let quiet = 0, waited = 0; quiet < 5 && waited < 30_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      const now = served.sqlSent();
      quiet = inFlight === 0 && now === last ? quiet + 1 : 0;
      last = now;
    }
  };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss <= rssPeak) return;
    [rssPeak, heapAtPeak, externalAtPeak] = [m.rss, m.heapUsed, m.external];
    newSpaceAtPeak = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  };
  setInterval(sample, 20).unref();
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const session = profileDir ? new Session() : undefined;
  session?.connect();
  process.on('message', async (message: { cmd: string; label?: string }) => {
    if (message.cmd === 'reset') {
      if (session) {
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      served.countQueries({});
      [requests, rssPeak, heapAtPeak, newSpaceAtPeak, externalAtPeak] = [0, 0, 0, 0, 0];
      sample();
      process.send!({ type: 'reset' });
    } else if (message.cmd === 'stats') {
      await idle();
      sample();
      const queries: Record<string, number> = {};
      served.countQueries(queries);
      if (session) {
        const { profile } = await session.post('Profiler.stop');
        fs.writeFileSync(path.join(profileDir!, `${target}-${message.label ?? Date.now()}.cpuprofile`), JSON.stringify(profile));
      }
      const stats: ServerStats = { requests, queries, rssPeak, heapAtPeak, newSpaceAtPeak, externalAtPeak };
      process.send!({ type: 'stats', ...stats });
    } else if (message.cmd === 'stop') {
      await idle();
      await served.close();
      process.exit(0);
    }
  });
  process.send({ type: 'ready', url: served.url });
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
