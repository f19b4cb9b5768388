import type { Knex } from 'knex';
import type { PoliceHouseholdRow, PolicePersonRow } from './policeRows';
import type { SpineRegistration } from '../identity';
import { runSql } from '../../sources/runSql';
import { and, numbered, Sql, sql } from '../../sources/search/sql';

/**
 * Search statements on the police database. Each takes a WHERE clause built in this folder (the
 * caller's row scope included) and answers in one round trip. Rows come in `search_key` order,
 * the keyset that cursors encode. `statements` exposes the SQL itself (for EXPLAIN in the bench).
 */

export type PersonHitRow = PolicePersonRow & { search_key: string };
export type HouseholdHitRow = PoliceHouseholdRow & { search_key: string };

/** A person candidate for the cross-department tag check: keys and the police facts tags need. */
export interface PersonCandidate {
  search_key: string;
  id_number: string;
  birth_date: string;
  household_no: string | null;
}

/** A registered member of a household candidate: the police facts its tags need. */
export interface MemberFacts {
  id_number: string;
  birth_date: string;
  household_no: string;
}

/** A household candidate for the cross-department tag check: its row and its registered members. */
export interface HouseholdCandidate {
  row: HouseholdHitRow;
  members: MemberFacts[];
}

/** A candidate as PostgreSQL returns it: members packed as `<id number>:<YYYY-MM-DD>,…`, null when it has none (see `householdCandidates`). */
type PackedHouseholdCandidate = HouseholdHitRow & { members: string | null };


const PERSON_COLUMNS = `p.search_key, p.id_number, p.name, p.sex, p.birth_date, p.ethnicity, p.phone, p.household_no,
  p.relation_to_head, p.native_place, p.watch_flag`;
const HOUSEHOLD_COLUMNS = 'h.search_key, h.household_no, h.building_code, h.room, h.kind, h.registered_on';

function after(alias: string, key: number | null): Sql[] {
  return key === null ? [] : [sql(`${alias}.search_key > ?`, key)];
}

/**
 * At most this many matches (known from the count) and a page is read by collecting every match
 * first and sorting them (a MATERIALIZED CTE), never by walking `search_key` in order. PostgreSQL
 * cannot know how rare a pinyin prefix is (it guessed 8,228 persons for initials `mcz`, which 54
 * have) and then walked persons_search_key_idx through 372,350 rows to fill a page: 163 ms.
 * Past this many matches the walk is the better plan and the planner's estimate is good enough.
 */
export const FEW_MATCHES = 2000;

/** `SELECT … ORDER BY search_key LIMIT n`, or with `few` the same over a materialized set of all matches. */
function keysetPage(columns: string, table: string, alias: string, w: Sql, limit: number, few: boolean): Sql {
  return few
    ? sql(`WITH hits AS MATERIALIZED (SELECT ${columns} FROM ${table} ${alias} WHERE ${w.text}) SELECT * FROM hits ORDER BY search_key LIMIT ?`, ...w.values, limit)
    : sql(`SELECT ${columns} FROM ${table} ${alias} WHERE ${w.text} ORDER BY ${alias}.search_key LIMIT ?`, ...w.values, limit);
}

export const statements = {
  countPersons: (where: Sql) => sql(`SELECT count(*)::int AS n FROM persons p WHERE ${where.text}`, ...where.values),
  pagePersons(where: Sql, afterKey: number | null, limit: number, few = false): Sql {
    return keysetPage(PERSON_COLUMNS, 'persons', 'p', and([where, ...after('p', afterKey)]), limit, few);
  },
  personCandidates: (where: Sql, limit: number) =>
    sql(`SELECT p.search_key, p.id_number, p.birth_date, p.household_no FROM persons p WHERE ${where.text} ORDER BY p.search_key LIMIT ?`, ...where.values, limit),
  personsByIdNumbers: (idNumbers: readonly string[]) =>
    sql(`SELECT ${PERSON_COLUMNS} FROM persons p WHERE p.id_number = ANY(?::bpchar[]) ORDER BY p.search_key`, [...idNumbers]),
  countHouseholds: (where: Sql) => sql(`SELECT count(*)::int AS n FROM households h WHERE ${where.text}`, ...where.values),
  pageHouseholds(where: Sql, afterKey: number | null, limit: number, few = false): Sql {
    return keysetPage(HOUSEHOLD_COLUMNS, 'households', 'h', and([where, ...after('h', afterKey)]), limit, few);
  },
  householdCandidates(where: Sql, limit: number): Sql {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`candidate limit must be a positive integer, got ${limit}`);
    // Members packed by a correlated subquery (one index-only probe per household) rather than a
    // join and GROUP BY: no hash aggregate over the household columns. `date::text` is ISO
    // (YYYY-MM-DD): every connection sets DateStyle (knexfile.ts). The limit, a code constant, is
    // part of the text so a generic plan knows it is large (bench/SEARCH.md). A household without
    // registered members comes back with members null: it counts toward the limit (so the
    // too-broad guard errs on the safe side) and can carry no tag.
    return sql(
      `SELECT ${HOUSEHOLD_COLUMNS},
         (SELECT string_agg(p.id_number::text || ':' || p.birth_date::text, ',') FROM persons p WHERE p.household_no = h.household_no) AS members
       FROM households h
       WHERE ${where.text}
       ORDER BY h.search_key LIMIT ${limit}`,
      ...where.values,
    );
  },
};

/**
 * Runs a search statement, its `?` placeholders numbered: planned for its values (`prepare: false`,
 * see runSql) unless `prepare` says its plan cannot depend on them.
 */
function rows<R>(db: Knex, q: Sql, prepare = false): Promise<R[]> {
  const { text, values } = numbered(q, 1);
  return runSql<R>(db, text, values, { prepare });
}

export async function countPersons(db: Knex, where: Sql): Promise<number> {
  return (await rows<{ n: number }>(db, statements.countPersons(where)))[0].n;
}

/** Up to `limit` matching persons after the key, with their identity columns. */
export function pagePersons(db: Knex, where: Sql, afterKey: number | null, limit: number, matches: number): Promise<PersonHitRow[]> {
  return rows(db, statements.pagePersons(where, afterKey, limit, matches <= FEW_MATCHES));
}

/** Every matching person (at most `limit`), keys only, for a federated tag check. */
export function personCandidates(db: Knex, where: Sql, limit: number): Promise<PersonCandidate[]> {
  return rows(db, statements.personCandidates(where, limit));
}

/** Identity rows of persons already found within scope, by ID number. */
export async function personsByIdNumbers(db: Knex, idNumbers: readonly string[]): Promise<PersonHitRow[]> {
  return idNumbers.length ? rows(db, statements.personsByIdNumbers(idNumbers)) : [];
}

export async function countHouseholds(db: Knex, where: Sql): Promise<number> {
  return (await rows<{ n: number }>(db, statements.countHouseholds(where)))[0].n;
}

export function pageHouseholds(db: Knex, where: Sql, afterKey: number | null, limit: number, matches: number): Promise<HouseholdHitRow[]> {
  return rows(db, statements.pageHouseholds(where, afterKey, limit, matches <= FEW_MATCHES));
}

/**
 * Every matching household (at most `limit`, in search-key order) with the ID numbers and birth
 * dates of its registered members, for a federated tag check. One row per household with its
 * members packed in one text column: a grid's ~800 members as ~300 rows of 7 values instead of
 * ~800 rows of 8 cost about a third of the Node CPU to receive (bench/SEARCH.md).
 *
 * `prepare` (the caller's promise that `where` holds no name pattern) lets PostgreSQL keep a
 * generic plan: with building codes, a household, ages or a room prefix (a filter on the building
 * walk) as the only conditions every plan starts from the building (or household) index, whatever
 * the values. A name prefix's best plan depends on how common it is, so name searches are planned
 * per call.
 */
export async function householdCandidates(db: Knex, where: Sql, limit: number, prepare = false): Promise<HouseholdCandidate[]> {
  const packed = await rows<PackedHouseholdCandidate>(db, statements.householdCandidates(where, limit), prepare);
  return packed.map(({ members, ...row }) => ({
    row,
    // A household without registered members (null) can carry no tag: a candidate with none.
    members: members === null ? [] : members.split(',').map((m) => {
      const colon = m.indexOf(':');
      return { id_number: m.slice(0, colon), birth_date: m.slice(colon + 1), household_no: row.household_no };
    }),
  }));
}

/**
 * The registered household and its building of each of these persons registered here (the spine's
 * `registeredHouseholds`): one statement, no row scope, planned for its values; persons with no
 * 户籍 household here, or unknown, are absent.
 */
export async function registeredHouseholds(db: Knex, idNumbers: readonly string[]): Promise<SpineRegistration[]> {
  if (idNumbers.length === 0) return [];
  return runSql<SpineRegistration>(db,
    'SELECT p.id_number, h.household_no, h.building_code FROM persons p JOIN households h ON h.household_no = p.household_no WHERE p.id_number = ANY($1::bpchar[])',
    [idNumbers], { prepare: false });
}
