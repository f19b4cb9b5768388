import { setTodayForTests } from '../src/identity/age';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { DayRange, dayOf, idCandidates, isoOf, patternOf } from './support/insider/candidates';
import { birthDatesLeft, changes, daysIn, Reading } from './support/insider/polling';

/**
 * The insider who polls (issue 11): a caller who may not read birth dates (street staff on home
 * visits see the masked birth date, the age, the age band, the age-based tags and may filter by
 * age) reads the same residents on many simulated days. Reckoned on the day, the age moves on the
 * birthday and pins it, and the masked ID number then narrows to ~500; reckoned on 1 January for
 * such callers (src/policy/ageDay.ts), every reading moves on the same day for everyone and the
 * birth date stays within a 366-day window.
 *
 * Days polled: weekly over a year, and the days an attacker polling daily would find telling (each
 * resident's birthday and the day before it, New Year's Eve and Day); polling daily reads the same
 * values on the other days, so it can learn nothing more.
 */
const CALLER_ROLE = { role: 'STREET_STAFF', purpose: 'HOME_VISIT' } as const;
const FROM = '2026-07-01';
const UNTIL = '2027-06-30';
const MAIN = 6;

interface Target {
  id: string;
  idNumber: string;
  birthDate: string;
  grid: string;
  /** The years whose birthday and New Year the attacker watches (the tag targets' 60th or 18th). */
  years: number[];
  /** An age-filtered search is polled for this target too. */
  filtered: boolean;
}

function addDays(day: string, n: number): string {
  return isoOf(dayOf(day) + n);
}

function telling(t: Target): string[] {
  const out: string[] = [];
  for (const y of t.years) {
    const birthday = `${y}${t.birthDate.slice(4)}`.replace(/-02-29$/, '-02-28');
    out.push(addDays(birthday, -1), birthday, `${y - 1}-12-31`, `${y}-01-01`, `${y}-12-31`, `${y + 1}-01-01`);
  }
  return out;
}

describe('an insider polling ages across days cannot pin a birthday', () => {
  let t: TestHub;
  let targets: Target[];
  let days: string[];
  const readings = new Map<string, Reading[]>();
  const masked = new Map<string, { idNumber: string | null; sex: string | null }>();

  beforeAll(async () => {
    t = await startTestHub();
    const gridOf = new Map<string, string>((await t.dbs.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]));
    const index = new Map<string, string>((await t.dbs.hub('person_index').select('id', 'id_number')).map((r: { id: string; id_number: string }) => [r.id_number.trim(), r.id]));
    const persons = (await t.dbs.police.raw(`SELECT p.id_number, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, h.building_code
      FROM persons p JOIN households h USING (household_no) WHERE to_char(p.birth_date, 'MM-DD') NOT IN ('01-01', '02-29') ORDER BY p.id_number`)).rows as
      Array<{ id_number: string; birth_date: string; building_code: string }>;
    const target = (p: (typeof persons)[number], years: number[], filtered: boolean): Target =>
      ({ id: index.get(p.id_number)!, idNumber: p.id_number, birthDate: p.birth_date, grid: gridOf.get(p.building_code)!, years, filtered });
    // The main targets: residents of one grid, born in different months and decades.
    const grid = gridOf.get(persons[0].building_code)!;
    const inGrid = persons.filter((p) => gridOf.get(p.building_code) === grid && p.birth_date < '2020');
    const byMonth = new Map<string, (typeof persons)[number]>();
    for (const p of inGrid) if (!byMonth.has(p.birth_date.slice(5, 7))) byMonth.set(p.birth_date.slice(5, 7), p);
    targets = [...byMonth.values()].slice(0, MAIN).map((p) => target(p, [Number(p.birth_date.slice(5, 7)) >= 7 ? 2026 : 2027], true));
    // Tag targets: someone civil affairs records as living alone, watched around their 60th birthday,
    // and a child in difficulty around their 18th (the tag's age part is what moves then).
    const alone = new Set((await t.dbs.civil.raw(`SELECT id_number FROM elderly_care WHERE lives_alone`)).rows.map((r: { id_number: string }) => r.id_number));
    const children = new Set((await t.dbs.civil.raw(`SELECT id_number FROM children_in_difficulty`)).rows.map((r: { id_number: string }) => r.id_number));
    // Both turn 60 (18) within a few years of now, so no polled day falls before anyone's birth.
    const turning = (p: (typeof persons)[number], age: number) => Math.abs(Number(p.birth_date.slice(0, 4)) + age - 2027) <= 5;
    const elderly = persons.find((p) => alone.has(p.id_number) && turning(p, 60))!;
    const child = persons.find((p) => children.has(p.id_number) && turning(p, 18))!;
    targets.push(target(elderly, [Number(elderly.birth_date.slice(0, 4)) + 60], false), target(child, [Number(child.birth_date.slice(0, 4)) + 18], false));
    expect(targets).toHaveLength(MAIN + 2);

    const weekly: string[] = [];
    for (let d = FROM; d <= UNTIL; d = addDays(d, 7)) weekly.push(d);
    days = [...new Set([...weekly, ...targets.flatMap(telling)])].sort();

    const caller: Caller = { ...CALLER_ROLE, grids: [...new Set(targets.map((x) => x.grid))] };
    const query = t.as(caller);
    const persons1 = targets.map((x, i) => `p${i}: person(id: "${x.id}") { id idNumber sex age ageBand birthDate tags { elderlyLivingAlone childInDifficulty } }`).join('\n');
    // The age each filtered target is searched for: one more than on the first day, so it is crossed within the year.
    setTodayForTests(FROM);
    const first = await query(`{ ${persons1} }`);
    expect(first.errors).toBeUndefined();
    const filterAge = targets.map((_, i) => (first.data![`p${i}`].age as number) + 1);
    const searches = targets
      .map((x, i) => (x.filtered ? `f${i}: searchPersons(filter: { gridIds: ["${x.grid}"], minAge: ${filterAge[i]}, maxAge: ${filterAge[i]} }, first: 100) { edges { node { id } } }` : ''))
      .join('\n');
    for (const day of days) {
      setTodayForTests(day);
      const res = await query(`{ ${persons1} }`);
      const found = await query(`{ ${searches} }`);
      expect(res.errors).toBeUndefined();
      expect(found.errors).toBeUndefined();
      targets.forEach((x, i) => {
        const p = res.data![`p${i}`];
        masked.set(x.id, { idNumber: p.idNumber, sex: p.sex });
        const reading: Reading = {
          day,
          age: p.age ?? undefined,
          bands: [p.ageBand, p.birthDate].filter((b): b is string => typeof b === 'string'),
          elderlyLivingAlone: p.tags.elderlyLivingAlone ?? undefined,
          childInDifficulty: p.tags.childInDifficulty ?? undefined,
          filter: x.filtered ? { age: filterAge[i], member: found.data![`f${i}`].edges.some((e: { node: { id: string } }) => e.node.id === x.id) } : undefined,
        };
        readings.set(x.id, [...(readings.get(x.id) ?? []), reading]);
      });
    }
  }, 300_000);
  afterAll(async () => {
    setTodayForTests(null);
    await t?.close();
  });

  it('reads every channel it claims to: ages, bands, masked birth dates, both tags moving and the age filter', () => {
    const all = [...readings.values()].flat();
    expect(all.every((r) => r.age !== undefined && r.bands.length === 2)).toBe(true);
    // The tag targets' tags and the filtered targets' search membership each change at least once: a channel that never moves proves nothing.
    const elderly = readings.get(targets[MAIN].id)!;
    const child = readings.get(targets[MAIN + 1].id)!;
    expect(new Set(elderly.map((r) => r.elderlyLivingAlone))).toEqual(new Set([true, false]));
    expect(new Set(child.map((r) => r.childInDifficulty))).toEqual(new Set([true, false]));
    for (const x of targets.filter((y) => y.filtered)) expect(new Set(readings.get(x.id)!.map((r) => r.filter!.member))).toEqual(new Set([true, false]));
  });

  it('sees every age-derived value move only across a 1 January, the same day for everyone', () => {
    // A change between two readings of the same year happened on a day that is not 1 January: a birthday.
    const moved = targets.flatMap((x) => changes(readings.get(x.id)!).filter((c) => c.from.slice(0, 4) === c.to.slice(0, 4)).map((c) => `${x.id}: ${c.from} → ${c.to}`));
    expect(moved).toEqual([]);
  });

  it('leaves every polled resident a whole year of birth dates and the masked ID number at least 1,000 candidates', () => {
    const failures: string[] = [];
    for (const x of targets) {
      const { ranges } = birthDatesLeft(readings.get(x.id)!);
      const real = dayOf(x.birthDate);
      if (!ranges.some((r) => r.lo <= real && real <= r.hi)) {
        throw new Error(`the attack model ruled out the real birth date of ${x.id}: ${x.birthDate} ${JSON.stringify(birthDatesLeft(readings.get(x.id)!))} ${JSON.stringify(readings.get(x.id)!.filter((r, i, a) => i === 0 || JSON.stringify({ ...a[i - 1], day: 0 }) !== JSON.stringify({ ...r, day: 0 })))}`);
      }
      const seen = masked.get(x.id)!;
      const pattern = patternOf(seen.idNumber ?? '', 18);
      const ids = ranges.reduce((n, births: DayRange) => n + idCandidates({ pattern, births, sex: seen.sex as 'MALE' | 'FEMALE', regions: [x.idNumber.slice(0, 6)] }), 0);
      if (daysIn(ranges) < 365 || ids < 1000) failures.push(`${x.id}: ${daysIn(ranges)} birth dates, ${ids} ID numbers left`);
    }
    expect(failures).toEqual([]);
  });
});
