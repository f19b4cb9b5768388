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
 * - `none`: roles without resident access (auditors, admins).
 */
export type RowScope =
  | { kind: 'all' }
  | { kind: 'grids'; gridIds: readonly string[] }
  | { kind: 'self'; hubId: string }
  | { kind: 'none' };

/** A scope made concrete for SQL: building codes, or the resident's own ID number. */
export type ResolvedScope =
  | { kind: 'all' }
  | { kind: 'buildings'; buildingCodes: string[] }
  | { kind: 'person'; idNumber: string | null }
  | { kind: 'none' };

/**
 * Resolves a scope once per request (memoised): grids become their buildings, a resident's hub id
 * becomes their ID number, both read from the hub's own database.
 */
export function scopeResolver(hub: Knex, scope: RowScope): () => Promise<ResolvedScope> {
  let resolved: Promise<ResolvedScope> | undefined;
  return () => {
    resolved ??= (async (): Promise<ResolvedScope> => {
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
      }
    })();
    return resolved;
  };
}
