import type { Knex } from 'knex';
import type { ResolvedScope } from '../rowScope';
import { runSql } from '../runSql';
import { PoliceHouseholdRow, PolicePersonRow, ResidenceRegistrationRow } from './policeRows';

/**
 * Queries on the police database; each answers a whole batch of keys in one statement, and the
 * person and household queries carry the request's row scope in their WHERE clause. The batch of
 * keys is always `$1`; a scope adds `$2`.
 */

const PERSON_COLUMNS =
  'p.id_number, p.name, p.sex, p.birth_date, p.ethnicity, p.phone, p.household_no, p.relation_to_head, p.native_place, p.watch_flag';

/** A WHERE fragment and its one bound value (if any), as `$2`. */
interface ScopeClause {
  sql: string;
  values: unknown[];
}

/** The row scope for persons aliased `p`: nothing for `all`, no rows for `none`. */
export function personScope(scope: ResolvedScope): ScopeClause {
  switch (scope.kind) {
    case 'all':
      return { sql: '', values: [] };
    case 'none':
      return { sql: ' AND false', values: [] };
    case 'person':
      return scope.idNumber === null ? { sql: ' AND false', values: [] } : { sql: ' AND p.id_number = $2', values: [scope.idNumber] };
    case 'buildings':
      return {
        sql: ` AND (EXISTS (SELECT 1 FROM households h WHERE h.household_no = p.household_no AND h.building_code = ANY($2::text[]))
                 OR EXISTS (SELECT 1 FROM residence_registrations r WHERE r.id_number = p.id_number AND r.status = 'ACTIVE' AND r.building_code = ANY($2::text[])))`,
        values: [scope.buildingCodes],
      };
  }
}

/** The row scope for households aliased `h`. */
export function householdScope(scope: ResolvedScope): ScopeClause {
  switch (scope.kind) {
    case 'all':
      return { sql: '', values: [] };
    case 'none':
      return { sql: ' AND false', values: [] };
    case 'person':
      return scope.idNumber === null
        ? { sql: ' AND false', values: [] }
        : { sql: ' AND h.household_no = (SELECT household_no FROM persons WHERE id_number = $2)', values: [scope.idNumber] };
    case 'buildings':
      return { sql: ' AND h.building_code = ANY($2::text[])', values: [scope.buildingCodes] };
  }
}

export function personsByIdNumber(db: Knex, idNumbers: readonly string[], scope: ResolvedScope): Promise<PolicePersonRow[]> {
  const s = personScope(scope);
  return runSql(db, `SELECT ${PERSON_COLUMNS} FROM persons p WHERE p.id_number = ANY($1::bpchar[])${s.sql}`, [idNumbers, ...s.values]);
}

/** Registered members of each household within scope, head first, then by birth date. */
export function personsByHouseholdNo(db: Knex, householdNos: readonly string[], scope: ResolvedScope): Promise<PolicePersonRow[]> {
  const s = personScope(scope);
  return runSql(
    db,
    `SELECT ${PERSON_COLUMNS} FROM persons p WHERE p.household_no = ANY($1::text[])${s.sql}
      ORDER BY p.household_no, p.relation_to_head = 'HEAD' DESC, p.birth_date, p.id_number`,
    [householdNos, ...s.values],
  );
}

export function householdsByNo(db: Knex, householdNos: readonly string[], scope: ResolvedScope): Promise<PoliceHouseholdRow[]> {
  const s = householdScope(scope);
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
