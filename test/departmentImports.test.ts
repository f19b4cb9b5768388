import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/**
 * A department module depends on the files every module shares (src/departments/*.ts: module.ts,
 * the registry, the identity spine's contract identity.ts and its facade spine.ts) and on layers
 * outside src/departments/, never on another module's folder (issue 14): nothing under
 * src/departments/<a>/ imports from src/departments/<b>/. A module that needs another's records
 * asks the spine's contract or the registry. An import is any `import`, `export … from`,
 * `import()` or `require()` of a relative path, types included; reported by file and line.
 */
const DEPARTMENTS = path.join(__dirname, '..', 'src', 'departments');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** `<folder>/<file>:<line> imports '<path>'` for each import under `root`'s folders that reaches another folder of `root`. */
function crossImports(root: string): string[] {
  const folders = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  return folders.flatMap((folder) => filesUnder(path.join(root, folder)).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName, pos }) => {
      if (!fileName.startsWith('.')) return [];
      const reached = path.relative(root, path.resolve(path.dirname(file), fileName)).split(path.sep)[0];
      if (reached === folder || !folders.includes(reached)) return [];
      const line = text.slice(0, pos).split('\n').length;
      return [`${path.relative(root, file).split(path.sep).join('/')}:${line} imports '${fileName}'`];
    });
  }));
}

describe('no department module imports another\'s folder', () => {
  it('finds the module folders to look in', () => {
    const folders = fs.readdirSync(DEPARTMENTS, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.length).toBeGreaterThanOrEqual(4);
  });

  it('nothing under src/departments/<a>/ imports src/departments/<b>/, reported by file and line', () => {
    expect(crossImports(DEPARTMENTS)).toEqual([]);
  });

  it('catches every kind of import into another folder, at any depth, and nothing else', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'departmentImports-'));
    const write = (file: string, lines: string[]) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), lines.join('\n'));
    };
    try {
      write('module.ts', ["import { a } from './a/x';"]);
      write('a/x.ts', [
        "import { y } from '../b/y';",
        "import type { B } from '../b';",
        "import { defineDepartment } from '../module';",
        "import { z } from './z';",
        "// import { c } from '../b/inAComment';",
        "const parts = () => require('../b/parts');",
        "import { run } from '../../sources/run';",
      ]);
      write('a/deep/d.ts', ["import { w } from '../w';", "export { v } from '../../b/v';", "const m = import('../../b/lazy');"]);
      write('b/y.ts', ["import { spine } from '../spine';", "import { x } from '../a/x';"]);
      expect(crossImports(root).sort()).toEqual([
        "a/deep/d.ts:2 imports '../../b/v'",
        "a/deep/d.ts:3 imports '../../b/lazy'",
        "a/x.ts:1 imports '../b/y'",
        "a/x.ts:2 imports '../b'",
        "a/x.ts:6 imports '../b/parts'",
        "b/y.ts:2 imports '../a/x'",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
