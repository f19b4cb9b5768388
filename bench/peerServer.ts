import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The PostGraphile v5 peer of `npm run bench` (issue 15): PostGraphile with its Amber preset over
 * the peer database (bench/peerDatabase.ts: the departments' tables copied into one database), no
 * authentication, served by grafserv on a plain `node:http` server. It compiles a whole GraphQL
 * request into one SQL statement.
 *
 * Its packages live in bench/peer/ with their own lockfile, out of the root one; the bench installs
 * them on demand (`npm ci --prefix bench/peer`, see `ensurePeerPackages`). PostGraphile 5 needs Node
 * 22 (`Promise.withResolvers`): on Node 20 a polyfill is installed first, and NODE_ENV is set to
 * `production` before it is loaded (it reads it at import).
 */

/** The repository's root, from the source or from its compiled copy in dist-bench/. */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, 'tsconfig.bench.json')) === false) {
    if (path.dirname(dir) === dir) throw new Error('project root not found');
    dir = path.dirname(dir);
  }
  return dir;
}

/** bench/peer/: the peer's package.json, lockfile and node_modules. */
export const PEER_DIR = path.join(projectRoot(), 'bench', 'peer');

/** Installs the peer's pinned packages from its lockfile unless they are there already. */
export async function ensurePeerPackages(log: (line: string) => void): Promise<void> {
  if (fs.existsSync(path.join(PEER_DIR, 'node_modules', 'postgraphile', 'package.json'))) return;
  log('installing the PostGraphile peer: npm ci --prefix bench/peer ...');
  const { spawnSync } = await import('node:child_process');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const done = spawnSync(npm, ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (done.status !== 0) throw new Error(`npm ci --prefix bench/peer failed (${done.status})`);
}

function polyfillWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: () => unknown };
  if (P.withResolvers) return;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

interface CountingClient {
  query: (...args: unknown[]) => unknown;
}

/** A running peer: its GraphQL URL, server, and the statements its pool sent. */
export interface Peer {
  url: string;
  server: http.Server;
  statements(): number;
  close(): Promise<void>;
}

/** Starts the peer on 127.0.0.1 (`port`, 0 for any free one) over the database at `url`, `poolMax` connections. */
export async function startPeer(url: string, poolMax: number, port = 0): Promise<Peer> {
  polyfillWithResolvers();
  process.env.NODE_ENV = 'production';
  const peerRequire = createRequire(path.join(PEER_DIR, 'package.json'));
  const { postgraphile } = peerRequire('postgraphile');
  const { PostGraphileAmberPreset } = peerRequire('postgraphile/presets/amber');
  const { makePgService } = peerRequire('postgraphile/adaptors/pg');
  const { grafserv } = peerRequire('postgraphile/grafserv/node');
  const { Pool } = peerRequire('pg');
  const pool = new Pool({ connectionString: url, max: poolMax });
  let statements = 0;
  pool.on('connect', (client: CountingClient) => {
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  });
  const preset = {
    extends: [PostGraphileAmberPreset],
    // Order lists by any column (the files' lists are ordered by dates, which carry no index of their own).
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    pgServices: [makePgService({ pool, schemas: ['hub', 'police', 'civil', 'health'] })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  await serv.addTo(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    server,
    statements: () => statements,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await pgl.release();
      await pool.end();
    },
  };
}
