import type { RowScope } from './rowScope';

/**
 * Which of the street office's visits a request may learn anything from (read them, or filter by
 * them), decided from its row scope:
 * - street staff (`grids`): the visits made in their grids only. A resident of their grid may have
 *   been met in another grid (where they lived before): what that grid's worker found there is not
 *   theirs, through `Person.lastVisit` nor through a search filter that counts it.
 * - a ticket-bound request (`household`, TICKET_HANDLING): the visits made at the ticket's
 *   household only; a member's visit at another household is outside the ticket.
 * - everyone else (`all`): department roles city-wide, a resident their own visits wherever made
 *   (their row scope already limits whose).
 */
export type VisitScope =
  | { kind: 'all' }
  | { kind: 'grids'; gridIds: readonly string[] }
  | { kind: 'household'; householdId: string };

/** The visit scope of a row scope (see VisitScope). */
export function visitScopeOf(scope: RowScope): VisitScope {
  if (scope.kind === 'grids') return { kind: 'grids', gridIds: scope.gridIds };
  if (scope.kind === 'household') return { kind: 'household', householdId: scope.householdId };
  return { kind: 'all' };
}

/** A key naming the scope, for per-scope loaders. */
export function visitScopeKey(scope: VisitScope): string {
  if (scope.kind === 'grids') return `g:${scope.gridIds.join(',')}`;
  if (scope.kind === 'household') return `h:${scope.householdId}`;
  return '*';
}

/**
 * The SQL condition limiting rows of `visits` (alias `v`, which has grid_id and household_id) to
 * the scope, with its parameter numbered `$n`; '' and no parameter for `all`.
 */
export function visitsInScope(scope: VisitScope, alias: string, n: number): { sql: string; params: unknown[] } {
  if (scope.kind === 'grids') return { sql: `AND ${alias}.grid_id = ANY($${n}::text[])`, params: [[...scope.gridIds]] };
  if (scope.kind === 'household') return { sql: `AND ${alias}.household_id = $${n}::uuid`, params: [scope.householdId] };
  return { sql: '', params: [] };
}

/**
 * The same for rows of `visit_members` (alias `m`, which has grid_id but not household_id): a
 * household scope asks the member's visit (`visits`) for its household.
 */
export function membersInScope(scope: VisitScope, alias: string, n: number): { sql: string; params: unknown[] } {
  if (scope.kind === 'grids') return { sql: `AND ${alias}.grid_id = ANY($${n}::text[])`, params: [[...scope.gridIds]] };
  if (scope.kind === 'household') {
    return { sql: `AND EXISTS (SELECT 1 FROM visits sv WHERE sv.id = ${alias}.visit_id AND sv.household_id = $${n}::uuid)`, params: [scope.householdId] };
  }
  return { sql: '', params: [] };
}
