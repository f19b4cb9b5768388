/**
 * Builds the browser console (web/) into web/dist with Vite, only when its sources changed since the
 * last build: the inputs (web/src, web/index.html, the Vite and TypeScript configs, the lockfile) are
 * fingerprinted by path, size and modification time, and the fingerprint of the last successful build
 * is kept in web/dist/.build-stamp. `npm start` and `npm test` call it; `--force` always rebuilds.
 * The development IDE (GraphiQL: web/ide.html, web/src/ide) is a second build into web/dist-ide with
 * its own inputs and stamp, so a change to one does not rebuild the other; it is not precompressed
 * (served in development only, on the developer's own network).
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'web');
/**
 * The two builds: the console, and the development IDE (whose sources the console's fingerprint
 * leaves out). The console is two Vite runs into one folder, in order: the console proper (React and
 * its pages, web/vite.config.ts), then the first page (web/index.html and src/boot.ts,
 * web/vite.boot.config.ts), which imports the first by its URL so the two share no chunk.
 */
const BUILDS = [
  { out: path.join(web, 'dist'), page: 'index.html', configs: ['web/vite.config.ts', 'web/vite.boot.config.ts'], inputs: ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/vite.boot.config.ts', 'web/tsconfig.json', 'package-lock.json', 'scripts/buildWeb.js'], skip: 'web/src/ide/', precompress: true },
  { out: path.join(web, 'dist-ide'), page: 'ide.html', configs: ['web/vite.ide.config.ts'], inputs: ['web/src/ide', 'web/src/ideHandoff.ts', 'web/ide.html', 'web/vite.ide.config.ts', 'web/tsconfig.json', 'package-lock.json', 'scripts/buildWeb.js'], skip: null, precompress: false },
];

function walk(rel, files) {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return files;
  if (fs.statSync(abs).isDirectory()) for (const name of fs.readdirSync(abs)) walk(path.join(rel, name), files);
  else files.push(rel);
  return files;
}

function fingerprint(build) {
  const hash = createHash('sha256');
  for (const file of build.inputs.flatMap((i) => walk(i, [])).filter((f) => !build.skip || !f.split(path.sep).join('/').startsWith(build.skip)).sort()) {
    const st = fs.statSync(path.join(root, file));
    hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function stamp(build) {
  try {
    return fs.readFileSync(path.join(build.out, '.build-stamp'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Writes a Brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy next to every script, style
 * sheet and JSON file of the build, so the hub serves them compressed without compressing per
 * request (src/server/staticAssets.ts). index.html is rewritten per hub and sent as is.
 */
function precompress(dir) {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) precompress(file);
    else if (/\.(js|css|json|svg)$/.test(name)) {
      const data = fs.readFileSync(file);
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    }
  }
}

/**
 * Builds web/dist, and web/dist-ide when `ide` (a production hub never serves it: `npm start` leaves
 * it out under NODE_ENV=production), unless they are current; returns false when a build failed.
 */
function buildWeb({ force = false, quiet = false, ide = true } = {}) {
  for (const build of ide ? BUILDS : BUILDS.slice(0, 1)) {
    const current = fingerprint(build);
    if (!force && stamp(build) === current && fs.existsSync(path.join(build.out, build.page))) continue;
    if (!quiet) process.stdout.write(`Building ${path.relative(root, build.out)} (its sources changed since the last build)...\n`);
    for (const config of build.configs) {
      const vite = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', 'web', '--config', config, '--logLevel', quiet ? 'error' : 'warn'], {
        cwd: root,
        stdio: 'inherit',
        // Always React's production build, also when called from jest (NODE_ENV=test selects the development build).
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (vite.status !== 0) return false;
    }
    if (build.precompress) precompress(build.out);
    fs.writeFileSync(path.join(build.out, '.build-stamp'), `${current}\n`);
  }
  return true;
}

module.exports = { buildWeb };

if (require.main === module) {
  if (!buildWeb({ force: process.argv.includes('--force') })) process.exit(1);
}
