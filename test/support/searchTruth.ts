import { pinyin } from 'pinyin-pro';
import type { Databases } from '../../src/db/databases';
import { ageOn, todayInChina } from '../../src/identity/age';

/**
 * Ground truth for search tests, computed straight from the four databases with plain SQL and
 * joined here in JavaScript (deliberately not through the hub's search code): every police person
 * with the facts a search filters on, and every household with its members.
 */
export interface TruthPerson {
  idNumber: string;
  hubId: string;
  name: string;
  pinyin: string;
  initials: string;
  age: number;
  householdNo: string | null;
  /** Buildings (and rooms) of the registered household and of the newest active residence registration. */
  registered: { building: string; room: string } | null;
  residence: { building: string; room: string } | null;
  livesAway: boolean;
  tags: Set<string>;
}

export interface TruthHousehold {
  householdNo: string;
  hubId: string;
  building: string;
  room: string;
  members: TruthPerson[];
}

export interface Building {
  code: string;
  grid: string;
  community: string;
  address: string;
}

export interface Truth {
  persons: TruthPerson[];
  households: TruthHousehold[];
  buildings: Map<string, Building>;
  byHubId: Map<string, TruthPerson>;
}

const ids = (rows: Array<{ id_number: string }>) => new Set(rows.map((r) => r.id_number));

export async function loadTruth(dbs: Databases): Promise<Truth> {
  const today = todayInChina();
  const [persons, households, residences, buildings, personIndex, householdIndex] = await Promise.all([
    dbs.police.raw('SELECT id_number, name, birth_date, household_no FROM persons'),
    dbs.police.raw('SELECT household_no, building_code, room FROM households'),
    dbs.police.raw(`SELECT DISTINCT ON (id_number) id_number, building_code, room FROM residence_registrations
                    WHERE status = 'ACTIVE' ORDER BY id_number, registered_on DESC`),
    dbs.hub.raw('SELECT code, grid_id, community_code, address FROM buildings'),
    dbs.hub.raw('SELECT id, id_number FROM person_index'),
    dbs.hub.raw('SELECT id, household_no FROM household_index'),
  ]);
  const [livesAlone, disabled, lowIncome, children, followUp] = await Promise.all([
    dbs.civil.raw('SELECT id_number FROM elderly_care WHERE lives_alone'),
    dbs.civil.raw('SELECT id_number FROM disabilities'),
    dbs.civil.raw(`SELECT id_number FROM assistance WHERE status = 'ACTIVE' AND kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY')`),
    dbs.civil.raw('SELECT id_number FROM children_in_difficulty'),
    dbs.health.raw('SELECT id_number FROM chronic_conditions WHERE managed EXCEPT SELECT id_number FROM deaths'),
  ]).then((rs) => rs.map((r) => ids(r.rows)));
  const hubOf = new Map<string, string>(personIndex.rows.map((r: { id: string; id_number: string }) => [r.id_number, r.id]));
  const householdAt = new Map<string, { building: string; room: string }>(
    households.rows.map((h: { household_no: string; building_code: string; room: string }) => [h.household_no, { building: h.building_code, room: h.room }]),
  );
  const residenceOf = new Map<string, { building: string; room: string }>(
    residences.rows.map((r: { id_number: string; building_code: string; room: string }) => [r.id_number, { building: r.building_code, room: r.room }]),
  );
  const truthPersons: TruthPerson[] = persons.rows.map((p: { id_number: string; name: string; birth_date: string; household_no: string | null }) => {
    const syllables = pinyin(p.name, { toneType: 'none', type: 'array', mode: 'surname', v: true });
    const age = ageOn(p.birth_date, today);
    const registered = p.household_no ? householdAt.get(p.household_no) ?? null : null;
    const residence = residenceOf.get(p.id_number) ?? null;
    const tags = new Set<string>();
    if (age >= 60 && livesAlone.has(p.id_number)) tags.add('ELDERLY_LIVING_ALONE');
    if (disabled.has(p.id_number)) tags.add('DISABLED');
    if (lowIncome.has(p.id_number)) tags.add('LOW_INCOME');
    if (p.household_no === null) tags.add('FLOATING_POPULATION');
    if (age < 18 && children.has(p.id_number)) tags.add('CHILD_IN_DIFFICULTY');
    if (followUp.has(p.id_number)) tags.add('NEEDS_HEALTH_FOLLOW_UP');
    return {
      idNumber: p.id_number,
      hubId: hubOf.get(p.id_number)!,
      name: p.name,
      pinyin: syllables.join(''),
      initials: syllables.map((s) => s[0]).join(''),
      age,
      householdNo: p.household_no,
      registered,
      residence,
      livesAway: residence !== null && (registered === null || registered.building !== residence.building || registered.room !== residence.room),
      tags,
    };
  });
  const membersOf = new Map<string, TruthPerson[]>();
  for (const p of truthPersons) if (p.householdNo) membersOf.set(p.householdNo, [...(membersOf.get(p.householdNo) ?? []), p]);
  const hubOfHousehold = new Map<string, string>(householdIndex.rows.map((r: { id: string; household_no: string }) => [r.household_no, r.id]));
  return {
    persons: truthPersons,
    households: [...householdAt].map(([householdNo, at]) => ({
      householdNo,
      hubId: hubOfHousehold.get(householdNo)!,
      building: at.building,
      room: at.room,
      members: membersOf.get(householdNo) ?? [],
    })),
    buildings: new Map(buildings.rows.map((b: { code: string; grid_id: string; community_code: string; address: string }) => [
      b.code, { code: b.code, grid: b.grid_id, community: b.community_code, address: b.address },
    ])),
    byHubId: new Map(truthPersons.map((p) => [p.hubId, p])),
  };
}

/** Whether a person is registered or actively living in a building that satisfies `where` (room prefix optional). */
export function personIn(t: Truth, p: TruthPerson, where: (b: Building) => boolean, roomPrefix: string | null = null): boolean {
  return [p.registered, p.residence].some((at) => at !== null && where(t.buildings.get(at.building)!) && (roomPrefix === null || at.room.startsWith(roomPrefix)));
}
