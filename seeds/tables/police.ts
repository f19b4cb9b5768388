/**
 * Police (公安) tables: registered households (户籍), persons (names also in pinyin, for search),
 * and residence registrations — the residence permit (居住证) of the floating population, and the
 * registration of locals who live at another address than their registered one (人户分离, no permit).
 */
import { isoDate, yearOf } from '../dates';
import { chunked, TableLoad } from '../copy';
import { Flag, Model, RELATIONS } from '../model';
import { Rng, Weighted } from '../random';
import { roomLabel } from '../addresses';
import { namePinyin } from '../../src/sources/search/namePinyin';

/** Mobile number prefixes of the three carriers. */
const PHONE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199',
];

/** Key-person categories (重点人员), L4. */
export const WATCH_CATEGORIES = new Weighted<string>([
  ['COMMUNITY_CORRECTION', 35], ['DRUG_RELATED', 25], ['SEVERE_MENTAL_DISORDER', 25], ['KEY_PETITIONER', 15],
]);

/** Share of floating residents whose current registration has lapsed, and who moved once within the street. */
const EXPIRED_SHARE = 0.08;
const MOVED_SHARE = 0.15;

function phone(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99999999)).padStart(8, '0');
}

function hasPhone(rng: Rng, age: number): boolean {
  if (age < 12) return false;
  if (age < 18) return rng.chance(0.35);
  if (age < 75) return rng.chance(0.93);
  return rng.chance(0.7);
}

function timestamp(rng: Rng, day: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${isoDate(day)} ${pad(rng.int(8, 18))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}+08`;
}

export function policeTables(m: Model): TableLoad[] {
  const p = m.persons;
  const h = m.households;
  const ref = m.referenceDay;
  return [
    {
      table: 'households',
      columns: ['household_no', 'building_code', 'room', 'kind', 'registered_on'],
      chunks: () => chunked(function* (out) {
        for (let i = 0; i < h.count; i++) {
          out.row([h.householdNo[i], m.buildings[h.building[i]].code, h.room[i], h.collective[i] ? 'COLLECTIVE' : 'FAMILY', isoDate(h.registeredDay[i])]);
          yield;
        }
      }),
    },
    {
      table: 'persons',
      columns: [
        'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'phone', 'household_no', 'relation_to_head', 'native_place', 'watch_flag', 'updated_at',
        'name_pinyin', 'name_initials',
      ],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'persons');
        for (let i = 0; i < p.count; i++) {
          const hh = p.household[i];
          // Pinyin comes last and draws nothing from rng, so every other column is unchanged by it.
          const spelled = namePinyin(p.name[i]);
          out.row([
            p.idNumber[i], p.name[i], p.male[i] ? 'M' : 'F', isoDate(p.birthDay[i]), p.ethnicity[i],
            hasPhone(rng, p.age[i]) ? phone(rng) : null,
            hh >= 0 ? h.householdNo[hh] : null,
            RELATIONS[p.relation[i]],
            p.nativePlace[i],
            p.flags[i] & Flag.WATCH ? WATCH_CATEGORIES.sample(rng) : null,
            timestamp(rng, Math.max(p.birthDay[i] + 1, ref - rng.int(0, 1500))),
            spelled.full,
            spelled.initials,
          ]);
          yield;
        }
      }),
    },
    {
      table: 'residence_registrations',
      columns: ['id_number', 'building_code', 'room', 'permit_no', 'registered_on', 'expires_on', 'status'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'residence_registrations');
        let permits = 0;
        const permitNo = (day: number): string => `京${String(yearOf(day) % 100).padStart(2, '0')}${String(++permits).padStart(9, '0')}`;
        for (let i = 0; i < p.count; i++) {
          const born = p.birthDay[i] + 1;
          if (p.flags[i] & Flag.LIVING_AWAY) {
            const since = Math.max(born, ref - rng.int(30, 10 * 365));
            out.row([p.idNumber[i], m.buildings[p.awayBuilding[i]].code, p.awayRoom.get(i)!, null, isoDate(since), null, 'ACTIVE']);
          } else if (p.unit[i] >= 0) {
            const unit = p.unit[i];
            const building = m.buildings[m.units.building[unit]];
            const since = Math.max(born, ref - rng.int(30, 6 * 365));
            if (ref - born > 800 && rng.chance(EXPIRED_SHARE)) {
              // Not renewed: the permit lapsed (moved away or information lagging).
              const expired = ref - rng.int(1, 300);
              const start = Math.max(born, expired - rng.int(365, 3 * 365));
              out.row([p.idNumber[i], building.code, m.units.room[unit], permitNo(start), isoDate(start), isoDate(expired), 'EXPIRED']);
            } else {
              if (since - born > 400 && rng.chance(MOVED_SHARE)) {
                // An earlier permit at another building of the same street, expired when they moved.
                const street = m.streets[building.streetIndex];
                const before = m.buildings[rng.int(street.buildingStart, street.buildingEnd - 1)];
                const start = Math.max(born, since - rng.int(365, 3 * 365));
                out.row([p.idNumber[i], before.code, roomLabel(rng, before.apartment, before.floors), permitNo(start), isoDate(start), isoDate(since - 1), 'EXPIRED']);
              }
              out.row([p.idNumber[i], building.code, m.units.room[unit], permitNo(since), isoDate(since), isoDate(ref + rng.int(1, 365)), 'ACTIVE']);
            }
          } else continue;
          yield;
        }
      }),
    },
  ];
}
