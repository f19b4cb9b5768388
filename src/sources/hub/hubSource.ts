import type { Knex } from 'knex';
import { BuildingRow, CommunityRow, GridRow, HouseholdIndexRow, PersonIndexRow } from './hubRows';

/**
 * Queries on the hub's own database. Each takes a batch of keys and returns the rows found, in
 * any order; callers map them back to keys. No department data is read here.
 */

export function personIndexByHubId(db: Knex, ids: readonly string[]): Promise<PersonIndexRow[]> {
  return db('person_index').select('id', 'id_number').whereRaw('id = ANY(?::uuid[])', [[...ids]]);
}

/**
 * Hub ids for ID numbers, registering numbers the index has not seen yet (a person new to the
 * police records gets a hub id on first sight, so the index never needs a copy job).
 */
export async function personIndexByIdNumber(db: Knex, idNumbers: readonly string[]): Promise<PersonIndexRow[]> {
  const found: PersonIndexRow[] = await db('person_index')
    .select('id', 'id_number')
    .whereRaw('id_number = ANY(?::bpchar[])', [[...idNumbers]]);
  if (found.length === idNumbers.length) return found;
  const known = new Set(found.map((r) => r.id_number));
  const missing = idNumbers.filter((n) => !known.has(n));
  await db.raw('INSERT INTO person_index (id_number) SELECT unnest(?::bpchar[]) ON CONFLICT (id_number) DO NOTHING', [missing]);
  const added: PersonIndexRow[] = await db('person_index')
    .select('id', 'id_number')
    .whereRaw('id_number = ANY(?::bpchar[])', [[...missing]]);
  return found.concat(added);
}

export function householdIndexByHubId(db: Knex, ids: readonly string[]): Promise<HouseholdIndexRow[]> {
  return db('household_index').select('id', 'household_no').whereRaw('id = ANY(?::uuid[])', [[...ids]]);
}

/** Hub ids for police household numbers, registering unseen ones (see `personIndexByIdNumber`). */
export async function householdIndexByNumber(db: Knex, numbers: readonly string[]): Promise<HouseholdIndexRow[]> {
  const found: HouseholdIndexRow[] = await db('household_index')
    .select('id', 'household_no')
    .whereRaw('household_no = ANY(?::text[])', [[...numbers]]);
  if (found.length === numbers.length) return found;
  const known = new Set(found.map((r) => r.household_no));
  const missing = numbers.filter((n) => !known.has(n));
  await db.raw('INSERT INTO household_index (household_no) SELECT unnest(?::text[]) ON CONFLICT (household_no) DO NOTHING', [missing]);
  const added: HouseholdIndexRow[] = await db('household_index')
    .select('id', 'household_no')
    .whereRaw('household_no = ANY(?::text[])', [[...missing]]);
  return found.concat(added);
}

/** Buildings with their grid, community, street and district, in one query. */
export function buildingsByCode(db: Knex, codes: readonly string[]): Promise<BuildingRow[]> {
  return db('buildings as b')
    .join('grids as g', 'g.id', 'b.grid_id')
    .join('communities as c', 'c.code', 'b.community_code')
    .join('streets as s', 's.code', 'c.street_code')
    .select(
      'b.code', 'b.address', 'b.grid_id', 'g.name as grid_name', 'b.community_code', 'c.name as community_name',
      's.code as street_code', 's.name as street_name', 's.district_code', 's.district_name',
    )
    .whereRaw('b.code = ANY(?::text[])', [[...codes]]);
}

export function gridsById(db: Knex, ids: readonly string[]): Promise<GridRow[]> {
  return db('grids').select('id', 'name', 'community_code').whereRaw('id = ANY(?::text[])', [[...ids]]);
}

export function communitiesByCode(db: Knex, codes: readonly string[]): Promise<CommunityRow[]> {
  return db('communities as c')
    .join('streets as s', 's.code', 'c.street_code')
    .select('c.code', 'c.name', 'c.street_code', 's.name as street_name', 's.district_code', 's.district_name')
    .whereRaw('c.code = ANY(?::text[])', [[...codes]]);
}
