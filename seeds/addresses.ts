/**
 * Address texts: the hub's standard address library (北京市东城区东华门街道南池子大街12号院3号楼),
 * rooms within a building, and the registered address of someone from another province
 * (河南省周口市郸城县吴台镇北王庄村56号).
 */
import { CITY_NAME, Community, County, DISTRICT_NAME, Street } from './divisions';
import { Rng } from './random';

/** Real hutong and street names of old 东城区, shared out as extra roads of each community. */
const ROADS = [
  '东堂子胡同', '西总布胡同', '椿树胡同', '菊儿胡同', '帽儿胡同', '北兵马司胡同', '炒豆胡同', '板厂胡同',
  '府学胡同', '东四十条', '礼士胡同', '史家胡同', '演乐胡同', '内务部街', '干面胡同', '西堂子胡同',
  '金鱼胡同', '甘雨胡同', '校尉胡同', '新开路', '北河沿大街', '南河沿大街', '骑河楼街', '翠花胡同',
  '大甜水井胡同', '东安门大街', '南湾子胡同', '北池子大街', '磁器库南巷', '东黄城根南街', '灯市口西街',
  '东厂胡同', '报房胡同', '本司胡同', '遂安伯胡同', '朝阳门北小街', '南锣鼓巷', '东棉花胡同', '雨儿胡同',
  '黑芝麻胡同', '前圆恩寺胡同', '交道口南大街', '安定门内大街', '分司厅胡同', '国子监街', '五道营胡同',
  '芳草地西街', '西打磨厂街', '草厂三条', '长巷头条', '花市上头条', '东兴隆街', '幸福大街', '法华寺街',
];

const ROAD_SUFFIX = /(胡同|大街|小街|街|路|巷|条|里|口|坊|寺|营|厂|门|楼|园|苑|院|区|村|桥|湾|河|沿|坛)$/;

/** 3–6 road names for a community: its own name made into a road first, then old 东城 hutongs. */
export function communityRoads(rng: Rng, community: Community): string[] {
  const own = ROAD_SUFFIX.test(community.shortName) ? community.shortName : community.shortName + rng.pick(['大街', '胡同', '北巷', '东街']);
  const roads = [own];
  for (const road of rng.sample(ROADS, rng.int(2, 5))) if (road !== own) roads.push(road);
  return roads;
}

/** The address of a building: an apartment block in a 院 or a single courtyard house (平房院). */
export function buildingAddress(street: Street, road: string, gate: number, block: number, apartment: boolean): string {
  const base = `${CITY_NAME}${DISTRICT_NAME}${street.name}${road}${gate}号`;
  return apartment ? `${base}院${block}号楼` : base;
}

const COURTYARD_ROOMS = ['北房', '南房', '东厢房', '西厢房', '倒座房', '后罩房', '耳房'];

/** A room in a building: `2单元502` in an apartment block, `东厢房` or `北房2` in a courtyard. */
export function roomLabel(rng: Rng, apartment: boolean, floors: number): string {
  if (apartment) {
    const floor = rng.int(1, floors);
    return `${rng.int(1, 4)}单元${floor}${String(rng.int(1, 4)).padStart(2, '0')}`;
  }
  const room = rng.pick(COURTYARD_ROOMS);
  return rng.chance(0.6) ? room : `${room}${rng.int(2, 3)}`;
}

const VILLAGE_FIRST = ['东', '西', '南', '北', '前', '后', '大', '小', '上', '下', '新', '老', '王', '李', '张', '刘', '赵', '杨', '马', '孙', '高', '黄', '石', '柳', '杏', '桃'];
const VILLAGE_SECOND = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '郭', '马', '家', '河', '沟', '山', '坡', '台', '集', '桥'];
const VILLAGE_SUFFIX = ['庄村', '营村', '屯村', '店村', '寨村', '庄', '村', '堡村', '洼村', '铺村'];
const TOWN_ROADS = ['人民路', '建设路', '解放路', '和平路', '中山路', '新华路', '文化路', '胜利街', '团结路', '光明街', '朝阳路', '幸福路'];

/**
 * A registered address in `county` (outside Beijing): a village house for a county (县) or a flat on
 * a town road for a district (区) or county-level city.
 */
export function nativePlace(rng: Rng, county: County): string {
  const town = county.towns.length > 0 ? rng.pick(county.towns) : '城关镇';
  const urban = /区$|市$/.test(county.name) || /街道$/.test(town);
  if (urban) {
    return `${county.prefix}${county.name}${town}${rng.pick(TOWN_ROADS)}${rng.int(1, 399)}号${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
  }
  const village = rng.pick(VILLAGE_FIRST) + rng.pick(VILLAGE_SECOND) + rng.pick(VILLAGE_SUFFIX);
  return `${county.prefix}${county.name}${town}${village}${rng.int(1, 420)}号`;
}
