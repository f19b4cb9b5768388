import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE, isErrorCode } from '../src/errors';
import { renderErrorDocs } from '../src/errors/errorDocs';
import { ERROR_DOCS_FILE } from '../src/errors/errorDocsCli';

const SRC = path.join(__dirname, '..', 'src');

/** Codes in `code:` positions that never reach a client (a Node errno set on a startup error). */
const NOT_CLIENT_CODES = new Set(['ENOTDIR']);

/**
 * The places a code is given to an error in the source: an error class or helper called with a
 * literal code first, a literal `code:` in an error's extensions, a refusal recorded by code.
 */
const EMITTING = [
  /\b(?:new (?!AuthenticationError|RoleRequiredError)\w+Error|super|limitError|codedError|refuse|reportAs|errorBody)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bnew HttpRefusal\(\s*\d+,\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode: '([A-Z][A-Z0-9_]+)'/g,
  /\.code = '([A-Z][A-Z0-9_]+)'/g,
  /\brefusal \?\?= '([A-Z][A-Z0-9_]+)'/g,
  /\b(?:code(?:: ErrorCode)? =|errorBody\() *\w+ === \d+ \? '([A-Z][A-Z0-9_]+)' : (?:\w+ === \d+ \? '([A-Z][A-Z0-9_]+)' : )?'([A-Z][A-Z0-9_]+)'/g,
];
/** The reasons an UNAUTHENTICATED answer gives (`extensions.reason`). */
const REASON = /\bnew AuthenticationError\(\s*'([A-Z][A-Z0-9_]+)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(full) : d.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every code the given text gives to an error, with where. */
function emittedCodes(text: string, where: string): Array<{ code: string; where: string }> {
  return EMITTING.flatMap((re) => [...text.matchAll(re)].flatMap((m) => m.slice(1).filter(Boolean).map((code) => ({ code, where }))));
}

const CATALOGUE_FILE = path.join(SRC, 'errors', 'catalogue.ts');
const emitted = sourceFiles(SRC)
  .filter((file) => file !== CATALOGUE_FILE)
  .flatMap((file) => emittedCodes(fs.readFileSync(file, 'utf8'), path.relative(SRC, file)));

describe('the error catalogue', () => {
  it('documents every code in docs/errors.md (run `npm run errors:doc` after changing the catalogue)', () => {
    expect(fs.readFileSync(ERROR_DOCS_FILE, 'utf8')).toBe(renderErrorDocs());
  });

  it('finds the codes a throw site gives, and flags one that is not catalogued', () => {
    expect(emittedCodes(`throw new BadInputError('NO_SUCH_CODE', 'x');`, 'probe')).toEqual([{ code: 'NO_SUCH_CODE', where: 'probe' }]);
    expect(emittedCodes(`res.end(JSON.stringify(errorBody('ALSO_NOT', 'x')));`, 'probe').map((e) => e.code)).toEqual(['ALSO_NOT']);
    expect(isErrorCode('NO_SUCH_CODE')).toBe(false);
    // The scan sees the source's throw sites, not a handful.
    expect(new Set(emitted.map((e) => e.code)).size).toBeGreaterThanOrEqual(40);
  });

  it('holds every code the source gives to an error', () => {
    const missing = emitted.filter((e) => !isErrorCode(e.code) && !NOT_CLIENT_CODES.has(e.code));
    expect(missing).toEqual([]);
  });

  it('holds every reason an UNAUTHENTICATED answer gives', () => {
    const reasons = sourceFiles(SRC).flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(REASON)].map((m) => m[1]));
    expect(reasons.length).toBeGreaterThanOrEqual(5);
    expect(reasons.filter((r) => !ERROR_CATALOGUE.UNAUTHENTICATED.reasons!.includes(r))).toEqual([]);
  });

  it('lists no code the hub never raises (GraphQL\'s own codes aside)', () => {
    const raised = new Set(emitted.map((e) => e.code));
    const unused = Object.entries(ERROR_CATALOGUE).filter(([code, e]) => e.group !== 'graphql' && !raised.has(code)).map(([code]) => code);
    expect(unused).toEqual([]);
  });

  it('gives the same mistake one code: the merged codes are raised nowhere', () => {
    const merged = ['BAD_CURSOR', 'PAGE_SIZE_OUT_OF_RANGE', 'BAD_FILTER'];
    const all = sourceFiles(SRC).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    for (const code of merged) expect(all).not.toContain(`'${code}'`);
  });

  it('says for every code what it means and what the caller should do', () => {
    for (const [code, e] of Object.entries(ERROR_CATALOGUE)) {
      expect({ code, meaning: e.meaning.length > 10, action: e.action.length > 3 }).toEqual({ code, meaning: true, action: true });
    }
  });
});
