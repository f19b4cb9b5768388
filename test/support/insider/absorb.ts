/**
 * How the insider merges what it reads: every Person, Household and Visit object in a raw HTTP
 * response, wherever it sits, folded into one record per resident (collect.ts runs the queries).
 */
import type { GraphQLResponse } from '../http';

/** One identifier as the caller saw it: the renderings (full or masked) and whether it was denied. */
export interface Sighting {
  shown: Set<string>;
  denied: boolean;
}

function sighting(): Sighting {
  return { shown: new Set(), denied: false };
}

/** What the caller saw about one resident, over all paths and requests. */
export interface Seen {
  id: string;
  householdId: string | null;
  idNumber: Sighting;
  phone: Sighting;
  sex: string | null;
  birthDates: Set<string>;
  ages: Set<number>;
  bands: Set<string>;
  elderlyLivingAlone: boolean | null;
  childInDifficulty: boolean | null;
  permit: (Sighting & { registeredOn: string | null }) | null;
  disability: (Sighting & { category: string | null; grade: number | null; issuedOn: string | null }) | null;
  birth: (Sighting & { bornOn: string | null }) | null;
  vaccinations: Array<{ vaccine: string; dose: number; givenOn: string }>;
  death: (Sighting & { diedOn: string | null }) | null;
}

/** One visit as the caller saw it, on any path: whom it names and what was written. */
export interface VisitSeen {
  /** The household visited, when the path or Visit.household showed it. */
  householdId: string | null;
  /** Hub ids of the members met (Visit.membersMet), when shown. */
  membersMet: string[];
  note: string | null;
}

/** Everything collected: per resident and per household (its 户号 sightings), and the visits read. */
export interface Collection {
  persons: Map<string, Seen>;
  households: Map<string, Sighting>;
  visits: Map<string, VisitSeen>;
  requests: number;
}

/** An empty collection. */
export function emptyCollection(): Collection {
  return { persons: new Map(), households: new Map(), visits: new Map(), requests: 0 };
}

type Obj = Record<string, any>;

function deniedPaths(res: GraphQLResponse): Set<string> {
  const out = new Set<string>();
  for (const e of res.errors ?? []) if (e.extensions?.code === 'FIELD_DENIED' && e.path) out.add(e.path.join('.'));
  return out;
}

function see(s: Sighting, value: unknown, path: string, denied: Set<string>): void {
  if (typeof value === 'string') s.shown.add(value);
  else if (value === null && denied.has(path)) s.denied = true;
}

function recordPerson(c: Collection, o: Obj, path: string, denied: Set<string>): void {
  const p: Seen = c.persons.get(o.id) ?? {
    id: o.id, householdId: null, idNumber: sighting(), phone: sighting(), sex: null, birthDates: new Set(), ages: new Set(), bands: new Set(),
    elderlyLivingAlone: null, childInDifficulty: null, permit: null, disability: null, birth: null, vaccinations: [], death: null,
  };
  c.persons.set(o.id, p);
  see(p.idNumber, o.idNumber, `${path}.idNumber`, denied);
  see(p.phone, o.phone, `${path}.phone`, denied);
  if (typeof o.sex === 'string') p.sex = o.sex;
  if (typeof o.birthDate === 'string') p.birthDates.add(o.birthDate);
  if (typeof o.age === 'number') p.ages.add(o.age);
  if (typeof o.ageBand === 'string') p.bands.add(o.ageBand);
  if (o.household?.id) p.householdId = o.household.id;
  if (o.tags) {
    if (typeof o.tags.elderlyLivingAlone === 'boolean') p.elderlyLivingAlone = o.tags.elderlyLivingAlone;
    if (typeof o.tags.childInDifficulty === 'boolean') p.childInDifficulty = o.tags.childInDifficulty;
  }
  if (o.residence) {
    p.permit ??= { ...sighting(), registeredOn: null };
    see(p.permit, o.residence.permitNumber, `${path}.residence.permitNumber`, denied);
    p.permit.registeredOn ??= o.residence.registeredOn ?? null;
  }
  const d = o.civilAffairs?.disability;
  if (d) {
    p.disability ??= { ...sighting(), category: null, grade: null, issuedOn: null };
    see(p.disability, d.certificateNumber, `${path}.civilAffairs.disability.certificateNumber`, denied);
    p.disability.category ??= d.category ?? null;
    p.disability.grade ??= d.grade ?? null;
    p.disability.issuedOn ??= d.issuedOn ?? null;
  }
  const b = o.health?.birth;
  if (b) {
    p.birth ??= { ...sighting(), bornOn: null };
    see(p.birth, b.certificateNumber, `${path}.health.birth.certificateNumber`, denied);
    p.birth.bornOn ??= b.bornOn ?? null;
  }
  for (const v of o.health?.vaccinations ?? []) {
    if (v && typeof v.givenOn === 'string' && typeof v.vaccine === 'string' && typeof v.dose === 'number') p.vaccinations.push(v as never);
  }
  const dd = o.health?.death;
  if (dd) {
    p.death ??= { ...sighting(), diedOn: null };
    see(p.death, dd.certificateNumber, `${path}.health.death.certificateNumber`, denied);
    p.death.diedOn ??= dd.diedOn ?? null;
  }
}

/** Walks a response's data, recording every Person and Household object wherever it appears. */
export function absorb(c: Collection, res: GraphQLResponse): void {
  c.requests++;
  const refused = (res.errors ?? []).filter((e) => e.extensions?.code !== 'FIELD_DENIED');
  if (refused.length) throw new Error(`the insider's query was refused: ${JSON.stringify(refused.slice(0, 2))}`);
  const denied = deniedPaths(res);
  const walk = (value: unknown, path: string, household: string | null): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`, household));
    else if (value && typeof value === 'object') {
      const o = value as Obj;
      if (o.__typename === 'Person' && typeof o.id === 'string') recordPerson(c, o, path, denied);
      if (o.__typename === 'Household' && typeof o.id === 'string') {
        const h = c.households.get(o.id) ?? sighting();
        c.households.set(o.id, h);
        see(h, o.householdNumber, `${path}.householdNumber`, denied);
        household = o.id;
      }
      if (o.__typename === 'Visit' && typeof o.id === 'string') recordVisit(c, o, household);
      for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k, household);
    }
  };
  walk(res.data, '', null);
}

/** A visit read on any path: under a household (Household.visits) it is that household's. */
function recordVisit(c: Collection, o: Obj, parentHousehold: string | null): void {
  const v = c.visits.get(o.id) ?? { householdId: null, membersMet: [], note: null };
  c.visits.set(o.id, v);
  v.householdId ??= typeof o.household?.id === 'string' ? o.household.id : parentHousehold;
  if (Array.isArray(o.membersMet)) v.membersMet = [...new Set([...v.membersMet, ...o.membersMet.filter((m: unknown) => typeof m === 'string')])];
  if (typeof o.note === 'string') v.note = o.note;
}

/**
 * Absorbs a response unless it was refused with one of `tolerated` codes only (a path this caller
 * may not take, or a field an older schema lacks): returns whether it was absorbed.
 */
export function absorbUnless(c: Collection, res: GraphQLResponse, tolerated: readonly string[]): boolean {
  const codes = (res.errors ?? []).map((e) => e.extensions?.code).filter((code) => code !== 'FIELD_DENIED');
  if (codes.length && codes.every((code) => tolerated.includes(code as string))) return false;
  absorb(c, res);
  return true;
}

