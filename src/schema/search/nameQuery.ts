import type { NameQuery } from '../../sources/search/criteria';

/** Letters and the syllable separators people type in pinyin (`zhang wei`, `xi'an`). */
const PINYIN = /^[a-zü\s'’]+$/i;

/**
 * Reads a typed name: letters only (spaces and apostrophes ignored) is pinyin, matched against
 * full pinyin and initials (`zhangwei`, `zw`, `zhangw`), with ü typed as v; anything else is the
 * name itself (汉字), whitespace removed, matched as a prefix and taken literally (`%` is a
 * percent sign). Returns null for blank text.
 */
export function parseNameQuery(text: string): NameQuery | null {
  const compact = text.normalize('NFC').replace(/\s+/g, '');
  if (compact.length === 0) return null;
  if (PINYIN.test(compact)) {
    const letters = compact.toLowerCase().replace(/['’]/g, '').replace(/ü/g, 'v');
    if (letters.length) return { kind: 'pinyin', text: letters };
  }
  return { kind: 'hanzi', text: compact };
}
