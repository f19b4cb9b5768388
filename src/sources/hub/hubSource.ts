import type { Knex } from 'knex';
import { runSql } from '../runSql';
import { BuildingRow, CommunityRow, GridRow, HouseholdIndexRow, PersonIndexRow } from './hubRows';

/**
 * Queries on the hub's own database. Each takes a batch of keys and returns the rows found, in
 * any order; callers map them back to keys. No department data is read here.
 */

export function personIndexByHubId(db: Knex, ids: readonly string[]): Promise<PersonIndexRow[]> {
  return runSql(db, 'SELECT id, id_number FROM person_index WHERE id = ANY($1::uuid[])', [ids]);
}

/**
 * Hub ids of ID numbers the index already holds; an ID number it does not hold is simply absent.
 * Never registers anything: a look-up by an ID number nobody holds must leave no trace that could
 * later tell it apart from one the caller may not see (a look-up must not confirm). ID numbers get
 * hub ids only through `registerPolicePersons`.
 */
export function personIndexByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<PersonIndexRow[]> {
  return runSql<PersonIndexRow>(db, 'SELECT id, id_number FROM person_index WHERE id_number = ANY($1::bpchar[])', [idNumbers]);
}

/**
 * Hub ids for ID numbers of persons police RETURNED (rows of police.persons), registering those the
 * index has not seen yet: a person new to the police records gets a hub id on first sight, so the
 * index never needs a copy job. Callers pass only ID numbers read from police rows — never a
 * caller's argument or another department's data (see `personIndexByIdNumber`).
 */
export async function registerPolicePersons(db: Knex, idNumbers: readonly string[]): Promise<PersonIndexRow[]> {
  const found = await personIndexByIdNumber(db, idNumbers);
  if (found.length === idNumbers.length) return found;
  const known = new Set(found.map((r) => r.id_number));
  const missing = idNumbers.filter((n) => !known.has(n));
  await runSql(db, 'INSERT INTO person_index (id_number) SELECT unnest($1::bpchar[]) ON CONFLICT (id_number) DO NOTHING', [missing]);
  return found.concat(await personIndexByIdNumber(db, missing));
}

export function householdIndexByHubId(db: Knex, ids: readonly string[]): Promise<HouseholdIndexRow[]> {
  return runSql(db, 'SELECT id, household_no FROM household_index WHERE id = ANY($1::uuid[])', [ids]);
}

/** Hub ids for police household numbers, registering unseen ones (callers pass numbers read from police rows, as for `registerPolicePersons`). */
export async function householdIndexByNumber(db: Knex, numbers: readonly string[]): Promise<HouseholdIndexRow[]> {
  const select = 'SELECT id, household_no FROM household_index WHERE household_no = ANY($1::text[])';
  const found = await runSql<HouseholdIndexRow>(db, select, [numbers]);
  if (found.length === numbers.length) return found;
  const known = new Set(found.map((r) => r.household_no));
  const missing = numbers.filter((n) => !known.has(n));
  await runSql(db, 'INSERT INTO household_index (household_no) SELECT unnest($1::text[]) ON CONFLICT (household_no) DO NOTHING', [missing]);
  return found.concat(await runSql<HouseholdIndexRow>(db, select, [missing]));
}

const BUILDINGS = `
  SELECT b.code, b.address, b.grid_id, g.name AS grid_name, b.community_code, c.name AS community_name,
         s.code AS street_code, s.name AS street_name, s.district_code, s.district_name
    FROM buildings b
    JOIN grids g ON g.id = b.grid_id
    JOIN communities c ON c.code = b.community_code
    JOIN streets s ON s.code = c.street_code
   WHERE b.code = ANY($1::text[])`;

/** Buildings with their grid, community, street and district, in one query. */
export function buildingsByCode(db: Knex, codes: readonly string[]): Promise<BuildingRow[]> {
  return runSql(db, BUILDINGS, [codes]);
}

export function gridsById(db: Knex, ids: readonly string[]): Promise<GridRow[]> {
  return runSql(db, 'SELECT id, name, community_code FROM grids WHERE id = ANY($1::text[])', [ids]);
}

export function communitiesByCode(db: Knex, codes: readonly string[]): Promise<CommunityRow[]> {
  return runSql(
    db,
    `SELECT c.code, c.name, c.street_code, s.name AS street_name, s.district_code, s.district_name
       FROM communities c JOIN streets s ON s.code = c.street_code
      WHERE c.code = ANY($1::text[])`,
    [codes],
  );
}
