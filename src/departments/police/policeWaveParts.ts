import type { Knex } from 'knex';
import { jsonRows, PartSql, WavePart } from '../../sources/departmentWave';
import { ResolvedScope, scopeKeyOf } from '../../sources/rowScope';
import { numbered, Sql } from '../../sources/search/sql';
import { householdScope } from './householdPredicates';
import { keyedPersonScope } from './personPredicates';
import { PoliceHouseholdRow, PolicePersonRow, ResidenceRegistrationRow } from './policeRows';
import * as police from './policeSource';

const PERSON_COLUMNS = ['id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'phone', 'household_no', 'relation_to_head', 'native_place', 'watch_flag'];
const HOUSEHOLD_COLUMNS = ['household_no', 'building_code', 'room', 'kind', 'registered_on'];
const RESIDENCE_COLUMNS = ['id_number', 'building_code', 'room', 'permit_no', 'registered_on', 'expires_on', 'status'];

/** The keys as `$first`, the row scope's values numbered after them (the same fragments as policeSource.ts). */
function keyedWhere(keyColumn: string, keyType: string, keys: readonly string[], first: number, scope: Sql): { where: string; values: unknown[] } {
  const s = numbered(scope, first + 1);
  return { where: `${keyColumn} = ANY($${first}::${keyType}[]) AND (${s.text})`, values: [keys, ...s.values] };
}

/**
 * The police reads of a file as parts of one statement per loader wave
 * (src/sources/departmentWave.ts), each with the request's row scope in its WHERE clause exactly
 * as its own statement in policeSource.ts: a person's household and current residence arrive in
 * one round trip. Alone, each part runs its policeSource.ts statement.
 */
export function policeParts(db: Knex, scope: () => Promise<ResolvedScope>) {
  const personByIdNumber: WavePart<PolicePersonRow> = {
    name: 'persons_by_id_number',
    columns: PERSON_COLUMNS,
    key: 'id_number',
    shareKey: async () => scopeKeyOf(await scope()),
    alone: async (keys) => police.personsByIdNumber(db, keys, await scope()),
    combined: async (keys, first): Promise<PartSql> => {
      const w = keyedWhere('p.id_number', 'bpchar', keys, first, keyedPersonScope('p', await scope()));
      return { text: jsonRows('p', PERSON_COLUMNS, `persons p WHERE ${w.where}`), values: w.values };
    },
  };
  const membersByHouseholdNo: WavePart<PolicePersonRow> = {
    name: 'persons_by_household_no',
    columns: PERSON_COLUMNS,
    key: 'household_no',
    shareKey: async () => scopeKeyOf(await scope()),
    alone: async (keys) => police.personsByHouseholdNo(db, keys, await scope()),
    combined: async (keys, first): Promise<PartSql> => {
      const w = keyedWhere('p.household_no', 'text', keys, first, keyedPersonScope('p', await scope()));
      const order = `p.household_no, p.relation_to_head = 'HEAD' DESC, p.birth_date, p.id_number`;
      return { text: jsonRows('p', PERSON_COLUMNS, `persons p WHERE ${w.where}`, order), values: w.values };
    },
  };
  const householdByNo: WavePart<PoliceHouseholdRow> = {
    name: 'households',
    columns: HOUSEHOLD_COLUMNS,
    key: 'household_no',
    shareKey: async () => scopeKeyOf(await scope()),
    alone: async (keys) => police.householdsByNo(db, keys, await scope()),
    combined: async (keys, first): Promise<PartSql> => {
      const w = keyedWhere('h.household_no', 'text', keys, first, householdScope(await scope()));
      return { text: jsonRows('h', HOUSEHOLD_COLUMNS, `households h WHERE ${w.where}`), values: w.values };
    },
  };
  const residenceByIdNumber: WavePart<ResidenceRegistrationRow> = {
    name: 'residence_registrations',
    columns: RESIDENCE_COLUMNS,
    key: 'id_number',
    shareKey: () => '',
    alone: (keys) => police.residenceByIdNumber(db, keys),
    combined: (keys, first): PartSql => ({
      text: jsonRows('r', RESIDENCE_COLUMNS,
        `(SELECT DISTINCT ON (id_number) ${RESIDENCE_COLUMNS.join(', ')} FROM residence_registrations WHERE id_number = ANY($${first}::bpchar[])
           ORDER BY id_number, status = 'ACTIVE' DESC, registered_on DESC) r`, 'r.id_number'),
      values: [keys],
    }),
  };
  return { personByIdNumber, membersByHouseholdNo, householdByNo, residenceByIdNumber };
}
