/**
 * Splits typed address text into the building part (matched anywhere in the standard address
 * library's building addresses) and a room part (matched as the start of the room):
 * `南池子大街12号院3号楼2单元301` → `南池子大街12号院3号楼` + `2单元301`,
 * `帽儿胡同5号东厢房` → `帽儿胡同5号` + `东厢房`. Text without a house number is all building part.
 */
const BUILDING_END = /^(.*?\d+号(?:院\d+号楼|楼|院(?!\d)|(?![院楼\d])))(.*)$/su;

export function parseAddressText(text: string): { buildingText: string; roomPrefix: string | null } {
  const compact = text.normalize('NFC').replace(/\s+/g, '');
  const m = BUILDING_END.exec(compact);
  if (!m) return { buildingText: compact, roomPrefix: null };
  return { buildingText: m[1], roomPrefix: m[2].length ? m[2] : null };
}
