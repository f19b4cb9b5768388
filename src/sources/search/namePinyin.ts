import { pinyin } from 'pinyin-pro';

/** A name's searchable pinyin forms, as stored in police `persons.name_pinyin` / `name_initials`. */
export interface NamePinyin {
  /** Full pinyin without tones or separators, lower case, ü as v: 张伟 → `zhangwei`, 吕红 → `lvhong`. */
  full: string;
  /** First letter of each syllable: 张伟 → `zw`, 欧阳雪 → `oyx`. */
  initials: string;
}

const cache = new Map<string, NamePinyin>();
const CACHE_LIMIT = 500_000;

/**
 * The pinyin of a personal name, reading the first character(s) as a surname (曾 zeng, 单 shan,
 * 解 xie, 欧阳 ouyang). Characters without a reading are dropped. Pure and memoised: a million
 * residents share a few hundred thousand distinct names, so seeding stays fast.
 */
export function namePinyin(name: string): NamePinyin {
  let hit = cache.get(name);
  if (hit) return hit;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', mode: 'surname', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((s) => s.length > 0);
  hit = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, hit);
  return hit;
}
