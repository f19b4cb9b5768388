import type { Knex } from 'knex';
import type { Context } from '../schema/context';
import type { ResolvedScope } from '../sources/rowScope';
import type { AreaMatch, PageRequest, SearchCriteria } from '../sources/search/criteria';
import type { Sql } from '../sources/search/sql';

/**
 * The identity spine's contract: what the hub's entry points (search, tags, node, the access log's
 * subject, claims) need from the module that owns identity — the persons and households every file
 * is built on. Exactly one module declares it (`identity` in its declaration, see module.ts);
 * `src/departments/spine.ts` hands it to the entry points, which never name the owner. Swapping the
 * owner means another module implementing this contract and declaring it instead.
 *
 * Types only: the row shapes below are what the entry points read; an owner's rows carry more.
 */

/** The identity facts of a person the entry points read (tags, claims, cursors). Dates `YYYY-MM-DD`. */
export interface SpinePersonRow {
  id_number: string;
  birth_date: string;
  /** The registered (户籍) household, null when registered elsewhere. */
  household_no: string | null;
}

/** The facts of a registered household the entry points read. */
export interface SpineHouseholdRow {
  household_no: string;
  building_code: string;
}

/** Where a person is registered: their ID number, their household's number and its building. */
export type SpineRegistration = { id_number: string } & SpineHouseholdRow;

/** A row found by a search, with the keyset it is ordered by (what cursors encode). */
export type SpineHit<R> = R & { search_key: string };

/** A person file (the owner's GraphQL type): its opaque hub id as the access log's subject, and its identity row. */
export interface SpinePerson {
  /** The opaque hub id (GraphQL `Node.id`). */
  readonly id: string;
  readonly subjectId: string;
  readonly identity: SpinePersonRow;
}

/** A household file (the owner's GraphQL type). */
export interface SpineHousehold {
  readonly id: string;
  readonly subjectId: string;
  readonly record: SpineHouseholdRow;
}

/** A person candidate for the cross-department tag check. */
export type SpinePersonCandidate = SpineHit<SpinePersonRow>;

/** A household candidate: its row and the identity facts of its registered members. */
export interface SpineHouseholdCandidate {
  row: SpineHit<SpineHouseholdRow>;
  members: Array<SpinePersonRow & { household_no: string }>;
}

/**
 * The spine's schema side: its GraphQL types and its per-request record readers. Every reader goes
 * through the request's scoped loaders (`ctx.loaders`), so a record outside the caller's row scope
 * is null, and every file it returns carries its opaque hub id (none is returned without one).
 */
export interface IdentitySpine {
  /** The Person and Household GraphQL object types (classes; pass them to type-graphql lazily). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly Person: Function;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly Household: Function;
  /** Persons from rows of this spine's own search (hub ids in one batched look-up; rows without one are dropped). */
  personsFromRows(ctx: Context, rows: readonly SpinePersonRow[]): Promise<SpinePerson[]>;
  /** The person with this ID number within reach, or null. */
  personByIdNumber(ctx: Context, idNumber: string): Promise<SpinePerson | null>;
  /** The person with this hub id within reach, or null. */
  personByHubId(ctx: Context, hubId: string): Promise<SpinePerson | null>;
  /** The household with this hub id within reach, or null. */
  householdByHubId(ctx: Context, hubId: string): Promise<SpineHousehold | null>;
  /** The household with this number within reach (registering it in the hub's index if new), or null. */
  householdByNumber(ctx: Context, householdNo: string): Promise<SpineHousehold | null>;
  /** The registered members of a household within reach (batched per request). */
  membersOf(ctx: Context, householdNo: string): Promise<readonly SpinePersonRow[]>;
  /**
   * Hands a search page's rows to the request's loaders and starts loading what the page's nodes
   * will ask for (`selected`: the node fields the query selects), in the same wave as the hub ids.
   */
  preparePersonPage(ctx: Context, rows: readonly SpinePersonRow[], selected: ReadonlySet<string>): void;
  prepareHouseholdPage(ctx: Context, rows: readonly SpineHouseholdRow[], selected: ReadonlySet<string>): void;
}

/** One searchable table of the spine (persons or households): SQL over its database, one round trip each. */
export interface SpineSearchTable<Hit, Candidate> {
  /** The WHERE clause: the caller's row scope and the criteria (area, name, age, 人户分离, the spine's tag parts). */
  where(scope: ResolvedScope, c: SearchCriteria, area: AreaMatch | null, today: string): Sql;
  count(db: Knex, where: Sql): Promise<number>;
  /** `limit` rows after `after` in `search_key` order; `matches` (the count) chooses the plan. */
  page(db: Knex, where: Sql, after: PageRequest['after'], limit: number, matches: number): Promise<Hit[]>;
  /** At most `limit` candidates for the cross-department tag check, in `search_key` order. */
  candidates(db: Knex, where: Sql, limit: number, prepare: boolean): Promise<Candidate[]>;
}

/**
 * The spine's search side (a source: no GraphQL): the federated search's candidates come from it,
 * and system jobs ask it where persons are registered. Each statement runs on the pool its caller
 * passes (src/departments/spine.ts `spineDatabase`). `source` names it in errors and circuits
 * (src/sources/keyedLoader.ts `guarded`).
 */
export interface IdentitySearch {
  readonly source: string;
  readonly persons: SpineSearchTable<SpineHit<SpinePersonRow>, SpinePersonCandidate> & {
    /** The search rows of these persons, in `search_key` order. */
    byIdNumbers(db: Knex, idNumbers: readonly string[]): Promise<Array<SpineHit<SpinePersonRow>>>;
  };
  readonly households: SpineSearchTable<SpineHit<SpineHouseholdRow>, SpineHouseholdCandidate>;
  /**
   * The registered (户籍) household of each of these persons that has one, with its building: one
   * row per person registered here; persons registered elsewhere, or unknown, are absent. One
   * statement, no row scope: for system jobs (the street office's finding tickets), which batch the numbers.
   */
  registeredHouseholds(db: Knex, idNumbers: readonly string[]): Promise<SpineRegistration[]>;
}

/** What the owner declares on its module: both sides, loaded on first use (like `parts`). */
export interface IdentityDeclaration {
  readonly spine: () => IdentitySpine;
  readonly search: () => IdentitySearch;
}
