import { TAG_CATALOG } from '../../tags/tagCatalog';
import { Tag } from '../../tags/tag';
import type { ResolvedScope } from '../../sources/rowScope';
import { yearsBefore } from '../../tags/ageBounds';
import type { AreaMatch, NameQuery, SearchCriteria } from '../../sources/search/criteria';
import { and, prefixPattern, Sql, sql } from '../../sources/search/sql';

/**
 * WHERE clauses over police `persons` (aliased by `a`). Every one is written so that PostgreSQL
 * can drive a search from it through an index: buildings through `households(building_code)` and
 * the partial index on active residence registrations, names through the prefix indexes.
 */

/** Persons registered in, or actively living in, one of the buildings (optionally in a room starting so). */
export function inBuildings(a: string, area: AreaMatch): Sql {
  const room = area.roomPrefix === null ? null : prefixPattern(area.roomPrefix);
  const householdRoom = room === null ? '' : ' AND h.room LIKE ?';
  const residenceRoom = room === null ? '' : ' AND r.room LIKE ?';
  const extra = room === null ? [] : [room];
  return sql(
    `${a}.id_number IN (
      SELECT m.id_number FROM households h JOIN persons m ON m.household_no = h.household_no
        WHERE h.building_code = ANY(?::text[])${householdRoom}
      UNION ALL
      SELECT r.id_number FROM residence_registrations r
        WHERE r.status = 'ACTIVE' AND r.building_code = ANY(?::text[])${residenceRoom})`,
    area.buildingCodes, ...extra, area.buildingCodes, ...extra,
  );
}

/**
 * The same persons as `inBuildings(a, { buildingCodes, roomPrefix: null })`, written per row: a
 * person is in when their registered household's building, or their active residence's building,
 * is one of the buildings. For statements that already know which persons they read (the police
 * loaders, keyed by ID or household number): two index probes per row instead of building the
 * whole set of the grid's residents (~1,000 rows, 0.7 ms for a page of 56 members at 1M) and
 * semi-joining it. test/rowScope.test.ts checks both forms select the same persons.
 */
export function inBuildingsPerRow(a: string, buildingCodes: readonly string[]): Sql {
  return sql(
    `(EXISTS (SELECT 1 FROM households h WHERE h.household_no = ${a}.household_no AND h.building_code = ANY(?::text[]))
      OR EXISTS (SELECT 1 FROM residence_registrations r
                  WHERE r.id_number = ${a}.id_number AND r.status = 'ACTIVE' AND r.building_code = ANY(?::text[])))`,
    [...buildingCodes], [...buildingCodes],
  );
}

/**
 * The row scope for statements keyed by the persons they read (the police loaders): the same
 * persons as `personScope`, with grid scopes written per row (`inBuildingsPerRow`).
 */
export function keyedPersonScope(a: string, scope: ResolvedScope): Sql {
  return scope.kind === 'buildings' ? inBuildingsPerRow(a, scope.buildingCodes) : personScope(a, scope);
}

/** The caller's row scope (rowScope.ts), applied inside the query like the police loaders do. */
export function personScope(a: string, scope: ResolvedScope): Sql {
  switch (scope.kind) {
    case 'all':
      return sql('TRUE');
    case 'none':
      return sql('FALSE');
    case 'person':
      return scope.idNumber === null ? sql('FALSE') : sql(`${a}.id_number = ?`, scope.idNumber);
    case 'household':
      return scope.householdNo === null ? sql('FALSE') : sql(`${a}.household_no = ?`, scope.householdNo);
    case 'buildings':
      return inBuildings(a, { buildingCodes: scope.buildingCodes, roomPrefix: null });
  }
}

export function nameMatches(a: string, name: NameQuery): Sql {
  const pattern = prefixPattern(name.text);
  return name.kind === 'hanzi'
    ? sql(`${a}.name LIKE ?`, pattern)
    : sql(`(${a}.name_pinyin LIKE ? OR ${a}.name_initials LIKE ?)`, pattern, pattern);
}

/** Age at least `min` and at most `max` whole years on `today` (either may be null). */
export function ageBetween(a: string, min: number | null, max: number | null, today: string): Sql[] {
  const parts: Sql[] = [];
  if (min !== null) parts.push(sql(`${a}.birth_date <= ?::date`, yearsBefore(today, min)));
  if (max !== null) parts.push(sql(`${a}.birth_date > ?::date`, yearsBefore(today, max + 1)));
  return parts;
}

/**
 * 人户分离, as Person.livesAwayFromRegisteredAddress decides it: the newest active residence
 * registration is somewhere other than the registered household's building and room (for the
 * floating population, any active registration).
 */
export function livesAway(a: string): Sql {
  return sql(`EXISTS (
    SELECT 1 FROM (
      SELECT r.building_code, r.room FROM residence_registrations r
      WHERE r.id_number = ${a}.id_number AND r.status = 'ACTIVE' ORDER BY r.registered_on DESC LIMIT 1
    ) cur
    WHERE NOT EXISTS (
      SELECT 1 FROM households h WHERE h.household_no = ${a}.household_no AND h.building_code = cur.building_code AND h.room = cur.room))`);
}

/** The police part of a person's tags: 户籍 elsewhere for FLOATING_POPULATION, age for the others. */
export function tagPoliceParts(a: string, tags: readonly Tag[], today: string): Sql[] {
  const parts: Sql[] = [];
  for (const tag of tags) {
    const { age } = TAG_CATALOG[tag];
    if (tag === Tag.FLOATING_POPULATION) parts.push(sql(`${a}.household_no IS NULL`));
    if (age) parts.push(...ageBetween(a, age.min ?? null, age.below === undefined ? null : age.below - 1, today));
  }
  return parts;
}

/** Everything police can decide about one person for these criteria (tags: their police parts). */
export function personCriteria(a: string, c: SearchCriteria, area: AreaMatch | null, today: string): Sql {
  const parts: Sql[] = [];
  if (area) parts.push(inBuildings(a, area));
  if (c.name) parts.push(nameMatches(a, c.name));
  parts.push(...ageBetween(a, c.minAge, c.maxAge, today));
  if (c.livesAwayFromRegisteredAddress !== null) {
    const away = livesAway(a);
    parts.push(c.livesAwayFromRegisteredAddress ? away : sql(`NOT ${away.text}`, ...away.values));
  }
  parts.push(...tagPoliceParts(a, c.tags, today));
  return and(parts);
}
