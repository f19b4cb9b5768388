import type { Knex } from 'knex';
import { BadInputError } from '../../errors';
import { guarded } from '../keyedLoader';
import type { ResolvedScope } from '../rowScope';
import { buildingsInArea } from './areaSource';
import type { AreaMatch, SearchCriteria } from './criteria';

/** Most buildings an area filter may resolve to; more is SEARCH_TOO_BROAD. */
export const MAX_AREA_BUILDINGS = 2000;
/** Most police candidates a cross-department tag check may batch; more is SEARCH_TOO_BROAD. */
export const MAX_FEDERATED_CANDIDATES = 50_000;

export function tooBroad(message: string): BadInputError {
  return new BadInputError('SEARCH_TOO_BROAD', message);
}

/**
 * A city-wide search (department roles) must be narrowed by an area or a name, so that no search
 * scans a whole department table by accident. Street staff are narrowed by their grids already.
 * Throws FILTER_REQUIRED otherwise.
 */
export function requireNarrowing(scope: ResolvedScope, c: SearchCriteria): void {
  if (scope.kind !== 'all' || c.area !== null) return;
  if (c.name && (c.name.kind === 'hanzi' || c.name.text.length >= 2)) return;
  throw new BadInputError(
    'FILTER_REQUIRED',
    'A city-wide search needs a grid, community, address or name (at least two pinyin letters) in its filter.',
    { argument: 'filter' },
  );
}

/** The area as buildings (one hub query); null when the filter names no area; SEARCH_TOO_BROAD past the cap. */
export async function resolveArea(hub: Knex, c: SearchCriteria): Promise<AreaMatch | null> {
  if (c.area === null) return null;
  const codes = await guarded('hub', () => buildingsInArea(hub, c.area!, MAX_AREA_BUILDINGS + 1));
  if (codes.length > MAX_AREA_BUILDINGS) {
    throw tooBroad(`The area matches more than ${MAX_AREA_BUILDINGS} buildings; give more of the address, a grid or a community.`);
  }
  return { buildingCodes: codes, roomPrefix: c.area.roomPrefix };
}
