import type { Knex } from 'knex';
import { runSql } from './runSql';

/**
 * Which residents a request may reach, applied inside the police identity queries (the one
 * authority for where a person is registered and lives), so an out-of-scope person or household
 * is never fetched and looks exactly like a missing one.
 *
 * - `all`: department staff, city-wide.
 * - `grids`: street staff; residents registered or actively living in a building of these grids.
 * - `self`: a resident; only their own person record (and their own household's record).
 * - `household`: one household and its registered members — a read under a purpose bound to a
 *   ticket (TICKET_HANDLING) reaches only the household the ticket is about.
 * - `none`: roles without resident access (auditors, admins).
 */
export type RowScope =
  | { kind: 'all' }
  | { kind: 'grids'; gridIds: readonly string[] }
  | { kind: 'self'; hubId: string }
  | { kind: 'household'; householdId: string }
  | { kind: 'none' };

/** A scope made concrete for SQL: building codes, or the resident's own ID number. */
export type ResolvedScope =
  | { kind: 'all' }
  | { kind: 'buildings'; buildingCodes: string[] }
  | { kind: 'person'; idNumber: string | null }
  | { kind: 'household'; householdNo: string | null }
  | { kind: 'none' };

const scopeKeys = new WeakMap<ResolvedScope, string>();

/**
 * A text that is equal for two resolved scopes only when they select the same rows (their kind and
 * values), once per scope object: row-scoped reads of different requests share a statement only
 * under equal keys (src/sources/sharedWaves.ts). Scopes equal in meaning but built differently
 * may get different keys (they then just do not share), never the reverse.
 */
export function scopeKeyOf(scope: ResolvedScope): string {
  let key = scopeKeys.get(scope);
  if (key === undefined) {
    key = JSON.stringify(scope);
    scopeKeys.set(scope, key);
  }
  return key;
}

/**
 * Resolves a scope once per request (memoised, on first use): grids become their buildings, a
 * resident's hub id their ID number, a household's hub id its number, read from the hub's own database.
 */
export function scopeResolver(hub: Knex, scopeOf: RowScope | (() => RowScope)): () => Promise<ResolvedScope> {
  let resolved: Promise<ResolvedScope> | undefined;
  return () => {
    resolved ??= (async (): Promise<ResolvedScope> => {
      // Read when first needed: a purpose check may narrow the request's scope before any read.
      const scope = typeof scopeOf === 'function' ? scopeOf() : scopeOf;
      switch (scope.kind) {
        case 'all':
        case 'none':
          return scope;
        case 'grids': {
          const rows = await runSql<{ code: string }>(hub, 'SELECT code FROM buildings WHERE grid_id = ANY($1::text[])', [scope.gridIds]);
          return { kind: 'buildings', buildingCodes: rows.map((r) => r.code) };
        }
        case 'self': {
          const [row] = await runSql<{ id_number: string }>(hub, 'SELECT id_number FROM person_index WHERE id = $1::uuid', [scope.hubId]);
          return { kind: 'person', idNumber: row?.id_number ?? null };
        }
        case 'household': {
          const [row] = await runSql<{ household_no: string }>(hub, 'SELECT household_no FROM household_index WHERE id = $1::uuid', [scope.householdId]);
          return { kind: 'household', householdNo: row?.household_no ?? null };
        }
      }
    })();
    return resolved;
  };
}
