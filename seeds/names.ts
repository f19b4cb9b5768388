/**
 * Chinese personal names: surnames by their frequency (7th census order and rough shares, plus a few
 * Manchu-origin surnames common in old Beijing), given names of one or two characters drawn from
 * sex- and generation-typical characters (a 1950s 淑珍 / 建国, a 2010s 梓涵 / 子轩).
 */
import { Rng, Weighted } from './random';

/** Surname → relative frequency (per 10,000). */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 712], ['李', 700], ['张', 674], ['刘', 510], ['陈', 461], ['杨', 322], ['黄', 245], ['赵', 219],
  ['吴', 200], ['周', 195], ['徐', 145], ['孙', 138], ['马', 129], ['朱', 128], ['胡', 116], ['郭', 115],
  ['何', 105], ['林', 103], ['高', 100], ['罗', 96], ['郑', 91], ['梁', 86], ['谢', 77], ['宋', 71],
  ['唐', 70], ['许', 67], ['韩', 64], ['邓', 63], ['冯', 63], ['曹', 61], ['彭', 59], ['曾', 58],
  ['肖', 56], ['田', 54], ['董', 53], ['潘', 51], ['袁', 51], ['蔡', 48], ['蒋', 48], ['余', 47],
  ['于', 47], ['杜', 46], ['叶', 45], ['程', 44], ['魏', 43], ['苏', 43], ['吕', 42], ['丁', 41],
  ['任', 41], ['卢', 40], ['姚', 39], ['沈', 38], ['钟', 38], ['姜', 37], ['崔', 36], ['谭', 35],
  ['陆', 34], ['范', 33], ['汪', 33], ['廖', 32], ['石', 32], ['金', 31], ['韦', 30], ['贾', 30],
  ['夏', 29], ['付', 29], ['方', 28], ['邹', 27], ['熊', 27], ['白', 27], ['孟', 26], ['秦', 26],
  ['邱', 26], ['侯', 25], ['江', 25], ['尹', 24], ['薛', 24], ['闫', 24], ['段', 23], ['雷', 23],
  ['龙', 22], ['黎', 22], ['史', 22], ['陶', 21], ['贺', 21], ['毛', 20], ['郝', 20], ['顾', 20],
  ['龚', 19], ['邵', 19], ['万', 18], ['覃', 18], ['武', 18], ['钱', 17], ['戴', 17], ['严', 17],
  ['莫', 16], ['孔', 16], ['向', 15], ['常', 15], ['汤', 15], ['康', 14], ['易', 14], ['乔', 14],
  ['赖', 13], ['文', 13], ['施', 13], ['牛', 13], ['樊', 12], ['葛', 12], ['邢', 12], ['安', 11],
  ['齐', 11], ['庞', 11], ['聂', 11], ['关', 10], ['那', 3], ['佟', 3], ['富', 2], ['欧阳', 5],
  ['司马', 1], ['诸葛', 1], ['上官', 1],
];

interface Era {
  /** Share of one-character given names in this generation. */
  single: number;
  male: { first: string; second: string; one: string };
  female: { first: string; second: string; one: string };
}

/** Given-name characters by birth cohort; a two-character name is first[i] + second[j]. */
const ERAS: ReadonlyArray<readonly [number, Era]> = [
  [1960, {
    single: 0.12,
    male: { first: '建国德志振永福保文树玉长宝金春庆洪继锡茂万占兆殿', second: '国华明强生利山林春胜才祥福海成发贵田顺禄奎元', one: '刚强军明华林勇斌成福忠义仁礼智信贵祥' },
    female: { first: '淑秀桂玉凤素春丽美月翠兰金慧', second: '珍英兰芳梅荣芬云华琴香霞娥芝清', one: '英华珍兰芳霞琴梅菊凤娥秀' },
  }],
  [1980, {
    single: 0.25,
    male: { first: '建卫红志立晓国永宏利跃胜海小文新学向东', second: '军东国平勇涛新伟强刚民兵华明峰忠斌', one: '伟军勇强斌涛平刚杰明辉峰波毅宁俊鹏彬庆' },
    female: { first: '红丽秀艳淑晓卫海春建亚彩玉小桂', second: '梅娟华霞红燕萍丽英芝琴玲芳', one: '红丽霞燕娟敏萍艳静芳莉琳洁虹颖玲梅' },
  }],
  [2000, {
    single: 0.2,
    male: { first: '志海晓俊文家伟少晨天一博泽浩建子鹏宇', second: '强洋明杰博豪伟华阳宇鸣文然磊涛飞龙', one: '浩鹏磊超杰强波宇健亮鑫帅凯昊晨旭阳锋鸣冬' },
    female: { first: '婷晶丹佳晓雅思梦雨欣文春秀丽美倩', second: '婷晶丹佳燕琴思瑶琪然静雨丽敏娜颖', one: '雪静丽敏娜倩颖琳薇婷蕾璐菲悦洁瑶婧' },
  }],
  [9999, {
    single: 0.08,
    male: { first: '子浩宇梓俊一博沐奕宸铭煜承思嘉皓泽天睿锦', second: '轩宇豪熙诺然墨航睿文宸辰泽祺远恒阳川', one: '宇轩泽睿哲航博' },
    female: { first: '梓子欣诗雨可一语若依思紫芷梦佳沐安雅', second: '涵怡萱诺桐汐妍琪彤悦然瑶晴宁琳', one: '萱妍琪彤悦涵' },
  }],
];

const surnameTable = new Weighted(SURNAMES);

/** A surname drawn by frequency. */
export function drawSurname(rng: Rng): string {
  return surnameTable.sample(rng);
}

/** A given name of one or two characters typical of someone of `male` sex born in `birthYear`. */
export function drawGivenName(rng: Rng, male: boolean, birthYear: number): string {
  const era = ERAS.find(([before]) => birthYear < before)![1];
  const pool = male ? era.male : era.female;
  if (rng.chance(era.single)) return pool.one[rng.below(pool.one.length)];
  const a = pool.first[rng.below(pool.first.length)];
  let b = pool.second[rng.below(pool.second.length)];
  // Reduplicated names (婷婷, 晶晶) are only usual for girls; for boys redraw once.
  if (a === b && male) b = pool.second[rng.below(pool.second.length)];
  return a + b;
}

/**
 * Ethnic groups as registered in Beijing (汉族 ≈ 95%, then 满族, 回族, 蒙古族 ...), relative weights.
 */
export const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [
  ['汉族', 9530], ['满族', 160], ['回族', 120], ['蒙古族', 40], ['朝鲜族', 20], ['土家族', 20],
  ['壮族', 15], ['苗族', 10], ['藏族', 8], ['维吾尔族', 7], ['彝族', 5], ['布依族', 3], ['侗族', 3],
  ['瑶族', 3], ['白族', 3], ['锡伯族', 3],
];
