import type { ResolvedScope } from '../../sources/rowScope';
import type { AreaMatch, SearchCriteria } from '../../sources/search/criteria';
import { ageBetween, livesAway, nameMatches } from './personPredicates';
import { and, prefixPattern, Sql, sql } from '../../sources/search/sql';

/**
 * WHERE clauses over police `households` (aliased by `h`). A household matches a member criterion
 * when at least one registered member meets it; different criteria may be met by different
 * members (a 低保 household with a disabled member).
 */

export function householdScope(scope: ResolvedScope): Sql {
  switch (scope.kind) {
    case 'all':
      return sql('TRUE');
    case 'none':
      return sql('FALSE');
    case 'person':
      return scope.idNumber === null
        ? sql('FALSE')
        : sql('h.household_no = (SELECT household_no FROM persons WHERE id_number = ?)', scope.idNumber);
    case 'buildings':
      return sql('h.building_code = ANY(?::text[])', scope.buildingCodes);
    case 'household':
      return scope.householdNo === null ? sql('FALSE') : sql('h.household_no = ?', scope.householdNo);
  }
}

/** The household's registered address is one of the buildings (and its room starts so). */
export function householdInArea(area: AreaMatch): Sql {
  return area.roomPrefix === null
    ? sql('h.building_code = ANY(?::text[])', area.buildingCodes)
    : sql('h.building_code = ANY(?::text[]) AND h.room LIKE ?', area.buildingCodes, prefixPattern(area.roomPrefix));
}

function someMember(condition: Sql): Sql {
  return sql(`EXISTS (SELECT 1 FROM persons m WHERE m.household_no = h.household_no AND (${condition.text}))`, ...condition.values);
}

/** Everything police can decide about a household for these criteria (tags are checked per member later). */
export function householdCriteria(c: SearchCriteria, area: AreaMatch | null, today: string): Sql {
  const parts: Sql[] = [];
  if (area) parts.push(householdInArea(area));
  if (c.name) parts.push(someMember(nameMatches('m', c.name)));
  const ages = ageBetween('m', c.minAge, c.maxAge, today);
  if (ages.length) parts.push(someMember(and(ages)));
  if (c.livesAwayFromRegisteredAddress !== null) {
    const away = someMember(livesAway('m'));
    parts.push(c.livesAwayFromRegisteredAddress ? away : sql(`NOT ${away.text}`, ...away.values));
  }
  return and(parts);
}
