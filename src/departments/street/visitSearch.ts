import type { Databases } from '../../db/databases';
import { guarded } from '../../sources/keyedLoader';
import { runSql } from '../../sources/runSql';
import type { VisitFilter } from '../../sources/search/criteria';
import { membersInScope, visitsInScope, type VisitScope } from '../../sources/visitScope';

const DAY_MS = 86_400_000;

async function hubIds(dbs: Databases, table: 'person_index' | 'household_index', column: 'id_number' | 'household_no', keys: readonly string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  // person_index.id_number is char(18): compared as bpchar so its index serves (as text, every row
  // of the index would be cast and scanned).
  const type = column === 'id_number' ? 'bpchar' : 'text';
  const rows = await guarded('hub', () => runSql<{ id: string; key: string }>(dbs.hub, `SELECT id::text AS id, ${column} AS key FROM ${table} WHERE ${column} = ANY($1::${type}[])`, [[...new Set(keys)]]));
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Of these households, those whose latest visit in `scope` had `outcome`. */
async function lastOutcomeIs(dbs: Databases, householdIds: readonly string[], outcome: string, scope: VisitScope): Promise<Set<string>> {
  if (!householdIds.length) return new Set();
  const inScope = visitsInScope(scope, 'v', 3);
  const rows = await guarded('street office', () => runSql<{ id: string }>(dbs.street, `
    SELECT h.id::text AS id FROM unnest($1::uuid[]) AS h(id)
    CROSS JOIN LATERAL (SELECT v.outcome FROM visits v WHERE v.household_id = h.id ${inScope.sql} ORDER BY v.visited_at DESC, v.id DESC LIMIT 1) last
    WHERE last.outcome = $2`, [householdIds, outcome, ...inScope.params]));
  return new Set(rows.map((r) => r.id));
}

/**
 * The person candidates (kept in their order) that pass the visit filter: not met at any visit in
 * the last `notMetSinceDays` days, and/or whose registered household's latest visit had
 * `lastOutcome`, counting only the visits of `f.scope` (a street worker's grids, a ticket's
 * household: sources/visitScope.ts). One hub and one street statement per condition, whatever the number
 * of candidates.
 */
export async function personsByVisits<C extends { id_number: string; household_no: string | null }>(dbs: Databases, candidates: C[], f: VisitFilter, now: Date): Promise<C[]> {
  let kept = candidates;
  if (f.notMetSinceDays !== null) {
    const ids = await hubIds(dbs, 'person_index', 'id_number', kept.map((c) => c.id_number));
    const since = new Date(now.getTime() - f.notMetSinceDays * DAY_MS).toISOString();
    const inScope = membersInScope(f.scope, 'm', 3);
    const met = await guarded('street office', () => runSql<{ id: string }>(dbs.street,
      `SELECT DISTINCT m.person_id::text AS id FROM visit_members m WHERE m.person_id = ANY($1::uuid[]) AND m.visited_at >= $2::timestamptz ${inScope.sql}`, [[...ids.values()], since, ...inScope.params]));
    const recently = new Set(met.map((r) => r.id));
    kept = kept.filter((c) => !recently.has(ids.get(c.id_number) ?? ''));
  }
  if (f.lastOutcome !== null) {
    const ids = await hubIds(dbs, 'household_index', 'household_no', kept.flatMap((c) => (c.household_no ? [c.household_no] : [])));
    const match = await lastOutcomeIs(dbs, [...ids.values()], f.lastOutcome, f.scope);
    kept = kept.filter((c) => c.household_no !== null && match.has(ids.get(c.household_no) ?? ''));
  }
  return kept;
}

/**
 * The household candidates (kept in their order) that pass the visit filter: no visit that met
 * anyone in the last `notMetSinceDays` days, and/or a latest visit with `lastOutcome`, of the
 * visits in `f.scope`.
 */
export async function householdsByVisits<C extends { row: { household_no: string } }>(dbs: Databases, candidates: C[], f: VisitFilter, now: Date): Promise<C[]> {
  const ids = await hubIds(dbs, 'household_index', 'household_no', candidates.map((c) => c.row.household_no));
  let kept = candidates;
  if (f.notMetSinceDays !== null) {
    const since = new Date(now.getTime() - f.notMetSinceDays * DAY_MS).toISOString();
    const inScope = visitsInScope(f.scope, 'v', 3);
    const met = await guarded('street office', () => runSql<{ id: string }>(dbs.street,
      `SELECT DISTINCT v.household_id::text AS id FROM visits v WHERE v.household_id = ANY($1::uuid[]) AND v.visited_at >= $2::timestamptz AND v.outcome = 'MET' ${inScope.sql}`, [[...ids.values()], since, ...inScope.params]));
    const recently = new Set(met.map((r) => r.id));
    kept = kept.filter((c) => !recently.has(ids.get(c.row.household_no) ?? ''));
  }
  if (f.lastOutcome !== null) {
    const match = await lastOutcomeIs(dbs, kept.map((c) => ids.get(c.row.household_no)).filter((x): x is string => !!x), f.lastOutcome, f.scope);
    kept = kept.filter((c) => match.has(ids.get(c.row.household_no) ?? ''));
  }
  return kept;
}
