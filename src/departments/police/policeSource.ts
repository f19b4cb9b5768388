import type { Knex } from 'knex';
import type { ResolvedScope } from '../../sources/rowScope';
import { runSql } from '../../sources/runSql';
import { householdScope } from './householdPredicates';
import { keyedPersonScope } from './personPredicates';
import { numbered, Sql } from '../../sources/search/sql';
import { PoliceHouseholdRow, PolicePersonRow, ResidenceRegistrationRow } from './policeRows';

/**
 * Queries on the police database; each answers a whole batch of keys in one statement, and the
 * person and household queries carry the request's row scope in their WHERE clause. The batch of
 * keys is always `$1`; the scope's values follow.
 */

const PERSON_COLUMNS =
  'p.id_number, p.name, p.sex, p.birth_date, p.ethnicity, p.phone, p.household_no, p.relation_to_head, p.native_place, p.watch_flag';

/**
 * The row scope as a WHERE fragment numbered from `$2`, built in personPredicates.ts and
 * householdPredicates.ts (this folder) next to the search's own, so loaders and search cannot drift apart
 * (persons use the per-row form of the grid scope, tested equal to the search's set form).
 */
function scopeFor(fragment: Sql) {
  const { text, values } = numbered(fragment, 2);
  return { sql: ` AND (${text})`, values };
}

export function personsByIdNumber(db: Knex, idNumbers: readonly string[], scope: ResolvedScope): Promise<PolicePersonRow[]> {
  const s = scopeFor(keyedPersonScope('p', scope));
  return runSql(db, `SELECT ${PERSON_COLUMNS} FROM persons p WHERE p.id_number = ANY($1::bpchar[])${s.sql}`, [idNumbers, ...s.values]);
}

/** Registered members of each household within scope, head first, then by birth date. */
export function personsByHouseholdNo(db: Knex, householdNos: readonly string[], scope: ResolvedScope): Promise<PolicePersonRow[]> {
  const s = scopeFor(keyedPersonScope('p', scope));
  return runSql(
    db,
    `SELECT ${PERSON_COLUMNS} FROM persons p WHERE p.household_no = ANY($1::text[])${s.sql}
      ORDER BY p.household_no, p.relation_to_head = 'HEAD' DESC, p.birth_date, p.id_number`,
    [householdNos, ...s.values],
  );
}

export function householdsByNo(db: Knex, householdNos: readonly string[], scope: ResolvedScope): Promise<PoliceHouseholdRow[]> {
  const s = scopeFor(householdScope(scope));
  return runSql(
    db,
    `SELECT h.household_no, h.building_code, h.room, h.kind, h.registered_on FROM households h WHERE h.household_no = ANY($1::text[])${s.sql}`,
    [householdNos, ...s.values],
  );
}

/**
 * Each person's current residence registration: the newest active one, else the newest. Only
 * asked for persons already fetched within scope, so it needs no scope of its own.
 */
export function residenceByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<ResidenceRegistrationRow[]> {
  return runSql(
    db,
    `SELECT DISTINCT ON (id_number) id_number, building_code, room, permit_no, registered_on, expires_on, status
       FROM residence_registrations WHERE id_number = ANY($1::bpchar[])
      ORDER BY id_number, status = 'ACTIVE' DESC, registered_on DESC`,
    [idNumbers],
  );
}
