import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import { ConfigError } from '../startup/configError';

/** File in the data directory where OneFile records the identifier of the cluster it created. */
export const IDENTITY_FILE = 'onefile-cluster.json';

/**
 * The system identifier written into the data directory's `global/pg_control` by initdb (its
 * first field, a little-endian uint64), read from disk without a server.
 */
export function systemIdentifierOnDisk(dataDir: string): string | undefined {
  try {
    const fd = fs.openSync(path.join(dataDir, 'global', 'pg_control'), 'r');
    try {
      const buf = Buffer.alloc(8);
      fs.readSync(fd, buf, 0, 8, 0);
      return buf.readBigUInt64LE(0).toString();
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The identifier OneFile recorded when it created the cluster, if any. */
export function recordedIdentifier(dataDir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, IDENTITY_FILE), 'utf8')) as { systemIdentifier?: string }).systemIdentifier;
  } catch {
    return undefined;
  }
}

/** Records the cluster's identifier in its data directory (after initdb created it). */
export function recordIdentifier(dataDir: string, systemIdentifier: string): void {
  fs.writeFileSync(path.join(dataDir, IDENTITY_FILE), `${JSON.stringify({ systemIdentifier, createdAt: new Date().toISOString() })}\n`);
}

/** The server's own identity: `pg_control_system()` and its data directory. */
export async function serverIdentity(admin: Client): Promise<{ systemIdentifier: string; dataDirectory: string }> {
  const id = await admin.query('SELECT system_identifier::text AS id FROM pg_control_system()');
  const dir = await admin.query('SHOW data_directory');
  return { systemIdentifier: id.rows[0].id as string, dataDirectory: dir.rows[0].data_directory as string };
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Refuses a server that is not the cluster of `dataDir`: its data directory must be this one and
 * its system identifier must equal the one in this directory's pg_control (and the one OneFile
 * recorded, when there is a record). So a clone never attaches to another clone's cluster that
 * happens to answer on the same port with the same built-in password.
 */
export async function assertServerIsCluster(admin: Client, dataDir: string, port: number): Promise<string> {
  const server = await serverIdentity(admin);
  const onDisk = systemIdentifierOnDisk(dataDir);
  const recorded = recordedIdentifier(dataDir);
  const sameDir = realpath(server.dataDirectory) === realpath(dataDir);
  if (!sameDir || (onDisk && onDisk !== server.systemIdentifier) || (recorded && recorded !== server.systemIdentifier)) {
    throw new ConfigError(
      `EMBEDDED_PG_PORT=${port} is served by another PostgreSQL cluster (data in ${server.dataDirectory}), not the one in ONEFILE_DATA_DIR=${dataDir}: ` +
        'set EMBEDDED_PG_PORT to a free port',
    );
  }
  return server.systemIdentifier;
}

/** The running postmaster of `dataDir` per its postmaster.pid (pid alive), and the port it listens on. */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined;
  if (realpath(lines[1] ?? '') !== realpath(dataDir)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, port };
}
