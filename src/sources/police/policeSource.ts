import type { Knex } from 'knex';
import type { ResolvedScope } from '../rowScope';
import { PoliceHouseholdRow, PolicePersonRow, ResidenceRegistrationRow } from './policeRows';

/**
 * Queries on the police database; each answers a whole batch of keys in one statement, and the
 * person and household queries carry the request's row scope in their WHERE clause.
 */

const PERSON_COLUMNS = [
  'p.id_number', 'p.name', 'p.sex', 'p.birth_date', 'p.ethnicity', 'p.phone', 'p.household_no', 'p.relation_to_head', 'p.native_place', 'p.watch_flag',
];

/** Adds the row scope for persons aliased `p`: nothing for `all`, no rows for `none`. */
function scopePersons(query: Knex.QueryBuilder, scope: ResolvedScope): Knex.QueryBuilder {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.whereRaw('false');
    case 'person':
      return scope.idNumber === null ? query.whereRaw('false') : query.where('p.id_number', scope.idNumber);
    case 'buildings':
      return query.whereRaw(
        `(EXISTS (SELECT 1 FROM households h WHERE h.household_no = p.household_no AND h.building_code = ANY(?::text[]))
          OR EXISTS (SELECT 1 FROM residence_registrations r WHERE r.id_number = p.id_number AND r.status = 'ACTIVE' AND r.building_code = ANY(?::text[])))`,
        [scope.buildingCodes, scope.buildingCodes],
      );
  }
}

/** Adds the row scope for households aliased `h`. */
function scopeHouseholds(query: Knex.QueryBuilder, scope: ResolvedScope): Knex.QueryBuilder {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.whereRaw('false');
    case 'person':
      return scope.idNumber === null
        ? query.whereRaw('false')
        : query.whereRaw('h.household_no = (SELECT household_no FROM persons WHERE id_number = ?)', [scope.idNumber]);
    case 'buildings':
      return query.whereRaw('h.building_code = ANY(?::text[])', [scope.buildingCodes]);
  }
}

export function personsByIdNumber(db: Knex, idNumbers: readonly string[], scope: ResolvedScope): Promise<PolicePersonRow[]> {
  return scopePersons(db('persons as p').select(PERSON_COLUMNS).whereRaw('p.id_number = ANY(?::bpchar[])', [[...idNumbers]]), scope);
}

/** Registered members of each household within scope, head first, then by birth date. */
export function personsByHouseholdNo(db: Knex, householdNos: readonly string[], scope: ResolvedScope): Promise<PolicePersonRow[]> {
  return scopePersons(
    db('persons as p')
      .select(PERSON_COLUMNS)
      .whereRaw('p.household_no = ANY(?::text[])', [[...householdNos]])
      .orderByRaw("p.household_no, p.relation_to_head = 'HEAD' DESC, p.birth_date, p.id_number"),
    scope,
  );
}

export function householdsByNo(db: Knex, householdNos: readonly string[], scope: ResolvedScope): Promise<PoliceHouseholdRow[]> {
  return scopeHouseholds(
    db('households as h')
      .select('h.household_no', 'h.building_code', 'h.room', 'h.kind', 'h.registered_on')
      .whereRaw('h.household_no = ANY(?::text[])', [[...householdNos]]),
    scope,
  );
}

/**
 * Each person's current residence registration: the newest active one, else the newest. Only
 * asked for persons already fetched within scope, so it needs no scope of its own.
 */
export function residenceByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<ResidenceRegistrationRow[]> {
  return db('residence_registrations')
    .distinctOn('id_number')
    .select('id_number', 'building_code', 'room', 'permit_no', 'registered_on', 'expires_on', 'status')
    .whereRaw('id_number = ANY(?::bpchar[])', [[...idNumbers]])
    .orderByRaw("id_number, status = 'ACTIVE' DESC, registered_on DESC");
}
