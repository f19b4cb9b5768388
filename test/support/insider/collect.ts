/**
 * The insider's collection: everything one caller can read about the residents of a grid, through
 * every path that returns resident data (searchPersons, searchHouseholds and their members,
 * person(id), node(id), household(id), and the street office's visits: Person.lastVisit,
 * Household.visits, Visit.household and its members, notLivingHereVisits), merged per resident
 * from the raw HTTP responses.
 */
import type { GraphQLResponse } from '../http';
import { absorb, absorbUnless, Collection, emptyCollection } from './absorb';

export { absorb, emptyCollection } from './absorb';
export type { Collection, Seen, Sighting, VisitSeen } from './absorb';

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
  const c = emptyCollection();
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
  await collectVisits(query, c, gridId, sampleIds, sampleHouseholds);
  return c;
}

/** What a visit shows, on every path that returns one. */
const VISIT_FIELDS = '__typename id visitedAt outcome membersMet note needs observations { occupants livesAloneConfirmed addressMismatch }';
/** A member's identity facts one level shallower than IDENTITY_FIELDS (for paths that sit deeper). */
const MEMBER_FIELDS = '__typename id idNumber sex birthDate age ageBand phone';
/** Refusals that mean "not this path for this caller" (or "no visits in this schema", for older commits measured by scripts/insider-counts.sh). */
const NOT_THIS_PATH = ['PURPOSE_NOT_APPLICABLE', 'GRAPHQL_VALIDATION_FAILED'];

/**
 * The street office's visit paths: each person's latest visit (searchPersons, person(id), with the
 * household visited and its members), the sampled households' visits (household(id), node(id)),
 * and the NOT_LIVING_HERE list with each household's members where the caller may read it.
 * (Household.visits under searchHouseholds sits past the depth limit; the same visits are read here.)
 */
async function collectVisits(query: Query, c: Collection, gridId: string, sampleIds: readonly string[], sampleHouseholds: readonly string[]): Promise<void> {
  let after: string | null = null;
  for (let i = 0; i < PERSON_PAGES; i++) {
    const res: GraphQLResponse = await query(`query($g: [String!], $after: String) { searchPersons(filter: { gridIds: $g }, first: 100, after: $after) {
      edges { node { __typename id lastVisit { ${VISIT_FIELDS} household { __typename id householdNumber } } } } pageInfo { hasNextPage endCursor } } }`, { g: [gridId], after });
    if (!absorbUnless(c, res, NOT_THIS_PATH)) return;
    const info: { hasNextPage: boolean; endCursor: string | null } | undefined = res.data?.searchPersons?.pageInfo;
    if (!info?.hasNextPage) break;
    after = info.endCursor;
  }
  for (const id of sampleIds) {
    absorbUnless(c, await query(`query($id: ID!) { person(id: $id) { __typename id lastVisit { ${VISIT_FIELDS}
      household { __typename id householdNumber members { ${MEMBER_FIELDS} } } } } }`, { id }), NOT_THIS_PATH);
  }
  const householdVisits = `visits(first: 50) { edges { node { ${VISIT_FIELDS} household { __typename id householdNumber } } } }`;
  for (const id of sampleHouseholds) {
    absorbUnless(c, await query(`query($id: ID!) { household(id: $id) { __typename id householdNumber ${householdVisits} } }`, { id }), NOT_THIS_PATH);
    absorbUnless(c, await query(`query($id: ID!) { node(id: $id) { ... on Household { __typename id householdNumber ${householdVisits} } } }`, { id }), NOT_THIS_PATH);
  }
  after = null;
  for (let i = 0; i < HOUSEHOLD_PAGES; i++) {
    const res: GraphQLResponse = await query(`query($after: String) { notLivingHereVisits(sinceDays: 366, first: 50, after: $after) {
      edges { node { ${VISIT_FIELDS} household { __typename id householdNumber members { ${MEMBER_FIELDS} } } } } pageInfo { hasNextPage endCursor } } }`, { after });
    if (!absorbUnless(c, res, NOT_THIS_PATH)) return;
    const info: { hasNextPage: boolean; endCursor: string | null } | undefined = res.data?.notLivingHereVisits?.pageInfo;
    if (!info?.hasNextPage) return;
    after = info.endCursor;
  }
}
