/**
 * The insider's arithmetic over a collection: for each resident and each identifier the caller
 * did not see in full, the number of values it can still be, from the public formats and what was
 * seen (never from the policy code). The truth from the databases is used only to size serial
 * ranges (what an insider estimates from published figures) and to check that the counting never
 * rules the real value out.
 */
import { VACCINE_SCHEDULE } from '../../../seeds/tables/health';
import {
  birthRangeForAge, DayRange, dayOf, idCandidates, idFits, IdKnowledge, intersect, mergePatterns, patternOf, phoneCandidates, serialCandidates,
} from './candidates';
import type { Collection, Seen, Sighting } from './collect';

/** Minimum candidates per kind of identifier, below which a masked value counts as recovered (see docs/access-matrix.md). */
export const THRESHOLDS: Readonly<Record<string, number>> = {
  'Person.idNumber': 1000,
  'Disability.certificateNumber': 1000,
  'Person.phone': 1000,
  'Household.householdNumber': 100,
  'ResidenceRegistration.permitNumber': 100,
  'BirthRecord.certificateNumber': 100,
  'DeathRecord.certificateNumber': 100,
};

/** Vaccines due the same day are given at one visit, at most this many days late (the published schedule's tolerance). */
const MAX_VACCINATION_DELAY = 20;
const DISABILITY_CATEGORY_DIGITS = 7;
const DISABILITY_GRADES = 4;
const PHONE_PREFIXES_IN_USE = 40;

/** Serial sizes of the document numbers, from their published formats. */
const SERIALS = {
  household: { length: 15, digits: 6 },
  permit: { length: 12, digits: 9 },
  birth: { length: 10, digits: 7 },
  death: { length: 17, digits: 6 },
} as const;

export interface Truth {
  /** hub person id → ID number, police birth date, phone. */
  persons: Map<string, { idNumber: string; birthDate: string; phone: string | null }>;
  /** hub household id → serials issued in its street so far. */
  householdIssued: Map<string, number>;
  permitsIssued: number;
  birthsIssued: number;
  deathsIssued: number;
}

export interface Finding {
  field: string;
  candidates: number;
  /** What is left with nothing seen at all (a serial number's whole issued range): a count is a finding only below it. */
  baseline: number;
  resident: string;
}

/**
 * Dates from the caller's own department's records: a department keys its records by the ID number
 * (births.child_id_number, disabilities.id_number), so what they reveal about an ID number is not
 * what the hub's mask keeps from it. Counted separately (docs/access-matrix.md).
 */
export type OwnRecords = 'police' | 'civil' | 'health' | 'street' | null;

function full(s: Sighting, length: number): boolean {
  return [...s.shown].some((v) => [...v].length === length && !v.includes('*'));
}

function shownPattern(s: Sighting, length: number): Array<string | null> {
  return mergePatterns(length, [...s.shown].map((v) => patternOf(v, length)));
}

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function due(vaccine: string, dose: number): number | null {
  return VACCINE_SCHEDULE.find(([v, d]) => v === vaccine && d === dose)?.[2] ?? null;
}

/** Birth dates consistent with everything seen about the resident. */
/**
 * Which day ages are reckoned on: `published`, the rule docs/access-matrix.md states (1 January for a
 * caller who may not read the birth date, else the day); `onTheDay`, for everyone (the hub before
 * issue 11's polling fix, measured by scripts/insider-counts.sh).
 */
export type AgeReckoning = 'published' | 'onTheDay';

export function birthRange(p: Seen, own: OwnRecords = null, today = todayInChina(), reckoning: AgeReckoning = 'published'): DayRange {
  const all = birthRangeFrom(p, today, own !== 'health', own !== 'civil', reckoning);
  // Departments disagree now and then (a birth certificate a few days off the police date): an
  // insider who meets a contradiction trusts the police facts and drops the health dates.
  return all.lo <= all.hi ? all : birthRangeFrom(p, today, false, own !== 'civil', reckoning);
}

function birthRangeFrom(p: Seen, today: string, withHealthDates: boolean, withCivilDates: boolean, reckoning: AgeReckoning): DayRange {
  let r: DayRange = { lo: dayOf('1900-01-01'), hi: dayOf(today) };
  // The published rule (docs/access-matrix.md): a caller who may not read the birth date gets every
  // age, band and age-based tag reckoned on 1 January of the year; one who may, on the day.
  const fullBirthDate = [...p.birthDates].some((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
  const ageDay = fullBirthDate || reckoning === 'onTheDay' ? today : `${today.slice(0, 4)}-01-01`;
  const band = (s: string): DayRange | null => {
    const m = /^(\d+)-(\d+)$/.exec(s);
    return m ? birthRangeForAge(Number(m[1]), Number(m[2]), ageDay) : null;
  };
  for (const s of p.birthDates) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) r = intersect(r, { lo: dayOf(s), hi: dayOf(s) });
    else if (/^\d{4}$/.test(s)) r = intersect(r, { lo: dayOf(`${s}-01-01`), hi: dayOf(`${s}-12-31`) });
    else r = intersect(r, band(s) ?? r);
  }
  if (withCivilDates && p.disability?.issuedOn) r = intersect(r, { lo: r.lo, hi: dayOf(p.disability.issuedOn) });
  if (withHealthDates && p.death?.diedOn) r = intersect(r, { lo: r.lo, hi: dayOf(p.death.diedOn) });
  for (const a of p.ages) r = intersect(r, birthRangeForAge(a, a, ageDay));
  for (const b of p.bands) r = intersect(r, band(b) ?? r);
  if (p.elderlyLivingAlone) r = intersect(r, birthRangeForAge(60, 200, ageDay));
  if (p.childInDifficulty) r = intersect(r, birthRangeForAge(0, 17, ageDay));
  if (!withHealthDates) return r;
  if (p.birth?.bornOn) r = intersect(r, { lo: dayOf(p.birth.bornOn), hi: dayOf(p.birth.bornOn) });
  for (const v of p.vaccinations) {
    const d = due(v.vaccine, v.dose);
    if (d !== null) r = intersect(r, { lo: dayOf(v.givenOn) - d - MAX_VACCINATION_DELAY, hi: dayOf(v.givenOn) - d });
  }
  return r;
}

/** Region codes the caller has seen on any ID number: what to try when a mask hides the region. */
export function regionsSeen(c: Collection): string[] {
  const regions = new Set<string>();
  for (const p of c.persons.values()) for (const s of p.idNumber.shown) if (/^\d{6}/.test(s)) regions.add(s.slice(0, 6));
  return regions.size ? [...regions] : ['110101'];
}

function idKnowledge(p: Seen, regions: string[], own: OwnRecords, reckoning: AgeReckoning): IdKnowledge {
  const patterns = [shownPattern(p.idNumber, 18)];
  if (p.disability) patterns.push(shownPattern(p.disability, 20).slice(0, 18));
  return { pattern: mergePatterns(18, patterns), births: birthRange(p, own, todayInChina(), reckoning), sex: (p.sex as IdKnowledge['sex']) ?? null, regions };
}

/**
 * Counts, for every resident collected, the candidates left for each identifier not seen in full.
 * Throws if the real value is ever ruled out (the counting would then be wrong, not the policy right).
 */
export function countCandidates(c: Collection, truth: Truth, own: OwnRecords = null, reckoning: AgeReckoning = 'published'): Finding[] {
  const findings: Finding[] = [];
  const regions = regionsSeen(c);
  const unknown = Number.MAX_SAFE_INTEGER;
  for (const p of c.persons.values()) {
    const real = truth.persons.get(p.id);
    const k = idKnowledge(p, regions, own, reckoning);
    if (!full(p.idNumber, 18)) {
      const n = idCandidates(k);
      const planted = p.birth?.bornOn && real && p.birth.bornOn !== real.birthDate;
      if (real && !planted && !idFits(k, real.idNumber)) throw new Error(`attack model ruled out the real ID number of ${p.id}`);
      findings.push({ field: 'Person.idNumber', candidates: n, baseline: unknown, resident: p.id });
    }
    if (p.disability && !full(p.disability, 20)) {
      const cert = shownPattern(p.disability, 20);
      const category = p.disability.category !== null || cert[18] !== null ? 1 : DISABILITY_CATEGORY_DIGITS;
      const grade = p.disability.grade !== null || cert[19] !== null ? 1 : DISABILITY_GRADES;
      findings.push({ field: 'Disability.certificateNumber', candidates: idCandidates(k) * category * grade, baseline: unknown, resident: p.id });
    }
    if (!full(p.phone, 11) && (p.phone.shown.size || (p.phone.denied && real?.phone))) {
      findings.push({ field: 'Person.phone', candidates: phoneCandidates(shownPattern(p.phone, 11), PHONE_PREFIXES_IN_USE), baseline: unknown, resident: p.id });
    }
    const serial = (field: string, s: Sighting | null, format: { length: number; digits: number }, issued: number) => {
      if (!s || full(s, format.length) || !(s.shown.size || s.denied)) return;
      findings.push({ field, candidates: serialCandidates(shownPattern(s, format.length), format.digits, issued), baseline: issued, resident: p.id });
    };
    serial('ResidenceRegistration.permitNumber', p.permit, SERIALS.permit, truth.permitsIssued);
    serial('BirthRecord.certificateNumber', p.birth, SERIALS.birth, truth.birthsIssued);
    serial('DeathRecord.certificateNumber', p.death, SERIALS.death, truth.deathsIssued);
  }
  for (const [id, s] of c.households) {
    if (full(s, SERIALS.household.length) || !(s.shown.size || s.denied)) continue;
    const issued = truth.householdIssued.get(id);
    if (issued === undefined) continue;
    findings.push({ field: 'Household.householdNumber', candidates: serialCandidates(shownPattern(s, SERIALS.household.length), SERIALS.household.digits, issued), baseline: issued, resident: id });
  }
  return findings;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The smallest count per field, with how many residents it was taken over. */
export function worstPerField(findings: Finding[]): Map<string, { min: number; median: number; residents: number; below: number }> {
  const out = new Map<string, { min: number; median: number; residents: number; below: number }>();
  const counts = new Map<string, number[]>();
  for (const f of findings) {
    const w = out.get(f.field) ?? { min: Infinity, median: 0, residents: 0, below: 0 };
    w.min = Math.min(w.min, f.candidates);
    w.residents++;
    if (f.candidates < THRESHOLDS[f.field] && f.candidates < f.baseline) w.below++;
    counts.set(f.field, [...(counts.get(f.field) ?? []), f.candidates]);
    w.median = median(counts.get(f.field)!);
    out.set(f.field, w);
  }
  return out;
}
