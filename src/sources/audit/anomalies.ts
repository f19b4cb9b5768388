import type { Knex } from 'knex';
import { type AnomalyRow, type AnomalySource, type AnomalyThresholds, toAnomalies } from './anomalyRows';

export { DEFAULT_THRESHOLDS } from './anomalyRows';
export type { AnomalyKind, AnomalyRow, AnomalySource, AnomalyThresholds } from './anomalyRows';

/** Refusals of a read under a ticket purpose that named no open ticket of the caller's department (issue 17). */
const UNBOUND_TICKET = "l.outcome = 'REFUSED' AND l.refusal IN ('TICKET_BINDING_REQUIRED', 'TICKET_NOT_BOUND')";

const MAX_RECORDS = 100;

const HOUR = 3600_000;

/**
 * Finds, in [from, to): principals touching an unusual number of distinct residents in an hour,
 * repeated refused or empty (missing / out-of-scope) lookups, access outside working hours,
 * purposes a role rarely uses, and — from the first such record on — principals refused for having
 * spent their miss budget (a lookup oracle being tried), and reads under a ticket purpose that named no
 * open ticket of the caller's department (UNBOUND_TICKET_READ, from a partial index: they are rare). Each anomaly carries the first 100 of the
 * records behind it (by sequence number).
 *
 * Cost: one statement. The figures come from the hourly counts the append maintains (one row per
 * hour, principal and purpose — a day is a few thousand rows whatever the traffic), plus the records
 * of the partial hours at the window's edges; only then are records read, and only for what was
 * flagged (through the (subject, occurred_at) index). So the cost grows with the principals active in
 * the window and with what it finds, not with the records in it, nor with the log outside it.
 */
export async function findAnomalies(db: Knex, from: string, to: string, t: AnomalyThresholds, source: AnomalySource = { hourlyCounts: true }): Promise<AnomalyRow[]> {
  const { sql, bindings } = anomalyStatement(from, to, t, source);
  const { rows } = await db.raw(sql, bindings);
  return toAnomalies(rows, t);
}

/**
 * The window split at whole UTC hours: [from, h1) and [h2, to) are partial hours read from the
 * records, [h1, h2) whole hours read from the counts (empty when the window holds no whole hour,
 * or when `hourlyCounts` is off).
 */
export function splitWindow(from: string, to: string, hourlyCounts: boolean): { h1: string; h2: string } {
  const f = Date.parse(from);
  const t = Date.parse(to);
  if (!hourlyCounts) return { h1: new Date(t).toISOString(), h2: new Date(t).toISOString() };
  const h1 = Math.min(Math.ceil(f / HOUR) * HOUR, t);
  const h2 = Math.max(Math.floor(t / HOUR) * HOUR, h1);
  return { h1: new Date(h1).toISOString(), h2: new Date(h2).toISOString() };
}

/**
 * China time's hour (0–23) and ISO weekday (1 = Monday) of the timestamptz expression `ts`, as SQL:
 * plain arithmetic on the epoch at UTC+8 (China has kept that offset, without daylight saving,
 * since 1991), several times cheaper per row than `AT TIME ZONE 'Asia/Shanghai'`. Day 0 of the epoch
 * was a Thursday (ISO weekday 4).
 */
export const chinaHour = (ts: string) => `(floor((extract(epoch FROM ${ts}) + 28800) / 3600)::bigint % 24)`;
export const chinaIsoDow = (ts: string) => `((floor((extract(epoch FROM ${ts}) + 28800) / 86400)::bigint + 3) % 7 + 1)`;

/**
 * The one statement `findAnomalies` runs (exported for the benchmark's EXPLAIN). `b` holds the
 * window's figures per (UTC hour, subject, role, purpose): the counts' rows for the whole hours and
 * the records of the edges grouped the same way (the same GROUP BY the append's trigger runs).
 * Every pattern is an aggregate over `b`; a China-time hour and weekday are those of the UTC hour
 * (whole-hour offset). Distinct residents are counted (unnest) only for the principal-hours whose
 * records name more residents in total than the threshold — normally none —, and the records behind
 * each flag are the first 100 of that principal's in the window that match it, read through the
 * (subject, occurred_at) index.
 */
export function anomalyStatement(from: string, to: string, t: AnomalyThresholds, source: AnomalySource = { hourlyCounts: true }): { sql: string; bindings: Array<string | number> } {
  const { h1, h2 } = splitWindow(from, to, source.hourlyCounts);
  const grouped = (where: string) => `SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, subject, role, purpose, count(*)::int AS records,
              count(*) FILTER (WHERE outcome = 'REFUSED' OR misses > 0)::int AS refused_or_empty,
              count(*) FILTER (WHERE outcome = 'REFUSED' AND refusal = 'MISS_BUDGET_EXCEEDED')::int AS miss_budget,
              coalesce(sum(residents_named), 0)::bigint AS residents_named
         FROM access_log WHERE ${where} GROUP BY 1, 2, 3, 4`;
  const offHours = (ts: string) => `(${chinaHour(ts)} < :startHour OR ${chinaHour(ts)} >= :endHour OR ${chinaIsoDow(ts)} > 5)`;
  // Aggregated then cut, not ORDER BY seq LIMIT: with a LIMIT the planner may walk the whole log in
  // seq order looking for a principal's few records.
  const records = (condition: string) => `(SELECT (array_agg(l.seq ORDER BY l.seq))[1:${MAX_RECORDS}] FROM access_log l
           WHERE l.subject = g.subject AND l.role = g.role AND l.occurred_at >= :from AND l.occurred_at < :to AND ${condition})`;
  const named: Record<string, string | number> = {
    from, to, h1, h2, residentsPerHour: t.residentsPerHour, minRecords: t.rarePurposeMinRecords, share: t.rarePurposeShare,
    refusals: t.refusals, startHour: t.workdayStartHour, endHour: t.workdayEndHour,
  };
  const sql = `WITH b AS MATERIALIZED (
       SELECT hour, subject, role, purpose, records, refused_or_empty, miss_budget, residents_named
         FROM access_log_hourly WHERE hour >= :h1 AND hour < :h2
       UNION ALL ${grouped('occurred_at >= :from AND occurred_at < :h1')}
       UNION ALL ${grouped('occurred_at >= :h2 AND occurred_at < :to')}),
     busy_hours AS (SELECT subject, role, hour FROM b GROUP BY subject, role, hour HAVING sum(residents_named) > :residentsPerHour),
     per_role AS (SELECT role, sum(records) AS n FROM b GROUP BY role),
     rare AS (
       SELECT b.role, b.purpose, max(p.n) AS role_records FROM b JOIN per_role p USING (role)
        WHERE b.purpose IS NOT NULL AND p.n >= :minRecords
        GROUP BY b.role, b.purpose HAVING sum(b.records) < max(p.n) * :share::numeric),
     flagged AS (
       SELECT 'REPEATED_REFUSALS' AS kind, subject, role, NULL::text AS purpose, sum(refused_or_empty)::int AS n, 0 AS total
         FROM b GROUP BY subject, role HAVING sum(refused_or_empty) >= :refusals
       UNION ALL
       SELECT 'OFF_HOURS', subject, role, NULL, sum(records)::int, 0
         FROM b WHERE ${offHours('hour')} GROUP BY subject, role
       UNION ALL
       SELECT 'MISS_BUDGET_EXCEEDED', subject, role, NULL, sum(miss_budget)::int, 0
         FROM b GROUP BY subject, role HAVING sum(miss_budget) > 0
       UNION ALL
       SELECT 'UNBOUND_TICKET_READ', l.subject, l.role, NULL, count(*)::int, 0
         FROM access_log l WHERE l.occurred_at >= :from AND l.occurred_at < :to AND ${UNBOUND_TICKET} GROUP BY l.subject, l.role
       UNION ALL
       SELECT 'RARE_PURPOSE', b.subject, b.role, b.purpose, sum(b.records)::int, max(rare.role_records)::int
         FROM b JOIN rare USING (role, purpose) GROUP BY b.subject, b.role, b.purpose)
     SELECT 'BULK_LOOKUP' AS kind, l.subject, l.role, NULL::text AS purpose, bh.hour,
            count(DISTINCT r)::int AS n, 0 AS total, (array_agg(DISTINCT l.seq ORDER BY l.seq))[1:${MAX_RECORDS}] AS seqs
       FROM busy_hours bh
       JOIN access_log l ON l.subject = bh.subject AND l.role = bh.role AND l.occurred_at >= bh.hour AND l.occurred_at < bh.hour + interval '1 hour'
                        AND l.occurred_at >= :from AND l.occurred_at < :to,
            unnest(l.residents) r
      GROUP BY l.subject, l.role, bh.hour HAVING count(DISTINCT r) > :residentsPerHour
     UNION ALL
     SELECT g.kind, g.subject, g.role, g.purpose, NULL, g.n, g.total,
            CASE g.kind
              WHEN 'REPEATED_REFUSALS' THEN ${records("(l.outcome = 'REFUSED' OR l.misses > 0)")}
              WHEN 'OFF_HOURS' THEN ${records(offHours('l.occurred_at'))}
              WHEN 'UNBOUND_TICKET_READ' THEN ${records(UNBOUND_TICKET)}
              WHEN 'MISS_BUDGET_EXCEEDED' THEN ${records("l.outcome = 'REFUSED' AND l.refusal = 'MISS_BUDGET_EXCEEDED'")}
              ELSE ${records('l.purpose = g.purpose')}
            END
       FROM flagged g
     ORDER BY 1, 6 DESC, 2, 4`;
  // knex's named bindings (:name) become positional ones in order.
  const bindings: Array<string | number> = [];
  const positional = sql.replace(/:(\w+)/g, (match, name: string, offset: number) => {
    if (sql[offset - 1] === ':' || !(name in named)) return match;
    bindings.push(named[name]);
    return '?';
  });
  return { sql: positional, bindings };
}
