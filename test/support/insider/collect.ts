/**
 * The insider's collection: everything one caller can read about the residents of a grid, through
 * every path that returns resident data (searchPersons, searchHouseholds and their members,
 * person(id), node(id), household(id)), merged per resident from the raw HTTP responses.
 */
import type { GraphQLResponse } from '../http';

type Query = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

/** Identity facts of a person (one query's worth: graphql-armor's cost limit bounds a query). */
const IDENTITY_FIELDS = `__typename id idNumber sex birthDate age ageBand phone
  household { __typename id householdNumber }
  residence { permitNumber registeredOn }
  tags { elderlyLivingAlone childInDifficulty }`;

/** The department records that carry identifiers or dates. */
const RECORD_FIELDS = `__typename id
  civilAffairs { disability { certificateNumber category grade issuedOn } }
  health { birth { certificateNumber bornOn } vaccinations { vaccine dose givenOn } death { certificateNumber diedOn } }`;

/** Every field the attack reads, for single-person paths. */
export const PERSON_FIELDS = `${IDENTITY_FIELDS} ${RECORD_FIELDS.replace('__typename id', '')}`;

const SELECTIONS = [IDENTITY_FIELDS, RECORD_FIELDS];

/** Pages read per search (100 persons, 50 households each): a few hundred residents per caller keep the suite quick. */
const PERSON_PAGES = 3;
const HOUSEHOLD_PAGES = 2;

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

/** Everything collected: per resident and per household (its 户号 sightings). */
export interface Collection {
  persons: Map<string, Seen>;
  households: Map<string, Sighting>;
  requests: number;
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
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value && typeof value === 'object') {
      const o = value as Obj;
      if (o.__typename === 'Person' && typeof o.id === 'string') recordPerson(c, o, path, denied);
      if (o.__typename === 'Household' && typeof o.id === 'string') {
        const h = c.households.get(o.id) ?? sighting();
        c.households.set(o.id, h);
        see(h, o.householdNumber, `${path}.householdNumber`, denied);
      }
      for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(res.data, '');
}

async function pages(query: Query, c: Collection, root: string, text: string, variables: Record<string, unknown>, maxPages: number): Promise<void> {
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const res: GraphQLResponse = await query(text, { ...variables, after });
    absorb(c, res);
    const info: { hasNextPage: boolean; endCursor: string | null } | undefined = res.data?.[root]?.pageInfo;
    if (!info?.hasNextPage) return;
    after = info.endCursor;
  }
}

/**
 * Plays the insider for one caller: pages through the grid's persons and households, then opens
 * the sampled residents by person(id), node(id) and household(id).
 */
export async function collect(query: Query, gridId: string, sampleIds: readonly string[], sampleHouseholds: readonly string[]): Promise<Collection> {
  const c: Collection = { persons: new Map(), households: new Map(), requests: 0 };
  for (const fields of SELECTIONS) {
    await pages(query, c, 'searchPersons', `query($g: [String!], $after: String) { searchPersons(filter: { gridIds: $g }, first: 100, after: $after) {
      edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`, { g: [gridId] }, PERSON_PAGES);
    // Department records under searchHouseholds' members sit 7 levels deep, past the depth limit
    // (6): the same records are read here through searchPersons, person, node and household.
    const memberFields = fields === RECORD_FIELDS ? '__typename id' : fields;
    await pages(query, c, 'searchHouseholds', `query($g: [String!], $after: String) { searchHouseholds(filter: { gridIds: $g }, first: 50, after: $after) {
      edges { node { __typename id householdNumber members { ${memberFields} } } } pageInfo { hasNextPage endCursor } } }`, { g: [gridId] }, HOUSEHOLD_PAGES);
    for (const id of sampleIds) {
      absorb(c, await query(`query($id: ID!) { person(id: $id) { ${fields} } }`, { id }));
      absorb(c, await query(`query($id: ID!) { node(id: $id) { ... on Person { ${fields} } } }`, { id }));
    }
    for (const id of sampleHouseholds) absorb(c, await query(`query($id: ID!) { household(id: $id) { __typename id householdNumber members { ${fields} } } }`, { id }));
  }
  return c;
}
