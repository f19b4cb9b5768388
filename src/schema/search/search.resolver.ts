import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { recordFilterMatches } from '../../policy/disclosureLog';
import type { Context } from '../context';
import { identitySpine } from '../../departments/spine';
import type { SearchPage } from '../../sources/search/criteria';
import { HouseholdConnection, PageInfo, PersonConnection } from './connection.types';
import { CursorKind, decodeCursor, encodeCursor } from './cursor';
import { checkPageSize, DEFAULT_PAGE_SIZE, disclosedByFilter, MAX_PAGE_SIZE, toCriteria } from './searchCriteria';
import { connectionSelection } from './nodeSelection';
import { prefetchPageMembers } from './pagePrefetch';
import { SearchFilter } from './searchFilter.input';

/** The page ends at its last row found (so paging moves on even past a row that could not be shown). */
function pageInfo(kind: CursorKind, found: SearchPage<{ search_key: string }>): PageInfo {
  const last = found.rows.at(-1);
  return { hasNextPage: found.hasNextPage, endCursor: last ? encodeCursor(kind, last.search_key) : null };
}

/**
 * Household and person search (issue 5). Results are built like every other file, by the identity spine: persons
 * through `personsFromRows` (opaque hub ids from the person index), households through
 * `householdByNumber` (the household index), so each node carries a hub id, is decided by the same
 * policy and recorded by the access log. Street staff reach only their grids: the row scope is in
 * the search queries themselves.
 */
@Resolver()
export class SearchResolver {
  @Query(() => PersonConnection, {
    nullable: false,
    description: `Persons matching the filter, in a stable order, ${DEFAULT_PAGE_SIZE} per page by default and at most ${MAX_PAGE_SIZE}.`,
  })
  async searchPersons(
    @Arg('filter', () => SearchFilter, { nullable: true }) filter: SearchFilter | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PersonConnection> {
    const page = { first: checkPageSize(first), after: after ? decodeCursor('person', after) : null };
    const criteria = toCriteria(filter, 'person', ctx.access);
    const found = await ctx.loaders.search.persons(criteria, page);
    const selection = connectionSelection(info);
    if (!selection.edges) return { totalCount: found.totalCount, edges: [], pageInfo: pageInfo('person', found) };
    const spine = identitySpine();
    spine.preparePersonPage(ctx, found.rows, selection.nodeFields);
    const persons = await spine.personsFromRows(ctx, found.rows);
    const disclosed = disclosedByFilter(filter, 'person');
    recordFilterMatches(ctx.audit, persons, disclosed);
    const keyOf = new Map(found.rows.map((r) => [r.id_number, r.search_key]));
    const edges = persons.map((node) => ({ cursor: encodeCursor('person', keyOf.get(node.identity.id_number)!), node }));
    return { totalCount: found.totalCount, edges, pageInfo: pageInfo('person', found) };
  }

  @Query(() => HouseholdConnection, {
    nullable: false,
    description: `Registered households (户籍户) matching the filter, in a stable order, ${DEFAULT_PAGE_SIZE} per page by default and at most ${MAX_PAGE_SIZE}.`,
  })
  async searchHouseholds(
    @Arg('filter', () => SearchFilter, { nullable: true }) filter: SearchFilter | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HouseholdConnection> {
    const page = { first: checkPageSize(first), after: after ? decodeCursor('household', after) : null };
    const criteria = toCriteria(filter, 'household', ctx.access);
    const found = await ctx.loaders.search.households(criteria, page);
    const selection = connectionSelection(info);
    if (!selection.edges) return { totalCount: found.totalCount, edges: [], pageInfo: pageInfo('household', found) };
    const spine = identitySpine();
    spine.prepareHouseholdPage(ctx, found.rows, selection.nodeFields);
    prefetchPageMembers(ctx, found, selection);
    const households = await Promise.all(found.rows.map((r) => spine.householdByNumber(ctx, r.household_no)));
    const edges = households.flatMap((node, i) => (node ? [{ cursor: encodeCursor('household', found.rows[i].search_key), node }] : []));
    const disclosed = disclosedByFilter(filter, 'household');
    recordFilterMatches(ctx.audit, edges.map((e) => e.node), disclosed);
    return { totalCount: found.totalCount, edges, pageInfo: pageInfo('household', found) };
  }
}
