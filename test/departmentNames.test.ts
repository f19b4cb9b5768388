import fs from 'node:fs';
import path from 'node:path';
import { BUILT_IN_DEPARTMENTS } from '../src/departments/registry';

/**
 * The habit that keeps "nothing else lists departments" true (issue 14): code in src/ outside
 * src/departments/ does not name a department. A department is a registered module of kind
 * `department` (the hub's own database is not one). Naming means, in code (comments and prose inside
 * strings are not code): an exact string literal (`'police'`), an identifier that is the name or
 * starts with it (`dbs.police`, `policeSearch`, `civilTags`), or an import path into a department's
 * folder (`departments/police/...`).
 *
 * Allowed outside src/departments/ (besides migrations/ and seeds/, which are not scanned: a
 * department's migrations and seed tables live in folders named after it by design):
 * - HOMONYMS: files where a department's name is another word, as a bare identifier only: `health`
 *   a status (the access-log store's, the source circuits', readiness'), `street` the
 *   administrative street (街道) a community belongs to. There, and only for that word, it is not
 *   counted (a literal, an import path or `healthX` still is).
 * No other file is allowed: the hub's entry points built on the identity spine (search, tags,
 * node, the access log's subject, claims) and the search's visit conditions reach their owners
 * through src/departments/spine.ts, which reads the registry.
 */
const HOMONYMS: Readonly<Record<string, readonly string[]>> = {
  'src/audit/auditStore.ts': ['health'],
  'src/db/databases.ts': ['health'],
  'src/server/readiness.ts': ['health'],
  'src/sources/sourceHealth.ts': ['health'],
  'src/sources/sourceMetrics.ts': ['health'],
  'src/schema/address/community.type.ts': ['street'],
};

const ROOT = path.join(__dirname, '..');
const NAMES = BUILT_IN_DEPARTMENTS.filter((m) => m.kind === 'department').map((m) => m.name);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel === 'src/departments' ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Blanks comments and string contents (keeping line breaks), leaving exact department literals as `'<name>'`. */
function codeOnly(text: string): string {
  const literal = new RegExp(`^(${NAMES.join('|')})$`);
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) => {
    if (m.startsWith('/')) return m.replace(/[^\n]/g, ' ');
    const inner = m.slice(1, -1);
    if (literal.test(inner)) return m;
    if (/^(\.\.?\/)+/.test(inner)) return m; // import paths stay visible
    return m[0] + m.slice(1, -1).replace(/[^\n]/g, ' ') + m[0];
  });
}

/** The pattern for naming a department in code; `homonyms`: names not counted as a bare identifier. */
function namingPattern(homonyms: readonly string[]): RegExp {
  const names = NAMES.join('|');
  const exact = NAMES.filter((n) => !homonyms.includes(n));
  const bare = `(${names})(?=[A-Z])${exact.length ? `|(${exact.join('|')})` : ''}`;
  return new RegExp(`'(${names})'|"(${names})"|departments/(${names})\\b|(?<![\\w$])(?:${bare})(?![a-z0-9_$])`);
}

/** `file:line: text` for each line of `file` that names a department in code. */
function namings(file: string, homonyms: readonly string[] = HOMONYMS[file] ?? []): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const naming = namingPattern(homonyms);
  const original = text.split('\n');
  return codeOnly(text).split('\n').flatMap((line, i) => (naming.test(line) ? [`${file}:${i + 1}: ${original[i].trim()}`] : []));
}

describe('nothing outside src/departments/ names a department', () => {
  const files = sourceFiles('src');

  it('finds the departments to look for in the registry', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['police', 'civil', 'health']));
  });

  it('no file outside src/departments/ names a department, reported by file and line', () => {
    const found = files.flatMap((f) => namings(f));
    expect(found).toEqual([]);
  });

  // A HOMONYMS file is checked with the word counted: it must still use it, or leave the list.
  it('every listed exception still names one (the list only shrinks)', () => {
    const stale = Object.keys(HOMONYMS).filter((f) => !fs.existsSync(path.join(ROOT, f)) || namings(f, []).length === 0);
    expect(stale).toEqual([]);
  });

  it('catches a department named in code, and not in prose or comments', () => {
    const probe = path.join(ROOT, 'test', '.departmentNamesProbe.ts');
    fs.writeFileSync(probe, [
      "// police, civil and health in a comment",
      "const text = 'street staff see only their grids';",
      "const pool = dbs.policeSearch;",
      "const name = 'civil';",
      "import { x } from '../departments/health/parts';",
      "const fine = sourceHealth.states();",
      "const health = new SourceHealth(limits);",
    ].join('\n'));
    try {
      expect(namings('test/.departmentNamesProbe.ts').map((l) => l.split(':')[1])).toEqual(['3', '4', '5', '7']);
      expect(namings('test/.departmentNamesProbe.ts', ['health']).map((l) => l.split(':')[1])).toEqual(['3', '4', '5']);
    } finally {
      fs.rmSync(probe);
    }
  });
});
