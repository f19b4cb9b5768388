import type { Knex } from 'knex';
import { runSql } from '../../sources/runSql';
import type { VisitOutcome } from './needCatalog';
import { membersInScope, type VisitScope } from '../../sources/visitScope';

/**
 * The street database's rows and the SQL that reads them (no GraphQL here: this is the module's
 * source part, like src/sources/<department>/). Households and persons are hub ids.
 */
export interface VisitRow {
  id: string;
  household_id: string;
  grid_id: string;
  community_code: string;
  visited_at: Date;
  recorded_at: Date;
  staff_subject: string;
  purpose: string;
  outcome: VisitOutcome;
  lives_alone_confirmed: boolean | null;
  occupants: number | null;
  address_mismatch: boolean | null;
  note: string | null;
  needs: string[];
  request_id: string;
  idempotency_key: string;
  payload_hash: string;
  /** Hub ids of the members met (aggregated from visit_members). */
  members_met: string[];
}

export const VISIT_COLUMNS = `v.id, v.household_id, v.grid_id, v.community_code, v.visited_at, v.recorded_at, v.staff_subject, v.purpose, v.outcome,
  v.lives_alone_confirmed, v.occupants, v.address_mismatch, v.note, v.needs, v.request_id, v.idempotency_key, v.payload_hash,
  coalesce((SELECT array_agg(m.person_id::text ORDER BY m.person_id) FROM visit_members m WHERE m.visit_id = v.id), '{}') AS members_met`;

/** A position in a household's visits, newest first: (visited_at, id) of the last visit seen. */
export interface VisitCursor {
  visitedAt: string;
  id: string;
}

/**
 * Up to `limit` visits of each household, newest first, after `cursor` when given: one statement
 * for the whole list of households (a page of search results costs one query, not one per household).
 */
export async function visitsOfHouseholds(db: Knex, householdIds: readonly string[], limit: number, cursor: VisitCursor | null): Promise<VisitRow[]> {
  const after = cursor ? 'AND (v.visited_at, v.id) < ($3::timestamptz, $4::uuid)' : '';
  return runSql<VisitRow>(db, `
    SELECT ${VISIT_COLUMNS} FROM unnest($1::uuid[]) AS h(id)
    CROSS JOIN LATERAL (
      SELECT * FROM visits v WHERE v.household_id = h.id ${after} ORDER BY v.visited_at DESC, v.id DESC LIMIT $2
    ) v ORDER BY v.household_id, v.visited_at DESC, v.id DESC`,
  cursor ? [householdIds, limit, cursor.visitedAt, cursor.id] : [householdIds, limit]);
}

/**
 * Each person's latest visit at which they were met (none: no row), of the visits `scope` may
 * learn of (sources/visitScope.ts): for a street worker the latest made in their grids (a visit made
 * elsewhere, e.g. before the person moved into their grids, is not theirs to read); for a
 * ticket-bound request the latest made at the ticket's household.
 */
export async function lastVisitsOfPersons(db: Knex, personIds: readonly string[], scope: VisitScope = { kind: 'all' }): Promise<Array<VisitRow & { person_id: string }>> {
  const inScope = membersInScope(scope, 'm', 2);
  return runSql(db, `
    SELECT p.id::text AS person_id, ${VISIT_COLUMNS} FROM unnest($1::uuid[]) AS p(id)
    CROSS JOIN LATERAL (SELECT m.visit_id FROM visit_members m WHERE m.person_id = p.id ${inScope.sql} ORDER BY m.visited_at DESC, m.visit_id DESC LIMIT 1) last
    JOIN visits v ON v.id = last.visit_id`, [personIds, ...inScope.params]);
}

/** The visit a staff member wrote with this idempotency key, if any (read inside the write's transaction). */
export async function visitByKey(trx: Knex.Transaction, staffSubject: string, idempotencyKey: string): Promise<VisitRow | null> {
  const { rows } = await trx.raw(`SELECT ${VISIT_COLUMNS} FROM visits v WHERE v.staff_subject = ? AND v.idempotency_key = ?`, [staffSubject, idempotencyKey]);
  return (rows[0] as VisitRow | undefined) ?? null;
}

/** Whether a visit with this id is committed (read on a connection of its own, outside any open transaction). */
export async function visitExists(db: Knex, id: string): Promise<boolean> {
  const { rows } = await db.raw('SELECT 1 FROM visits WHERE id = ?', [id]);
  return rows.length > 0;
}

/** What `insertVisit` writes. */
export type NewVisit = Omit<VisitRow, 'recorded_at' | 'members_met'> & { members_met: readonly string[] };

/**
 * Inserts a visit and its members met inside `trx`, unless the staff member already used the
 * idempotency key: then nothing is inserted and false is returned. A concurrent insert with the same
 * key waits on the unique index until the other transaction ends, so two retries never both insert.
 */
export async function insertVisit(trx: Knex.Transaction, v: NewVisit): Promise<boolean> {
  const { rows } = await trx.raw(`
    INSERT INTO visits (id, household_id, grid_id, community_code, visited_at, staff_subject, purpose, outcome, lives_alone_confirmed,
                        occupants, address_mismatch, note, needs, request_id, idempotency_key, payload_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?)
    ON CONFLICT ON CONSTRAINT visits_idempotency DO NOTHING RETURNING id`,
  [v.id, v.household_id, v.grid_id, v.community_code, v.visited_at, v.staff_subject, v.purpose, v.outcome, v.lives_alone_confirmed,
    v.occupants, v.address_mismatch, v.note, v.needs as string[], v.request_id, v.idempotency_key, v.payload_hash]);
  if (rows.length === 0) return false;
  if (v.members_met.length) {
    await trx.raw('INSERT INTO visit_members (visit_id, person_id, visited_at, grid_id) SELECT ?, m, ?, ? FROM unnest(?::uuid[]) AS m', [v.id, v.visited_at, v.grid_id, v.members_met as string[]]);
  }
  return true;
}

/** Visits since `since` that found nobody of the household living there or other people (人户不符), newest first. */
export async function notLivingHereVisits(db: Knex, since: Date, limit: number, cursor: VisitCursor | null): Promise<VisitRow[]> {
  const after = cursor ? 'AND (v.visited_at, v.id) < ($3::timestamptz, $4::uuid)' : '';
  return runSql<VisitRow>(db, `
    SELECT ${VISIT_COLUMNS} FROM visits v
    WHERE (v.outcome = 'NOT_LIVING_HERE' OR v.address_mismatch) AND v.visited_at >= $1::timestamptz ${after}
    ORDER BY v.visited_at DESC, v.id DESC LIMIT $2`, cursor ? [since.toISOString(), limit, cursor.visitedAt, cursor.id] : [since.toISOString(), limit]);
}
