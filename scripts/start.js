/**
 * `npm start`: serves the compiled hub, compiling it first only when its sources changed.
 *
 * The build's inputs (src/, seeds/, migrations/, knexfile.ts, the tsconfigs and the lockfile) are
 * fingerprinted by path, size and modification time, and the fingerprint of the last successful
 * build is kept in dist/.build-stamp. When they match, the hub starts at once from dist/; otherwise
 * dist/ is removed (so a deleted migration never lingers as stale .js) and rebuilt with tsc, exactly
 * as `npm run build` does. The hub then runs in this process, so the Node flags on `npm start`'s
 * command line (src/server/nodeFlags.ts) and the hub's own signal handling apply unchanged.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');
const INPUT_DIRS = ['src', 'seeds', 'migrations'];
const INPUT_FILES = ['knexfile.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** Every input file under `dir`, relative to the repository root. */
function walk(dir, out) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

/** A digest of the build inputs' names, sizes and modification times. */
function fingerprint() {
  const files = INPUT_DIRS.flatMap((d) => walk(d, [])).concat(INPUT_FILES.filter((f) => fs.existsSync(path.join(root, f))));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const st = fs.statSync(path.join(root, file));
    hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim();
  } catch {
    return null;
  }
}

const current = fingerprint();
if (readStamp() !== current || !fs.existsSync(path.join(dist, 'src', 'main.js'))) {
  process.stdout.write('Compiling the hub (sources changed since the last build)...\n');
  fs.rmSync(dist, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  fs.writeFileSync(stampFile, `${current}\n`);
}
// The browser console the hub serves at / (web/dist), rebuilt the same way when web/ changed; the
// development IDE (web/dist-ide) only where the hub can serve it (not under NODE_ENV=production).
if (!require('./buildWeb').buildWeb({ ide: process.env.NODE_ENV !== 'production' })) process.exit(1);
require(path.join(dist, 'src', 'main.js'));
