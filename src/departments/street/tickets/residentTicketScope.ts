import type { Knex } from 'knex';
import type { Context } from '../../../schema/context';
import { runSql } from '../../../sources/runSql';
import { residentHouseholdId } from './residentHousehold';
import type { TicketRow } from './ticketRows';

/**
 * Which tickets a resident reaches: those about their own household as a whole (no person named)
 * and those about them. A ticket about another member of the household — one that member reported,
 * or one a department filed about them (a health follow-up, a record check, a dispute) — is that
 * member's: a resident's row scope is their own file (`OWN_FILE`), so the other members neither
 * list it, nor act on it, nor learn of it through `repeatOf` or `repeatCount`.
 */
export interface ResidentTicketScope {
  householdId: string;
  personId: string;
}

/** The calling resident's ticket scope, or null (not a resident, or no household found). */
export async function residentTicketScope(ctx: Context): Promise<ResidentTicketScope | null> {
  if (ctx.access.principal.role !== 'RESIDENT') return null;
  const householdId = await residentHouseholdId(ctx);
  return householdId ? { householdId, personId: ctx.access.principal.subject.toLowerCase() } : null;
}

/** Whether the resident of `scope` reaches this ticket. */
export function residentReaches(scope: ResidentTicketScope | null, row: Pick<TicketRow, 'household_id' | 'person_id'>): boolean {
  return scope !== null && row.household_id === scope.householdId && (row.person_id === null || row.person_id === scope.personId);
}

/**
 * SQL (for `WHERE`) limiting tickets of the resident's household to those the resident reaches;
 * `$n` is the resident's hub id. `alias` names the tickets table.
 */
export function residentPersonSql(n: number, alias = 'tickets'): string {
  return `(${alias}.person_id IS NULL OR ${alias}.person_id = $${n}::uuid)`;
}

/**
 * For a resident: `rows` with `repeat_of` cleared where the earlier ticket is not one they reach
 * (it would confirm that another member asked for the same item within 30 days). Others: unchanged.
 */
export async function withoutForeignRepeats(ctx: Context, db: Knex, rows: TicketRow[]): Promise<TicketRow[]> {
  if (ctx.access.principal.role !== 'RESIDENT') return rows;
  const scope = await residentTicketScope(ctx);
  const earlier = [...new Set(rows.map((r) => r.repeat_of).filter((id): id is string => id !== null))];
  if (!earlier.length) return rows;
  const found = await runSql<Pick<TicketRow, 'id' | 'household_id' | 'person_id'>>(db,
    'SELECT id, household_id, person_id FROM tickets WHERE id = ANY($1::uuid[])', [earlier]);
  const reached = new Set(found.filter((r) => residentReaches(scope, r)).map((r) => r.id));
  return rows.map((r) => (r.repeat_of === null || reached.has(r.repeat_of) ? r : { ...r, repeat_of: null }));
}
