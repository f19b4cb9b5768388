import type { Knex } from 'knex';
import type { AccessRecord } from '../../audit/accessRecord';
import { recordFromRow } from '../../audit/accessRecordRow';

/** Writes newer than this may still be committing: reconciliation leaves them alone. */
export const RECONCILE_GRACE_SECONDS = 600;

export interface WriteReconciliation {
  /** WRITTEN street records in the window without a WRITE_FAILED twin. */
  checked: number;
  /** Request ids of WRITTEN records with no visit behind them: a WRITE_FAILED twin was appended for each. */
  completed: string[];
  /**
   * Request ids whose WRITE_FAILED twin is wrong: the visit exists (a COMMIT reported as failed took
   * effect after all). The append-only log cannot take the twin back; the resident's history hides
   * that visit, so these are for an operator (and are printed by the command).
   */
  failedButPresent: string[];
}

/**
 * Completes the access log after visit writes whose request could not record how they ended
 * (issue 16; recordVisit.ts): the street COMMIT failed and then the WRITE_FAILED append failed too,
 * or the street database was unreachable to say whether the visit was kept. For every WRITTEN record
 * of the street office appended in [since, now − grace) with no WRITE_FAILED twin and no visit
 * holding its request id, appends the twin (the WRITTEN record's facts, outcome WRITE_FAILED, same
 * request id) through `append` — the one hash-chained append. Idempotent: a second run finds
 * nothing more. A write's request id is the hub's own and names one write, so the match is exact.
 */
export async function reconcileVisitWrites(
  dbs: { hub: Knex; street: Knex },
  append: (record: AccessRecord) => Promise<number>,
  options: { since: Date; now?: Date; graceSeconds?: number },
): Promise<WriteReconciliation> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.graceSeconds ?? RECONCILE_GRACE_SECONDS) * 1000);
  const written: Array<Record<string, any>> = (await dbs.hub.raw(
    `SELECT * FROM access_log a WHERE a.outcome = 'WRITTEN' AND a.department = 'street' AND a.occurred_at >= ? AND a.occurred_at < ?
       AND NOT EXISTS (SELECT 1 FROM access_log f WHERE f.outcome = 'WRITE_FAILED' AND f.request_id = a.request_id)
     ORDER BY a.seq`, [options.since, cutoff])).rows;
  const failed: string[] = (await dbs.hub.raw(
    `SELECT request_id::text AS request_id FROM access_log WHERE outcome = 'WRITE_FAILED' AND department = 'street' AND occurred_at >= ?`, [options.since])).rows.map((r: { request_id: string }) => r.request_id);
  const ids = [...new Set([...written.map((r) => String(r.request_id)), ...failed])];
  const present = new Set<string>(ids.length ? (await dbs.street.raw('SELECT DISTINCT request_id FROM visits WHERE request_id = ANY(?)', [ids])).rows.map((r: { request_id: string }) => r.request_id) : []);
  const completed: string[] = [];
  for (const row of written) {
    if (present.has(String(row.request_id))) continue;
    await append({ ...recordFromRow(row), occurredAt: now.toISOString(), outcome: 'WRITE_FAILED', durationMs: 0 });
    completed.push(String(row.request_id));
  }
  return { checked: written.length, completed, failedButPresent: failed.filter((id) => present.has(id)) };
}
