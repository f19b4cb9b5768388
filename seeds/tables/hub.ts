/**
 * The hub's own tables: streets, communities, grids, the standard address library (buildings) and
 * the person / household index. Index uuids are drawn from the seeded PRNG, so they are the same on
 * every run with the same seed and size; `created_at` is the reference date, not the clock.
 */
import { isoDate } from '../dates';
import { DISTRICT_CODE, DISTRICT_NAME } from '../divisions';
import { chunked, TableLoad } from '../copy';
import { Model } from '../model';
import { Rng, uuidV4 } from '../random';

/** Truncation/load order of the hub tables. */
export function hubTables(m: Model): TableLoad[] {
  const created = `${isoDate(m.referenceDay)} 08:00:00+08`;
  return [
    {
      table: 'streets',
      columns: ['code', 'name', 'district_code', 'district_name'],
      chunks: () => chunked(function* (out) {
        for (const s of m.streets) {
          out.row([s.code, s.name, DISTRICT_CODE, DISTRICT_NAME]);
          yield;
        }
      }),
    },
    {
      table: 'communities',
      columns: ['code', 'name', 'street_code'],
      chunks: () => chunked(function* (out) {
        for (const c of m.communities) {
          out.row([c.code, c.name, c.streetCode]);
          yield;
        }
      }),
    },
    {
      table: 'grids',
      columns: ['id', 'name', 'community_code'],
      chunks: () => chunked(function* (out) {
        for (const g of m.grids) {
          out.row([g.id, g.name, g.communityCode]);
          yield;
        }
      }),
    },
    {
      table: 'buildings',
      columns: ['code', 'community_code', 'grid_id', 'address'],
      chunks: () => chunked(function* (out) {
        for (const b of m.buildings) {
          out.row([b.code, b.communityCode, b.gridId, b.address]);
          yield;
        }
      }),
    },
    {
      table: 'person_index',
      columns: ['id', 'id_number', 'created_at'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'person_index');
        for (let i = 0; i < m.persons.count; i++) {
          out.row([uuidV4(rng), m.persons.idNumber[i], created]);
          yield;
        }
      }),
    },
    {
      table: 'household_index',
      columns: ['id', 'household_no', 'created_at'],
      chunks: () => chunked(function* (out) {
        const rng = new Rng(m.seed, 'household_index');
        for (let i = 0; i < m.households.count; i++) {
          out.row([uuidV4(rng), m.households.householdNo[i], created]);
          yield;
        }
      }),
    },
  ];
}
