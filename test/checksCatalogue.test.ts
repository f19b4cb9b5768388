import fs from 'node:fs';
import { renderChecksDocs } from '../src/checks/checksDocs';
import { CHECKS_DOCS_FILE } from '../src/checks/checksDocsCli';
import { checkEvaluators } from '../src/checks/evaluators';
import { CHECK_RULES } from '../src/checks/rules';
import { checksIntervalMinutes } from '../src/checks/schedule';
import { departmentNamed } from '../src/departments/registry';

describe('the catalogue of cross-department checks', () => {
  it('is documented in docs/checks.md (run `npm run checks:doc` after changing src/checks/rules.ts)', () => {
    expect(fs.readFileSync(CHECKS_DOCS_FILE, 'utf8')).toBe(renderChecksDocs());
  });

  it('declares each rule once, with an evaluator, registered departments, an owner with officers among those it reads, and a reason', () => {
    const ids = CHECK_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(checkEvaluators()).sort()).toEqual([...ids].sort());
    for (const rule of CHECK_RULES) {
      for (const name of rule.reads) expect({ rule: rule.id, name, kind: departmentNamed(name)?.kind }).toEqual({ rule: rule.id, name, kind: 'department' });
      expect(rule.reads).toContain(rule.owner);
      expect(departmentNamed(rule.owner)!.roles?.length).toBeGreaterThan(0);
      expect(rule.reason.length).toBeGreaterThan(40);
      expect([1, 2, 3, 4]).toContain(rule.level);
    }
  });

  it('covers the five planted kinds, the unregistered birth and three "eligible but not receiving" rules', () => {
    expect(CHECK_RULES.map((r) => r.id)).toEqual(expect.arrayContaining([
      'DEATH_WITH_ACTIVE_ASSISTANCE', 'LIVES_ALONE_CONFLICT', 'MARITAL_CONFLICT', 'BIRTH_DATE_MISMATCH', 'ASSISTANCE_UNKNOWN_TO_POLICE',
      'BIRTH_NOT_REGISTERED', 'AGED_80_WITHOUT_OLD_AGE_ALLOWANCE', 'SEVERE_DISABILITY_WITHOUT_SUBSIDY', 'CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR',
    ]));
  });

  it('keeps the in-process schedule off unless CHECKS_INTERVAL_MINUTES sets whole minutes', () => {
    expect(checksIntervalMinutes({})).toBe(0);
    expect(checksIntervalMinutes({ CHECKS_INTERVAL_MINUTES: '0' })).toBe(0);
    expect(checksIntervalMinutes({ CHECKS_INTERVAL_MINUTES: '1440' })).toBe(1440);
    for (const bad of ['-5', '1.5', 'hourly', '20000']) {
      expect(() => checksIntervalMinutes({ CHECKS_INTERVAL_MINUTES: bad })).toThrow(expect.objectContaining({ name: 'ConfigError' }));
    }
  });
});
