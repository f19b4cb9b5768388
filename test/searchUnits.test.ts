import { ageOn } from '../src/identity/age';
import { parseAddressText } from '../src/schema/search/addressQuery';
import { decodeCursor, encodeCursor } from '../src/schema/search/cursor';
import { parseNameQuery } from '../src/schema/search/nameQuery';
import { namePinyin } from '../src/sources/search/namePinyin';
import { escapeLike } from '../src/sources/search/sql';
import { yearsBefore } from '../src/tags/ageBounds';
import { tagRule } from '../src/tags/tagRules';
import { Tag } from '../src/tags/tag';
import { ADULT_AGE, ELDERLY_AGE } from '../src/tags/tagCatalog';

describe('search building blocks', () => {
  it('decides "at least N years old" and the tags\' age parts exactly as ageOn does, 29 February included', () => {
    const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10));
    const todays = ['2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2026-11-22', '2026-12-31'];
    for (const today of todays) {
      for (const born of [...days('1964-02-20', 20), ...days('1966-02-20', 20), ...days('2008-02-25', 10), ...days('1966-11-15', 15)]) {
        for (const years of [18, 58, 60, 62]) expect({ today, born, years, at: born <= yearsBefore(today, years) }).toEqual({ today, born, years, at: ageOn(born, today) >= years });
        const age = ageOn(born, today);
        expect({ today, born, elderly: tagRule(Tag.ELDERLY_LIVING_ALONE, today).identityPart(born, 'H1') }).toEqual({ today, born, elderly: age >= ELDERLY_AGE });
        expect({ today, born, child: tagRule(Tag.CHILD_IN_DIFFICULTY, today).identityPart(born, 'H1') }).toEqual({ today, born, child: age < ADULT_AGE });
      }
    }
    expect(yearsBefore('2024-02-29', 60)).toBe('1964-02-29');
    expect(yearsBefore('2024-02-29', 61)).toBe('1963-02-28');
  });

  it('encodes cursors opaquely and refuses anything it did not make', () => {
    const cursor = encodeCursor('household', '4711');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('household', cursor)).toBe(4711);
    expect(() => decodeCursor('person', cursor)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    for (const bad of ['', '!!!', 'a'.repeat(65), Buffer.from('v1:p:-1').toString('base64url'), Buffer.from('v1:p:1e5').toString('base64url')]) {
      expect(() => decodeCursor('person', bad)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
  });

  it('reads typed names as pinyin when they are letters, else as the name itself', () => {
    expect(parseNameQuery(' Zhang Wei ')).toEqual({ kind: 'pinyin', text: 'zhangwei' });
    expect(parseNameQuery("xi'an")).toEqual({ kind: 'pinyin', text: 'xian' });
    expect(parseNameQuery('lü')).toEqual({ kind: 'pinyin', text: 'lv' });
    expect(parseNameQuery('张 伟')).toEqual({ kind: 'hanzi', text: '张伟' });
    expect(parseNameQuery("'")).toEqual({ kind: 'hanzi', text: "'" });
    expect(parseNameQuery('   ')).toBeNull();
  });

  it('spells names in pinyin with surname readings, ü as v', () => {
    expect(namePinyin('张伟')).toEqual({ full: 'zhangwei', initials: 'zw' });
    expect(namePinyin('曾国强')).toEqual({ full: 'zengguoqiang', initials: 'zgq' });
    expect(namePinyin('单丽')).toEqual({ full: 'shanli', initials: 'sl' });
    expect(namePinyin('吕红')).toEqual({ full: 'lvhong', initials: 'lh' });
    expect(namePinyin('欧阳雪')).toEqual({ full: 'ouyangxue', initials: 'oyx' });
  });

  it('splits address text into the building part and the start of a room', () => {
    expect(parseAddressText('南池子大街12号院3号楼2单元301')).toEqual({ buildingText: '南池子大街12号院3号楼', roomPrefix: '2单元301' });
    expect(parseAddressText('帽儿胡同5号东厢房')).toEqual({ buildingText: '帽儿胡同5号', roomPrefix: '东厢房' });
    expect(parseAddressText('3号楼 2单元')).toEqual({ buildingText: '3号楼', roomPrefix: '2单元' });
    expect(parseAddressText('12号院')).toEqual({ buildingText: '12号院', roomPrefix: null });
    expect(parseAddressText('南池子大街')).toEqual({ buildingText: '南池子大街', roomPrefix: null });
  });

  it('escapes LIKE wildcards so text matches itself', () => {
    expect(escapeLike('100%_\\x')).toBe('100\\%\\_\\\\x');
  });
});
