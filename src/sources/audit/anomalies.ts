import type { Knex } from 'knex';

export type AnomalyKind = 'BULK_LOOKUP' | 'REPEATED_REFUSALS' | 'OFF_HOURS' | 'RARE_PURPOSE' | 'MISS_BUDGET_EXCEEDED';

/** A pattern worth an auditor's look, with the records behind it (sequence numbers). */
export interface AnomalyRow {
  kind: AnomalyKind;
  subject: string;
  role: string;
  description: string;
  seqs: number[];
}

export interface AnomalyThresholds {
  /** Distinct residents one principal may touch within one hour before it is flagged. */
  residentsPerHour: number;
  /** Refused or empty lookups (missing / out of scope) one principal may make in the window. */
  refusals: number;
  /** Share of a role's records below which a purpose counts as rare for that role. */
  rarePurposeShare: number;
  /** A role needs this many records in the window before rarity means anything. */
  rarePurposeMinRecords: number;
  /** Working hours, China time, Monday to Friday: [start, end). */
  workdayStartHour: number;
  workdayEndHour: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  residentsPerHour: 200, refusals: 5, rarePurposeShare: 0.05, rarePurposeMinRecords: 20, workdayStartHour: 7, workdayEndHour: 20,
};

/** Outside working hours, China time: before start, from end on, or at the weekend. */
const OFF_HOURS = `(extract(hour FROM occurred_at AT TIME ZONE 'Asia/Shanghai') < ? OR extract(hour FROM occurred_at AT TIME ZONE 'Asia/Shanghai') >= ?
                   OR extract(isodow FROM occurred_at AT TIME ZONE 'Asia/Shanghai') > 5)`;
const MAX_RECORDS = 100;

/**
 * Finds, in [from, to): principals touching an unusual number of distinct residents in an hour,
 * repeated refused or empty (missing / out-of-scope) lookups, access outside working hours,
 * purposes a role rarely uses, and — from the first such record on — principals refused for having
 * spent their miss budget (a lookup oracle being tried). Five aggregate queries, whatever the log's size.
 */
export async function findAnomalies(db: Knex, from: string, to: string, t: AnomalyThresholds): Promise<AnomalyRow[]> {
  const window = [from, to];
  const [bulk, refused, offHours, rare, missBudget] = await Promise.all([
    db.raw(
      `SELECT subject, role, date_trunc('hour', occurred_at) AS hour, count(DISTINCT r)::int AS residents,
              (array_agg(DISTINCT seq ORDER BY seq))[1:${MAX_RECORDS}] AS seqs
         FROM access_log, unnest(residents) r
        WHERE occurred_at >= ? AND occurred_at < ?
        GROUP BY 1, 2, 3 HAVING count(DISTINCT r) > ? ORDER BY 4 DESC`,
      [...window, t.residentsPerHour],
    ),
    db.raw(
      `SELECT subject, role, count(*)::int AS attempts, (array_agg(seq ORDER BY seq))[1:${MAX_RECORDS}] AS seqs
         FROM access_log
        WHERE occurred_at >= ? AND occurred_at < ? AND (outcome = 'REFUSED' OR misses > 0)
        GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY 3 DESC`,
      [...window, t.refusals],
    ),
    db.raw(
      `SELECT subject, role, count(*)::int AS records, (array_agg(seq ORDER BY seq))[1:${MAX_RECORDS}] AS seqs
         FROM access_log WHERE occurred_at >= ? AND occurred_at < ? AND ${OFF_HOURS}
        GROUP BY 1, 2 ORDER BY 3 DESC`,
      [...window, t.workdayStartHour, t.workdayEndHour],
    ),
    db.raw(
      `WITH per_role AS (SELECT role, count(*) AS n FROM access_log WHERE occurred_at >= ? AND occurred_at < ? GROUP BY role)
       SELECT l.subject, l.role, l.purpose, count(*)::int AS records, max(p.n)::int AS role_records,
              (array_agg(l.seq ORDER BY l.seq))[1:${MAX_RECORDS}] AS seqs
         FROM access_log l JOIN per_role p USING (role)
        WHERE l.occurred_at >= ? AND l.occurred_at < ? AND l.purpose IS NOT NULL AND p.n >= ?
          AND (SELECT count(*) FROM access_log x WHERE x.role = l.role AND x.purpose = l.purpose AND x.occurred_at >= ? AND x.occurred_at < ?) < p.n * ?::numeric
        GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
      [...window, ...window, t.rarePurposeMinRecords, ...window, t.rarePurposeShare],
    ),
    db.raw(
      `SELECT subject, role, count(*)::int AS attempts, (array_agg(seq ORDER BY seq))[1:${MAX_RECORDS}] AS seqs
         FROM access_log
        WHERE occurred_at >= ? AND occurred_at < ? AND outcome = 'REFUSED' AND refusal = 'MISS_BUDGET_EXCEEDED'
        GROUP BY 1, 2 ORDER BY 3 DESC`,
      window,
    ),
  ]);
  const seqs = (a: unknown[]) => a.map(Number);
  return [
    ...bulk.rows.map((r: any) => ({ kind: 'BULK_LOOKUP' as const, subject: r.subject, role: r.role, seqs: seqs(r.seqs),
      description: `${r.residents} distinct residents within the hour starting ${new Date(r.hour).toISOString()}` })),
    ...refused.rows.map((r: any) => ({ kind: 'REPEATED_REFUSALS' as const, subject: r.subject, role: r.role, seqs: seqs(r.seqs),
      description: `${r.attempts} refused or empty lookups (missing or out of scope)` })),
    ...offHours.rows.map((r: any) => ({ kind: 'OFF_HOURS' as const, subject: r.subject, role: r.role, seqs: seqs(r.seqs),
      description: `${r.records} requests outside working hours (${t.workdayStartHour}:00–${t.workdayEndHour}:00 Mon–Fri, China time)` })),
    ...rare.rows.map((r: any) => ({ kind: 'RARE_PURPOSE' as const, subject: r.subject, role: r.role, seqs: seqs(r.seqs),
      description: `purpose ${r.purpose} is rare for ${r.role} (${r.records} of the role's ${r.role_records} records)` })),
    ...missBudget.rows.map((r: any) => ({ kind: 'MISS_BUDGET_EXCEEDED' as const, subject: r.subject, role: r.role, seqs: seqs(r.seqs),
      description: `${r.attempts} requests refused after too many lookups found nothing (a lookup oracle may be being tried)` })),
  ];
}
