import type { Department } from '../auth/vocabulary';
import type { Decision, Mask } from './declaration';
import type { FieldDeclarations } from './declarations';
import { DATES_IN_A_CENTURY, Fact, VALUE_FORMATS, ValueFormat, ValueFormatName } from './valueFormats';

/**
 * The candidate counts behind the disclosure check (./disclosureCheck.ts): which parts of each
 * identifier a caller has seen through its readable fields (their masks), which facts other fields
 * reveal (a birth date, the sex, a certificate's category and grade), and how many values of an
 * identifier are left given both. Pure functions of the declarations and one caller's decisions.
 */

/** The readable declared fields of one caller, with their decisions (ALLOW or MASK). */
export type Readable = Map<string, Decision>;

/** Parts of one identifier a caller has seen. */
interface Shown {
  full: boolean;
  region: boolean;
  check: boolean;
  /** Trailing digits of the ID sequence (0–3). */
  sequenceDigits: number;
  category: boolean;
  grade: boolean;
  carrier: boolean;
  block: boolean;
  line: boolean;
  serialDigits: number;
}

const NOTHING: Shown = { full: false, region: false, check: false, sequenceDigits: 0, category: false, grade: false, carrier: false, block: false, line: false, serialDigits: 0 };
const EVERYTHING: Shown = { ...NOTHING, full: true };

/** What a mask shows of a value of this format; a combination not listed counts as showing it all. */
function shownByMask(mask: Mask, format: ValueFormat): Shown {
  if (mask === 'NONE' || mask === 'PRESENCE') return NOTHING;
  switch (format.kind) {
    case 'ID_NUMBER':
      if (mask === 'ID_NUMBER') return { ...NOTHING, region: true };
      if (mask === 'LAST_FOUR') return { ...NOTHING, sequenceDigits: 3, check: true };
      return EVERYTHING;
    case 'ID_CERTIFICATE':
      if (mask === 'ID_NUMBER') return { ...NOTHING, region: true };
      if (mask === 'LAST_FOUR') return { ...NOTHING, sequenceDigits: 1, check: true, category: true, grade: true };
      return EVERYTHING;
    case 'PHONE':
      if (mask === 'PHONE') return { ...NOTHING, carrier: true, line: true };
      if (mask === 'LAST_FOUR') return { ...NOTHING, line: true };
      return EVERYTHING;
    case 'SERIAL_NUMBER':
      if (mask === 'SERIAL_PREFIX') return NOTHING;
      if (mask === 'LAST_FOUR') return { ...NOTHING, serialDigits: 4 };
      return EVERYTHING;
  }
}

/** How many values of a fact a masked revealing field leaves; undefined when the mask is not known to hide it. */
function maskedRevelation(mask: Mask, fact: Fact): number | undefined {
  if (mask === 'BIRTH_DATE' && fact === 'birthDate') return 366; // a five-year age band, read over five years (policy/ageDay.ts)
  return undefined;
}

function merge(a: Shown, b: Shown): Shown {
  return {
    full: a.full || b.full, region: a.region || b.region, check: a.check || b.check, sequenceDigits: Math.max(a.sequenceDigits, b.sequenceDigits),
    category: a.category || b.category, grade: a.grade || b.grade, carrier: a.carrier || b.carrier, block: a.block || b.block, line: a.line || b.line,
    serialDigits: Math.max(a.serialDigits, b.serialDigits),
  };
}

/** Everything one caller may know about one resident, with the fields each part came from. */
export interface Knowledge {
  facts: Map<Fact, { candidates: number; from: string }>;
  shown: Map<ValueFormatName, { shown: Shown; from: string[] }>;
}

export function knowledge(readable: Readable, declarations: FieldDeclarations, ownDepartment: Department | null, excludeOwn: boolean): Knowledge {
  const k: Knowledge = { facts: new Map(), shown: new Map() };
  for (const [field, decision] of readable) {
    const d = declarations.get(field)!;
    if (excludeOwn && ownDepartment !== null && d.owner === ownDepartment) continue;
    if (d.reveals) {
      const candidates = decision === 'MASK' ? maskedRevelation(d.mask, d.reveals.fact) ?? d.reveals.candidates : d.reveals.candidates;
      const known = k.facts.get(d.reveals.fact);
      if (!known || candidates < known.candidates) k.facts.set(d.reveals.fact, { candidates, from: field });
    }
    if (d.value) {
      const shown = decision === 'ALLOW' ? EVERYTHING : shownByMask(d.mask, VALUE_FORMATS[d.value]);
      const before = k.shown.get(d.value) ?? { shown: NOTHING, from: [] };
      k.shown.set(d.value, { shown: merge(before.shown, shown), from: shown === NOTHING ? before.from : [...before.from, field] });
    }
  }
  return k;
}

export function idShown(k: Knowledge): { shown: Shown; from: string[] } {
  let out = { shown: NOTHING, from: [] as string[] };
  for (const [name, s] of k.shown) {
    const kind = VALUE_FORMATS[name].kind;
    if (kind !== 'ID_NUMBER' && kind !== 'ID_CERTIFICATE') continue;
    out = { shown: merge(out.shown, { ...s.shown, category: false, grade: false }), from: [...out.from, ...s.from] };
  }
  return out;
}

/** Candidates left of an ID number, and the fields that narrowed it. */
function idCandidates(k: Knowledge): { candidates: number; from: string[] } {
  const { shown, from } = idShown(k);
  if (shown.full) return { candidates: 1, from };
  const birth = k.facts.get('birthDate');
  const sex = k.facts.get('sex');
  const dates = birth?.candidates ?? DATES_IN_A_CENTURY;
  const sequences = shown.sequenceDigits > 0 ? 10 ** (3 - shown.sequenceDigits) : sex ? 500 : 999;
  const candidates = Math.max(1, Math.floor((dates * sequences) / (shown.check ? 11 : 1)));
  return { candidates, from: [...from, ...(birth ? [birth.from] : []), ...(sex && shown.sequenceDigits === 0 ? [sex.from] : [])] };
}

/** Candidates left of a value of `format` given the knowledge (the ID part of a certificate counted as an ID number). */
export function candidatesOf(name: ValueFormatName, k: Knowledge, kId: Knowledge): { candidates: number; from: string[] } {
  const format: ValueFormat = VALUE_FORMATS[name];
  const own = k.shown.get(name) ?? { shown: NOTHING, from: [] };
  if (own.shown.full) return { candidates: 1, from: own.from };
  switch (format.kind) {
    case 'ID_NUMBER':
      return idCandidates(kId);
    case 'ID_CERTIFICATE': {
      const id = idCandidates(kId);
      const category = own.shown.category || k.facts.has('disabilityCategory') ? 1 : 7;
      const grade = own.shown.grade || k.facts.has('disabilityGrade') ? 1 : 4;
      const from = [...id.from, ...(category === 1 ? [k.facts.get('disabilityCategory')?.from ?? own.from[0]] : []), ...(grade === 1 ? [k.facts.get('disabilityGrade')?.from ?? own.from[0]] : [])];
      return { candidates: id.candidates * category * grade, from: from.filter(Boolean) };
    }
    case 'PHONE':
      return { candidates: (own.shown.carrier ? 1 : 40) * (own.shown.block ? 1 : 10_000) * (own.shown.line ? 1 : 10_000), from: own.from };
    case 'SERIAL_NUMBER':
      return { candidates: Math.max(1, Math.floor((format.issuedAtLeast ?? 1) / 10 ** own.shown.serialDigits)), from: own.from };
  }
}
