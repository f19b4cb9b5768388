import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './configError';

/**
 * Makes sure `dir` exists (creating it) and that this process can write into it, or throws a
 * ConfigError naming `variable`. Fails at once, before anything waits on the folder (an
 * unwritable ONEFILE_DATA_DIR used to hang the start for over a minute).
 */
export function ensureWritableDir(variable: string, dir: string): string {
  const resolved = path.resolve(dir);
  try {
    makeFolders(resolved);
    if (!fs.statSync(resolved).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    fs.accessSync(resolved, fs.constants.W_OK | fs.constants.X_OK);
    const probe = path.join(resolved, `.onefile-write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`${variable}=${dir} is not a writable folder (${code})`);
  }
  return resolved;
}

/**
 * `mkdir -p` one level at a time. Node 20's `mkdirSync(…, { recursive: true })` loops forever
 * when the kernel answers ENOENT for a folder whose parent exists (e.g. under /proc): that was the
 * minute-long hang on ONEFILE_DATA_DIR=/proc/nope.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) fs.mkdirSync(folder);
}
