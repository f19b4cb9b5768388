/**
 * The insider who polls: what one resident's age-derived values (age, age band, the masked birth
 * date, the age part of service tags, membership of an age-filtered search), read on many days,
 * say about the birth date. Written from the published rules alone (src/policy is never imported):
 * an age is reckoned either on the day it is read or on 1 January of that year, and the insider
 * keeps every rule the readings do not contradict, so a hub that changed its rule quietly gains
 * nothing. Ages only go up, and a tag's non-age part (lives alone, a child in difficulty) is taken
 * as fixed over the period.
 */
import { birthRangeForAge, DayRange, dayOf, intersect } from './candidates';

/** What was read about one resident on one day (absent: not read, or not shown). */
export interface Reading {
  day: string;
  age?: number;
  /** Age bands seen that day (`Person.ageBand`, a masked `Person.birthDate`). */
  bands: string[];
  elderlyLivingAlone?: boolean;
  childInDifficulty?: boolean;
  /** Whether an age-filtered search for exactly `age` years returned the resident. */
  filter?: { age: number; member: boolean };
}

export type AgeRule = 'ON_THE_DAY' | 'ON_1_JANUARY';
export const AGE_RULES: readonly AgeRule[] = ['ON_THE_DAY', 'ON_1_JANUARY'];

const CENTURY: DayRange = { lo: dayOf('1900-01-01'), hi: dayOf('2100-12-31') };
const OLDEST = 200;

function reckonedOn(rule: AgeRule, day: string): string {
  return rule === 'ON_THE_DAY' ? day : `${day.slice(0, 4)}-01-01`;
}

function band(text: string): [number, number] | null {
  const m = /^(\d+)-(\d+)$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

type Constraint = (r: Reading) => Array<[number, number]>;

/** Each channel: the age ranges a reading implies (empty when the reading says nothing). */
function channels(readings: readonly Reading[]): Record<string, Constraint> {
  const everElderly = readings.some((r) => r.elderlyLivingAlone === true);
  const everChild = readings.some((r) => r.childInDifficulty === true);
  const memberDays = readings.filter((r) => r.filter?.member).map((r) => r.day);
  const firstMember = memberDays[0];
  const lastMember = memberDays.at(-1);
  return {
    age: (r) => (r.age === undefined ? [] : [[r.age, r.age]]),
    band: (r) => r.bands.map(band).filter((b): b is [number, number] => b !== null),
    elderlyLivingAlone: (r) => (r.elderlyLivingAlone === true ? [[60, OLDEST]] : r.elderlyLivingAlone === false && everElderly ? [[0, 59]] : []),
    childInDifficulty: (r) => (r.childInDifficulty === true ? [[0, 17]] : r.childInDifficulty === false && everChild ? [[18, OLDEST]] : []),
    ageFilter: (r) => {
      if (!r.filter) return [];
      const x = r.filter.age;
      if (r.filter.member) return [[x, x]];
      if (firstMember !== undefined && r.day < firstMember) return [[0, x - 1]];
      if (lastMember !== undefined && r.day > lastMember) return [[x + 1, OLDEST]];
      return [];
    },
  };
}

/** Sorted, overlapping ranges merged; empty ones dropped. */
export function normalise(ranges: readonly DayRange[]): DayRange[] {
  const sorted = ranges.filter((r) => r.lo <= r.hi).sort((a, b) => a.lo - b.lo);
  const out: DayRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.lo <= last.hi + 1) last.hi = Math.max(last.hi, r.hi);
    else out.push({ ...r });
  }
  return out;
}

function intersectAll(a: readonly DayRange[], b: readonly DayRange[]): DayRange[] {
  return normalise(a.flatMap((x) => b.map((y) => intersect(x, y))));
}

/** What the readings leave of the birth date: the dates consistent with them under some age rule, as ranges. */
export function birthDatesLeft(readings: readonly Reading[]): { ranges: DayRange[]; rulesPerChannel: Record<string, AgeRule[]> } {
  let ranges: DayRange[] = [CENTURY];
  const rulesPerChannel: Record<string, AgeRule[]> = {};
  for (const [name, implied] of Object.entries(channels(readings))) {
    if (!readings.some((r) => implied(r).length)) continue;
    const consistent: DayRange[] = [];
    rulesPerChannel[name] = [];
    for (const rule of AGE_RULES) {
      let r: DayRange = CENTURY;
      for (const reading of readings) {
        for (const [min, max] of implied(reading)) r = intersect(r, birthRangeForAge(min, max, reckonedOn(rule, reading.day)));
      }
      if (r.lo <= r.hi) {
        consistent.push(r);
        rulesPerChannel[name].push(rule);
      }
    }
    ranges = intersectAll(ranges, consistent);
  }
  return { ranges, rulesPerChannel };
}

/** Days in the ranges. */
export function daysIn(ranges: readonly DayRange[]): number {
  return ranges.reduce((n, r) => n + r.hi - r.lo + 1, 0);
}

/**
 * Where anything read about the resident differed from the reading before: the last day it was the
 * same (`from`) and the first day it differed (`to`), readings in day order.
 */
export function changes(readings: readonly Reading[]): Array<{ from: string; to: string }> {
  const key = (r: Reading) => JSON.stringify([r.age, [...r.bands].sort(), r.elderlyLivingAlone, r.childInDifficulty, r.filter]);
  const out: Array<{ from: string; to: string }> = [];
  for (let i = 1; i < readings.length; i++) if (key(readings[i]) !== key(readings[i - 1])) out.push({ from: readings[i - 1].day, to: readings[i].day });
  return out;
}
