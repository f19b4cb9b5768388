import type { Databases } from '../../db/databases';
import { Tag } from '../../tags/tag';
import type { ResolvedScope } from '../rowScope';
import type { PageRequest, SearchCriteria, SearchPage } from './criteria';
import type { SpineHit, SpineHouseholdRow, SpinePersonRow } from '../../departments/identity';
import { identitySearch, searchVisits, spineDatabase } from '../../departments/spine';
import { guarded } from '../keyedLoader';
import { MAX_FEDERATED_CANDIDATES, requireNarrowing, resolveArea, tooBroad } from './searchGuards';
import { federatedTags, householdsCarrying, pageOf, personsCarrying } from './tagFederation';
import type { TagLoaders } from './tagLoaders';

export { MAX_AREA_BUILDINGS, MAX_FEDERATED_CANDIDATES } from './searchGuards';

const EMPTY: SearchPage<never> = { totalCount: 0, rows: [], hasNextPage: false };

/**
 * A page that the identity spine answers alone: the count first, then (when anything matches)
 * `first + 1` rows after the cursor, read with a plan chosen by the count (its FEW_MATCHES).
 */
function countedPage<R>(source: string, page: PageRequest, count: () => Promise<number>, read: (matches: number) => Promise<R[]>): Promise<SearchPage<R>> {
  return guarded(source, async () => {
    const totalCount = await count();
    if (totalCount === 0) return EMPTY;
    const rows = await read(totalCount);
    return { totalCount, rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  });
}

/**
 * The federated search, per request and bound to the caller's row scope. The identity spine
 * (src/departments/identity.ts; police, authoritative for identity and addresses) produces the candidates, with the row scope, area, name, age and
 * 人户分离 applied in SQL; tags another department answers are then checked in one batched
 * `= ANY($1)` query per department, and joined here. Round trips per search are bounded
 * (hub ≤ 2, police ≤ 2, civil ≤ 1, health ≤ 1) whatever the page size; no SQL spans databases.
 * A department asked about every tag it answers primes `tagLoaders` (the request's) for the
 * returned page's persons, so the page's own tag fields do not ask it again. Without such tags
 * police count, then page in SQL (keyset on search_key; a page of few matches is collected and
 * sorted rather than walked, see FEW_MATCHES). Household candidates come with their household row,
 * so a household page costs no extra query.
 */
export function createSearchSource(dbs: Databases, scope: () => Promise<ResolvedScope>, tagLoaders?: TagLoaders) {
  // Planned per call, for the values (src/db/planModes.ts); the department pool reuses generic plans.
  const { source, persons, households } = identitySearch();
  const db = spineDatabase(dbs, 'search');
  return {
    async persons(c: SearchCriteria, page: PageRequest): Promise<SearchPage<SpineHit<SpinePersonRow>>> {
      const resolved = await scope();
      requireNarrowing(resolved, c);
      if (resolved.kind === 'none') return EMPTY;
      const area = await resolveArea(dbs.hub, c);
      if (area && area.buildingCodes.length === 0) return EMPTY;
      const today = c.ageDay;
      const where = persons.where(resolved, c, area, today);
      const tags = federatedTags(c.tags);
      if (tags.length === 0 && !c.visits) {
        return countedPage(source, page, () => persons.count(db, where), (matches) => persons.page(db, where, page.after, page.first + 1, matches));
      }
      const candidates = await guarded(source, () => persons.candidates(db, where, MAX_FEDERATED_CANDIDATES + 1, false));
      if (candidates.length > MAX_FEDERATED_CANDIDATES) throw tooBroad('Too many residents match to check their tags; narrow the area or the name.');
      const carrying = await personsCarrying(dbs, candidates, tags, today, tagLoaders);
      const { primeFor } = carrying;
      const matching = c.visits ? await searchVisits().persons(dbs, carrying.matching, c.visits, new Date()) : carrying.matching;
      const { slice, hasNextPage } = pageOf(matching, page, (p) => p.search_key);
      primeFor(slice.map((p) => p.id_number));
      const rows = await guarded(source, () => persons.byIdNumbers(db, slice.map((p) => p.id_number)));
      return { totalCount: matching.length, rows, hasNextPage };
    },

    async households(c: SearchCriteria, page: PageRequest): Promise<SearchPage<SpineHit<SpineHouseholdRow>>> {
      const resolved = await scope();
      requireNarrowing(resolved, c);
      if (resolved.kind === 'none' || c.tags.includes(Tag.FLOATING_POPULATION)) return EMPTY;
      const area = await resolveArea(dbs.hub, c);
      if (area && area.buildingCodes.length === 0) return EMPTY;
      const today = c.ageDay;
      const where = households.where(resolved, c, area, today);
      const tags = federatedTags(c.tags);
      if (tags.length === 0 && !c.visits) {
        return countedPage(source, page, () => households.count(db, where), (matches) => households.page(db, where, page.after, page.first + 1, matches));
      }
      const candidates = await guarded(source, () => households.candidates(db, where, MAX_FEDERATED_CANDIDATES + 1, c.name === null));
      const members = candidates.reduce((n, c) => n + c.members.length, 0);
      if (candidates.length > MAX_FEDERATED_CANDIDATES || members > MAX_FEDERATED_CANDIDATES) {
        throw tooBroad('Too many households match to check their tags; narrow the area or the name.');
      }
      const carrying = await householdsCarrying(dbs, candidates, tags, today, tagLoaders);
      const { primeFor } = carrying;
      const matching = c.visits ? await searchVisits().households(dbs, carrying.matching, c.visits, new Date()) : carrying.matching;
      const { slice, hasNextPage } = pageOf(matching, page, (h) => h.row.search_key);
      const pageMembers = slice.flatMap((h) => h.members);
      primeFor(pageMembers.map((m) => m.id_number));
      return { totalCount: matching.length, rows: slice.map((h) => h.row), hasNextPage, pageMembers };
    },
  };
}

export type SearchSource = ReturnType<typeof createSearchSource>;
