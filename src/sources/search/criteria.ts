import type { Tag } from '../../tags/tag';
import type { VisitScope } from '../visitScope';

/**
 * A search, normalised and validated by the schema layer, as the sources execute it. No GraphQL
 * here: this is what a department query needs to know.
 */

/** A name typed in 汉字 (matched as a prefix of the name) or in pinyin (full or initials, prefix). */
export type NameQuery = { kind: 'hanzi'; text: string } | { kind: 'pinyin'; text: string };

/** Where: grids, communities and address text, resolved by the hub to buildings (and a room prefix). */
export interface AreaFilter {
  gridIds: readonly string[];
  communityCodes: readonly string[];
  /** Part of a building address from the standard address library, e.g. `南池子大街12号院3号楼`. */
  buildingText: string | null;
  /** Start of a room within those buildings, e.g. `2单元`. */
  roomPrefix: string | null;
}

/** An area resolved to buildings: who lives (registered or actually) in one of them, in a matching room. */
export interface AreaMatch {
  buildingCodes: string[];
  roomPrefix: string | null;
}

export interface SearchCriteria {
  area: AreaFilter | null;
  name: NameQuery | null;
  /** Age range in whole years on `ageDay`, inclusive. */
  minAge: number | null;
  maxAge: number | null;
  /**
   * The day ages are reckoned on (`YYYY-MM-DD`), for the age range and the age part of tags: today,
   * or 1 January for a caller who may not read birth dates (policy/ageDay.ts).
   */
  ageDay: string;
  livesAwayFromRegisteredAddress: boolean | null;
  tags: readonly Tag[];
  /** Conditions on the street office's visits (issue 16), answered by the street database. */
  visits?: VisitFilter | null;
}

/** Not met at a visit for this many days (households: no visit that met anyone); the latest visit's outcome. */
export interface VisitFilter {
  notMetSinceDays: number | null;
  lastOutcome: string | null;
  /**
   * The visits the conditions count: a street worker's grids', a ticket's household's, or all
   * (sources/visitScope.ts) — a visit the caller may not read must not move a result in
   * or out of their search either.
   */
  scope: VisitScope;
}

/** Keyset paging: the page size and the search key after which the page starts. */
export interface PageRequest {
  first: number;
  after: number | null;
}

/** One page of a search: rows in search-key order, the total number of matches, and whether more follow. */
export interface SearchPage<R> {
  totalCount: number;
  rows: R[];
  hasNextPage: boolean;
  /**
   * A household page found by a tag check: the registered members of the page's households as the
   * police candidates listed them (ID number, birth date), so the page can start its members' and
   * tags' reads one wave earlier (src/schema/search/pagePrefetch.ts). Absent on other pages.
   */
  pageMembers?: ReadonlyArray<{ id_number: string; birth_date: string; household_no: string | null }>;
}
