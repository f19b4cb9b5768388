import { ageOn as identityAge } from '../src/identity/age';
import { ageOn, groupMask, groupsOf } from '../src/departments/street/coverage';

/** The ledger's allocation-free age (coverage.ts) is the identity module's age, to the day. */
describe("the coverage ledger's ages and groups", () => {
  const days = (from: string, count: number, step: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * step * 86_400_000).toISOString().slice(0, 10));

  it('reckons completed years exactly as identity/age.ts does, birthdays and 29 February included', () => {
    const births = [...days('1924-02-20', 40, 1), ...days('2000-02-25', 10, 1), ...days('1950-01-01', 400, 37), '2008-02-29', '2007-12-31'];
    const on = [...days('2026-02-25', 8, 1), '2026-10-31', '2026-12-31', '2028-02-28', '2028-02-29', '2008-02-29'];
    let checked = 0;
    for (const b of births) for (const d of on) {
      if (b > d) continue;
      expect([b, d, ageOn(b, d)]).toEqual([b, d, identityAge(b, d)]);
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('puts a resident in the special groups by age on the last day: 60 for living alone, under 18 for children', () => {
    const r = (birthDate: string) => ({ hubId: 'x', gridId: 'g', birthDate, livesAlone: true, disabled: false, childInDifficulty: true, visitsInMonth: 0, visitsInQuarter: 0 });
    expect(groupsOf(r('1966-10-31'), '2026-10-31')).toEqual(['ELDERLY_LIVING_ALONE']);
    expect(groupsOf(r('1966-11-01'), '2026-10-31')).toEqual([]);
    expect(groupsOf(r('2008-11-01'), '2026-10-31')).toEqual(['CHILD_IN_DIFFICULTY']);
    expect(groupsOf(r('2008-10-31'), '2026-10-31')).toEqual([]);
    expect(groupMask({ ...r('1950-01-01'), disabled: true }, '2026-10-31')).toBe(3);
  });
});
