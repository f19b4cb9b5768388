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

const MAX_RECORDS = 100;

/**
 * Finds, in [from, to): principals touching an unusual number of distinct residents in an hour,
 * repeated refused or empty (missing / out-of-scope) lookups, access outside working hours,
 * purposes a role rarely uses, and — from the first such record on — principals refused for having
 * spent their miss budget (a lookup oracle being tried). One statement that reads the window once (through the occurred_at
 * index) and aggregates it four ways with hash or sort aggregates: its cost grows with the
 * records in the window, never with their square (a rare purpose is judged against per-role and
 * per-role-and-purpose counts computed once, not a count per record), and not with the log
 * outside the window.
 */
export async function findAnomalies(db: Knex, from: string, to: string, t: AnomalyThresholds): Promise<AnomalyRow[]> {
  const { sql, bindings } = anomalyStatement(from, to, t);
  const { rows } = await db.raw(sql, bindings);
  return toAnomalies(rows, t);
}

/**
 * The one statement `findAnomalies` runs (exported for the benchmark's EXPLAIN). The window's
 * records are read once into `w` without their resident arrays (small enough to stay in memory),
 * with China-time hour and weekday computed once per record. Each pattern is then a hash
 * aggregate over `w`; the two that need more look only where they can hit: distinct residents are
 * counted (unnest) only for the principal-hours whose records name more residents in total than
 * the threshold — normally none — read back through the (subject, occurred_at) index; and the
 * records behind a rare purpose are gathered only for the (role, purpose) pairs that are rare.
 */
export function anomalyStatement(from: string, to: string, t: AnomalyThresholds): { sql: string; bindings: Array<string | number> } {
  return {
    sql: `WITH w AS MATERIALIZED (
       SELECT seq, subject, role, purpose, outcome, refusal, misses, date_trunc('hour', occurred_at) AS hour, residents_named AS named,
              local_hour, local_dow
         FROM access_log,
              LATERAL (SELECT occurred_at AT TIME ZONE 'Asia/Shanghai' AS local) l,
              LATERAL (SELECT extract(hour FROM l.local) AS local_hour, extract(isodow FROM l.local) AS local_dow) x
        WHERE occurred_at >= ? AND occurred_at < ?),
     busy_hours AS (SELECT subject, role, hour FROM w GROUP BY subject, role, hour HAVING sum(named) > ?),
     per_role AS (SELECT role, count(*) AS n FROM w GROUP BY role),
     rare AS (
       SELECT w.role, w.purpose, max(p.n) AS role_records FROM w JOIN per_role p USING (role)
        WHERE w.purpose IS NOT NULL AND p.n >= ?
        GROUP BY w.role, w.purpose HAVING count(*) < max(p.n) * ?::numeric)
     SELECT 'BULK_LOOKUP' AS kind, l.subject, l.role, NULL::text AS purpose, b.hour,
            count(DISTINCT r)::int AS n, 0 AS total, (array_agg(DISTINCT l.seq ORDER BY l.seq))[1:${MAX_RECORDS}] AS seqs
       FROM busy_hours b
       JOIN access_log l ON l.subject = b.subject AND l.role = b.role AND l.occurred_at >= b.hour AND l.occurred_at < b.hour + interval '1 hour'
                        AND l.occurred_at >= ? AND l.occurred_at < ?,
            unnest(l.residents) r
      GROUP BY l.subject, l.role, b.hour HAVING count(DISTINCT r) > ?
     UNION ALL
     SELECT 'REPEATED_REFUSALS', subject, role, NULL, NULL, count(*)::int, 0, (array_agg(seq ORDER BY seq))[1:${MAX_RECORDS}]
       FROM w WHERE outcome = 'REFUSED' OR misses > 0
      GROUP BY subject, role HAVING count(*) >= ?
     UNION ALL
     SELECT 'OFF_HOURS', subject, role, NULL, NULL, count(*)::int, 0, (array_agg(seq ORDER BY seq))[1:${MAX_RECORDS}]
       FROM w WHERE local_hour < ? OR local_hour >= ? OR local_dow > 5
      GROUP BY subject, role
     UNION ALL
     SELECT 'MISS_BUDGET_EXCEEDED', subject, role, NULL, NULL, count(*)::int, 0, (array_agg(seq ORDER BY seq))[1:${MAX_RECORDS}]
       FROM w WHERE outcome = 'REFUSED' AND refusal = 'MISS_BUDGET_EXCEEDED'
      GROUP BY subject, role
     UNION ALL
     SELECT 'RARE_PURPOSE', w.subject, w.role, w.purpose, NULL, count(*)::int, max(rare.role_records)::int, (array_agg(w.seq ORDER BY w.seq))[1:${MAX_RECORDS}]
       FROM w JOIN rare USING (role, purpose)
      GROUP BY w.subject, w.role, w.purpose
     ORDER BY 1, 6 DESC, 2, 4`,
    bindings: [
      from, to, t.residentsPerHour, t.rarePurposeMinRecords, t.rarePurposeShare, from, to, t.residentsPerHour, t.refusals, t.workdayStartHour, t.workdayEndHour,
    ],
  };
}

function toAnomalies(rows: unknown[], t: AnomalyThresholds): AnomalyRow[] {
  const order: AnomalyKind[] = ['BULK_LOOKUP', 'REPEATED_REFUSALS', 'OFF_HOURS', 'RARE_PURPOSE', 'MISS_BUDGET_EXCEEDED'];
  const byKind = (rows as any[]).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return byKind.map((r: any): AnomalyRow => {
    const base = { kind: r.kind as AnomalyKind, subject: r.subject, role: r.role, seqs: (r.seqs as unknown[]).map(Number) };
    switch (r.kind as AnomalyKind) {
      case 'BULK_LOOKUP':
        return { ...base, description: `${r.n} distinct residents within the hour starting ${new Date(r.hour).toISOString()}` };
      case 'REPEATED_REFUSALS':
        return { ...base, description: `${r.n} refused or empty lookups (missing or out of scope)` };
      case 'OFF_HOURS':
        return { ...base, description: `${r.n} requests outside working hours (${t.workdayStartHour}:00–${t.workdayEndHour}:00 Mon–Fri, China time)` };
      case 'RARE_PURPOSE':
        return { ...base, description: `purpose ${r.purpose} is rare for ${r.role} (${r.n} of the role's ${r.total} records)` };
      case 'MISS_BUDGET_EXCEEDED':
        return { ...base, description: `${r.n} requests refused after too many lookups found nothing (a lookup oracle may be being tried)` };
    }
  });
}
