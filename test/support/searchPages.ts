import type { GraphQLResponse } from './http';

type QueryFn = <D = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<D>>;
export type SearchRoot = 'searchPersons' | 'searchHouseholds';

export interface Collected {
  ids: string[];
  totalCount: number;
  pages: number;
}

/**
 * Follows a search's cursors to its end and returns every node id in order. Fails the test on any
 * error, on a page whose totalCount differs from the first, or after `maxPages`.
 */
export async function collectAll(q: QueryFn, root: SearchRoot, filter: Record<string, unknown>, first = 100, maxPages = 200): Promise<Collected> {
  const query = `query($filter: SearchFilter, $first: Int, $after: String) {
    ${root}(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let pages = 1; pages <= maxPages; pages++) {
    const res: GraphQLResponse = await q(query, { filter, first, after });
    if (res.errors) throw new Error(`${root} ${JSON.stringify(filter)}: ${JSON.stringify(res.errors)}`);
    const conn = res.data![root];
    if (totalCount >= 0 && conn.totalCount !== totalCount) throw new Error(`totalCount changed between pages: ${totalCount} → ${conn.totalCount}`);
    totalCount = conn.totalCount;
    for (const e of conn.edges) ids.push(e.node.id);
    if (!conn.pageInfo.hasNextPage) return { ids, totalCount, pages };
    after = conn.pageInfo.endCursor;
  }
  throw new Error(`${root} did not end within ${maxPages} pages`);
}

/**
 * The department caller of the search tests: a police officer on a case, who may use every filter
 * and see every tag. (Not civil affairs and not an emergency: the access-log tests assume no such
 * records but their own in the shared log.)
 */
export const INVESTIGATOR = { role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-2026-0511' } as const;
