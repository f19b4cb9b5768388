import { checkCharacter, makeIdNumber, validateIdNumber } from '../src/identity/idNumber';

describe('GB 11643 ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character of the published example', () => {
    // GB 11643-1999 appendix example: 11010519491231002X
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X' });
  });

  it('accepts a lower-case x and surrounding spaces, normalising them', () => {
    expect(validateIdNumber(' 11010519491231002x ')).toEqual({ ok: true, idNumber: '11010519491231002X' });
  });

  it('rejects a wrong check character as CHECKSUM', () => {
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'CHECKSUM' });
  });

  it('rejects an impossible birth date as BIRTH_DATE', () => {
    const feb30 = '11010119900230001' + checkCharacter('11010119900230001');
    expect(validateIdNumber(feb30)).toEqual({ ok: false, problem: 'BIRTH_DATE' });
  });

  it('rejects wrong length and letters as FORMAT', () => {
    expect(validateIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'FORMAT' });
    expect(validateIdNumber('11010519491231002A')).toEqual({ ok: false, problem: 'FORMAT' });
    expect(validateIdNumber("1101'; DROP TABLE persons;--")).toEqual({ ok: false, problem: 'FORMAT' });
  });

  it('builds numbers that validate, with the sequence parity carrying the sex', () => {
    const man = makeIdNumber('110101', '1985-07-14', 123);
    expect(validateIdNumber(man).ok).toBe(true);
    expect(Number(man[16]) % 2).toBe(1);
  });
});
