import fs from 'node:fs';
import path from 'node:path';
import { isInputObjectType } from 'graphql';
import { principalFromClaims } from '../src/auth/principal';
import { initialAccess } from '../src/policy/access';
import { readDeclarations } from '../src/policy/declarations';
import { IDENTIFIER_ARGUMENTS } from '../src/policy/identifierArguments';
import { SEARCH_FILTER_FIELDS } from '../src/policy/matchingArguments';
import { FieldDecisions } from '../src/policy/policyEngine';
import { buildOneFileSchema } from '../src/schema/buildSchema';
import { toCriteria } from '../src/schema/search/searchCriteria';

const schema = buildOneFileSchema();
const declarations = readDeclarations(schema);

/** An access state with exactly these decisions, as the purpose check would leave it. */
function accessWith(decisions: Record<string, 'ALLOW' | 'MASK' | 'DENY'>) {
  const principal = principalFromClaims({ sub: 'probe', role: 'POLICE_OFFICER', purposes: ['CASE_INVESTIGATION'] });
  return { ...initialAccess(principal, 'CASE_INVESTIGATION', 'XS-2026-0042'), purpose: 'CASE_INVESTIGATION' as const, decisions: new Map(Object.entries(decisions)) as FieldDecisions };
}

describe('search filters and look-ups go through the field decisions reads use', () => {
  it('maps every matching input of SearchFilter (tags aside) to a declared field', () => {
    const filter = schema.getType('SearchFilter');
    if (!isInputObjectType(filter)) throw new Error('SearchFilter is not an input type');
    const inputs = Object.keys(filter.getFields()).filter((f) => f !== 'tags').map((f) => `SearchFilter.${f}`).sort();
    expect(Object.keys(SEARCH_FILTER_FIELDS).sort()).toEqual(inputs);
    for (const field of [...Object.values(SEARCH_FILTER_FIELDS).flat(), ...IDENTIFIER_ARGUMENTS.map((a) => a.field)]) {
      expect({ field, declared: declarations.has(field) }).toEqual({ field, declared: true });
    }
  });

  const FILTER_PAIRS = Object.entries(SEARCH_FILTER_FIELDS).flatMap(([coordinate, fields]) => fields.map((field) => [coordinate, field] as const));
  it.each(FILTER_PAIRS)('refuses %s exactly where %s is not ALLOWed', (coordinate, field) => {
    const argument = coordinate.slice('SearchFilter.'.length);
    const value = { gridIds: ['110101001001-G01'], communityCodes: ['110101001001'], address: '光明路', name: '王', minAge: 1, maxAge: 90, livesAwayFromRegisteredAddress: true, notVisitedSinceDays: 30, visitOutcome: 'MET' }[argument];
    const filter = { [argument]: value };
    const allowAll = Object.fromEntries(Object.values(SEARCH_FILTER_FIELDS).flat().map((f) => [f, 'ALLOW' as const]));
    expect(() => toCriteria(filter, 'person', accessWith(allowAll))).not.toThrow();
    for (const decision of ['MASK', 'DENY'] as const) {
      expect(() => toCriteria(filter, 'person', accessWith({ ...allowAll, [field]: decision }))).toThrow(expect.objectContaining({ code: 'FILTER_NOT_PERMITTED' }));
    }
  });
});

describe('one module writes the disclosure record', () => {
  const SRC = path.join(__dirname, '..', 'src');
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []);
  /** A write to the recorder: one of its writing methods called, or its miss count changed. */
  const WRITE = /recorder\s*\.\s*(?:record|fail|container)\s*\(|recorder\s*\.\s*misses\s*(?:\+\+|--|[+-]?=)/;

  it('finds a write wherever it is, and none outside policy/disclosureLog.ts', () => {
    expect(WRITE.test('ctx.audit.recorder.record(p, k, "ALLOW")')).toBe(true);
    expect(WRITE.test('audit.recorder.misses += 1')).toBe(true);
    expect(WRITE.test('audit.recorder.misses')).toBe(false);
    const writers = files(SRC).filter((f) => WRITE.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(writers).toEqual([path.join('policy', 'disclosureLog.ts')]);
  });
});
