import type { Knex } from 'knex';
import { PoliceHouseholdRow, PolicePersonRow, ResidenceRegistrationRow } from './policeRows';

/** Queries on the police database; each answers a whole batch of keys in one statement. */

const PERSON_COLUMNS = [
  'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'phone', 'household_no', 'relation_to_head', 'native_place', 'watch_flag',
];

export function personsByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<PolicePersonRow[]> {
  return db('persons').select(PERSON_COLUMNS).whereRaw('id_number = ANY(?::bpchar[])', [[...idNumbers]]);
}

/** Registered members of each household, head first, then by birth date. */
export function personsByHouseholdNo(db: Knex, householdNos: readonly string[]): Promise<PolicePersonRow[]> {
  return db('persons')
    .select(PERSON_COLUMNS)
    .whereRaw('household_no = ANY(?::text[])', [[...householdNos]])
    .orderByRaw("household_no, relation_to_head = 'HEAD' DESC, birth_date, id_number");
}

export function householdsByNo(db: Knex, householdNos: readonly string[]): Promise<PoliceHouseholdRow[]> {
  return db('households')
    .select('household_no', 'building_code', 'room', 'kind', 'registered_on')
    .whereRaw('household_no = ANY(?::text[])', [[...householdNos]]);
}

/** Each person's current residence registration: the newest active one, else the newest. */
export function residenceByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<ResidenceRegistrationRow[]> {
  return db('residence_registrations')
    .distinctOn('id_number')
    .select('id_number', 'building_code', 'room', 'permit_no', 'registered_on', 'expires_on', 'status')
    .whereRaw('id_number = ANY(?::bpchar[])', [[...idNumbers]])
    .orderByRaw("id_number, status = 'ACTIVE' DESC, registered_on DESC");
}
