/**
 * Health (卫健) tables: family-doctor contracts, chronic conditions (ICD-10), vaccinations of
 * children under 14 on the national immunisation schedule, birth certificates (出生医学证明) of
 * children born in the last five years, and death registrations.
 */
import { birthdayAt, isoDate, yearOf } from '../dates';
import { chunked, TableLoad } from '../copy';
import { chronicLowIncome } from '../eligibility';
import { Flag, homeBuilding, Model } from '../model';
import { drawGivenName, drawSurname } from '../names';
import { Rng, Weighted } from '../random';

/** Chronic conditions under community management: ICD-10 code, name, relative frequency. */
export const CHRONIC_CONDITIONS: ReadonlyArray<readonly [string, string, number]> = [
  ['I10', '高血压', 40], ['E11', '2型糖尿病', 18], ['I25', '冠心病', 12], ['E78', '高脂血症', 10],
  ['I63', '脑梗死', 7], ['J44', '慢性阻塞性肺疾病', 5], ['M81', '骨质疏松', 4], ['N18', '慢性肾脏病', 2],
  ['I48', '心房颤动', 2], ['I50', '心力衰竭', 2], ['G20', '帕金森病', 1], ['G30', '阿尔茨海默病', 1.5],
  ['J45', '哮喘', 2], ['E03', '甲状腺功能减退', 2], ['M10', '痛风', 2], ['F20', '精神分裂症', 0.5], ['B18.1', '慢性乙型肝炎', 1.5],
];

/** National immunisation programme (2021): vaccine, dose, age in days at which it is due. */
export const VACCINE_SCHEDULE: ReadonlyArray<readonly [string, number, number]> = [
  ['乙肝疫苗', 1, 0], ['卡介苗', 1, 0], ['乙肝疫苗', 2, 30], ['脊灰疫苗', 1, 60], ['脊灰疫苗', 2, 90],
  ['百白破疫苗', 1, 90], ['脊灰疫苗', 3, 120], ['百白破疫苗', 2, 120], ['百白破疫苗', 3, 150], ['乙肝疫苗', 3, 180],
  ['A群流脑多糖疫苗', 1, 180], ['麻腮风疫苗', 1, 240], ['乙脑减毒活疫苗', 1, 240], ['A群流脑多糖疫苗', 2, 270],
  ['百白破疫苗', 4, 545], ['麻腮风疫苗', 2, 545], ['甲肝减毒活疫苗', 1, 545], ['乙脑减毒活疫苗', 2, 730],
  ['A群C群流脑多糖疫苗', 1, 1095], ['脊灰疫苗', 4, 1460], ['A群C群流脑多糖疫苗', 2, 2190], ['白破疫苗', 1, 2190],
];

/** Hospitals with maternity wards where 东城区 babies are born. */
const HOSPITALS = [
  '北京协和医院', '北京妇产医院', '首都医科大学附属北京同仁医院', '北京医院', '北京市东城区妇幼保健院',
  '北京大学第一医院', '首都医科大学附属北京天坛医院', '北京市普仁医院', '首都医科大学附属北京朝阳医院',
];

const CAUSES_ELDERLY = new Weighted<readonly [string, string]>([
  [['I21', '急性心肌梗死'], 15], [['I63', '脑梗死'], 14], [['C34', '肺恶性肿瘤'], 12], [['I61', '脑出血'], 8],
  [['J44', '慢性阻塞性肺疾病'], 8], [['J18', '肺炎'], 7], [['I50', '心力衰竭'], 6], [['C16', '胃恶性肿瘤'], 4],
  [['C22', '肝恶性肿瘤'], 4], [['C18', '结肠恶性肿瘤'], 3], [['E11', '2型糖尿病'], 3], [['G30', '阿尔茨海默病'], 3],
  [['N18', '慢性肾脏病'], 2],
]);
const CAUSES_YOUNG = new Weighted<readonly [string, string]>([
  [['V89.2', '道路交通事故'], 30], [['C92', '髓样白血病'], 15], [['I21', '急性心肌梗死'], 20], [['C34', '肺恶性肿瘤'], 15],
  [['W74', '溺水'], 8], [['I61', '脑出血'], 12],
]);
const CAUSES_INFANT = new Weighted<readonly [string, string]>([[['P07', '早产和低出生体重'], 60], [['Q24', '先天性心脏病'], 40]]);

const CONDITIONS = new Weighted(CHRONIC_CONDITIONS.map(([code, name, w]) => [[code, name] as const, w] as const));

interface Clinic {
  name: string;
  doctors: string[];
}

/** The family-doctor team of a community: its service station and a few doctors (stable per community). */
function clinicOf(m: Model, cache: Map<string, Clinic>, building: number): Clinic {
  const b = m.buildings[building];
  let clinic = cache.get(b.communityCode);
  if (!clinic) {
    const rng = new Rng(m.seed, `clinic:${b.communityCode}`);
    const community = m.communities.find((c) => c.code === b.communityCode)!;
    const street = m.streets[b.streetIndex].name.replace(/街道$/, '');
    const station = rng.chance(0.7) ? `${community.name.replace(/(社区居委会|居委会)$/, '')}社区卫生服务站` : `${street}社区卫生服务中心`;
    const doctors = Array.from({ length: rng.int(2, 4) }, () => {
      const male = rng.chance(0.35);
      return drawSurname(rng) + drawGivenName(rng, male, rng.int(1965, 1995));
    });
    clinic = { name: station, doctors };
    cache.set(b.communityCode, clinic);
  }
  return clinic;
}

function contractChance(m: Model, i: number): number {
  const p = m.persons;
  const age = p.age[i];
  if (p.flags[i] & Flag.CHRONIC) return 0.8;
  if (age >= 65) return 0.75;
  if (age >= 60) return 0.6;
  if (age < 7) return 0.45;
  return p.household[i] >= 0 ? 0.3 : 0.18;
}

export function healthTables(m: Model): TableLoad[] {
  const p = m.persons;
  const ref = m.referenceDay;
  return [
    {
      table: 'family_doctor_contracts',
      columns: ['id_number', 'doctor_name', 'clinic', 'signed_on', 'expires_on'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'family_doctor_contracts');
        // Living 低保 members with a chronic condition hold a current contract (../eligibility.ts),
        // except the planted gaps; what the usual draw left out comes from this stream.
        const due = new Rng(m.seed, 'family_doctor_contracts:due');
        const clinics = new Map<string, Clinic>();
        for (let i = 0; i < p.count; i++) {
          if (p.flags[i] & Flag.DIED) continue;
          const owed = chronicLowIncome(m, i);
          const gap = owed && (p.flags[i] & Flag.PLANT_NO_FAMILY_DOCTOR) !== 0;
          const drawn = rng.chance(contractChance(m, i));
          if (!drawn && (!owed || gap)) continue;
          const clinic = clinicOf(m, clinics, homeBuilding(m, i));
          let signed: number;
          let doctor: string;
          if (drawn) {
            // Contracts run a year; about 5% lapsed without renewal.
            const lapsed = rng.chance(0.05);
            signed = Math.max(p.birthDay[i] + 1, ref - (lapsed ? rng.int(366, 500) : rng.int(0, 364)));
            doctor = rng.pick(clinic.doctors);
            if (gap) continue;
            if (owed && lapsed) signed = Math.max(p.birthDay[i] + 1, ref - due.int(0, 364));
          } else {
            signed = Math.max(p.birthDay[i] + 1, ref - due.int(0, 364));
            doctor = due.pick(clinic.doctors);
          }
          out.row([p.idNumber[i], doctor, clinic.name, isoDate(signed), isoDate(signed + 364)]);
          yield;
        }
      }),
    },
    {
      table: 'chronic_conditions',
      columns: ['id_number', 'icd10', 'name', 'diagnosed_on', 'managed'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'chronic_conditions');
        for (let i = 0; i < p.count; i++) {
          if (!(p.flags[i] & Flag.CHRONIC)) continue;
          const count = rng.chance(0.55) ? 1 : rng.chance(0.67) ? 2 : 3;
          const seen = new Set<string>();
          const until = p.flags[i] & Flag.DIED ? p.deathDay[i] : ref - 1;
          // Diagnosed in the last 20 years, after the age of 30 for adults.
          const from = Math.max(p.age[i] >= 35 ? birthdayAt(p.birthDay[i], 30) : p.birthDay[i] + 365, until - 20 * 365);
          for (let k = 0; k < count; k++) {
            const [code, name] = CONDITIONS.sample(rng);
            if (seen.has(code)) continue;
            seen.add(code);
            const diagnosed = from >= until ? until : rng.int(from, until);
            out.row([p.idNumber[i], code, name, isoDate(diagnosed), rng.chance(p.household[i] >= 0 ? 0.72 : 0.45)]);
          }
          yield;
        }
      }),
    },
    {
      table: 'vaccinations',
      columns: ['id_number', 'vaccine', 'dose', 'given_on'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'vaccinations');
        for (let i = 0; i < p.count; i++) {
          if (p.age[i] >= 14) continue;
          const until = p.flags[i] & Flag.DIED ? p.deathDay[i] : ref;
          const missRate = p.household[i] >= 0 ? 0.02 : 0.06;
          const missed = new Set<string>();
          // Vaccines due the same day are given at the same visit, up to three weeks late.
          let visitDue = 0;
          let visitDelay = 0;
          for (const [vaccine, dose, due] of VACCINE_SCHEDULE) {
            if (missed.has(vaccine)) continue;
            if (due !== visitDue) {
              visitDue = due;
              visitDelay = rng.int(0, 20);
            }
            const given = p.birthDay[i] + due + visitDelay;
            if (given >= until) continue;
            if (rng.chance(missRate)) {
              missed.add(vaccine);
              continue;
            }
            out.row([p.idNumber[i], vaccine, dose, isoDate(given)]);
          }
          yield;
        }
      }),
    },
    {
      table: 'births',
      columns: ['certificate_no', 'child_id_number', 'mother_id_number', 'father_id_number', 'born_on', 'hospital', 'weight_grams'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'births');
        let serial = 0;
        // 出生医学证明: one letter per print year (N = 2020, O = 2021, ...) + 9 digits.
        const certificate = (day: number): string =>
          String.fromCharCode(78 + Math.max(0, Math.min(11, yearOf(day) - 2020))) + '11' + String(++serial).padStart(7, '0');
        const weight = (): number => Math.round(rng.normal(3300, 450, 1500, 4900));
        for (let i = 0; i < p.count; i++) {
          if (!(p.flags[i] & Flag.BIRTH_CERTIFICATE)) continue;
          let born = p.birthDay[i];
          if (p.flags[i] & Flag.PLANT_BIRTH_DATE_MISMATCH) {
            // Never after the reference day, and never the same day (the mismatch is the point).
            const shift = rng.pick([-10, -3, -1, 1, 2, 7, 10]);
            born = born + shift <= ref - 1 ? born + shift : born - shift;
          }
          const father = p.father[i] >= 0 ? p.idNumber[p.father[i]] : null;
          out.row([certificate(p.birthDay[i]), p.idNumber[i], p.idNumber[p.mother[i]], father, isoDate(born), rng.pick(HOSPITALS), weight()]);
          yield;
        }
        // Newborns not yet registered with police: no child ID number.
        for (const mother of m.unregisteredBirthMothers) {
          const born = ref - rng.int(3, 60);
          const father = p.spouse[mother] >= 0 ? p.idNumber[p.spouse[mother]] : null;
          out.row([certificate(born), null, p.idNumber[mother], father, isoDate(born), rng.pick(HOSPITALS), weight()]);
          yield;
        }
      }),
    },
    {
      table: 'deaths',
      columns: ['id_number', 'certificate_no', 'died_on', 'cause_icd10', 'cause'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'deaths');
        let serial = 0;
        for (let i = 0; i < p.count; i++) {
          if (!(p.flags[i] & Flag.DIED)) continue;
          const day = p.deathDay[i];
          const age = p.age[i];
          const [code, cause] = (age < 1 ? CAUSES_INFANT : age < 50 ? CAUSES_YOUNG : CAUSES_ELDERLY).sample(rng);
          out.row([p.idNumber[i], `D110101${yearOf(day)}${String(++serial).padStart(6, '0')}`, isoDate(day), code, cause]);
          yield;
        }
      }),
    },
  ];
}
