import type { Knex } from 'knex';
import { guarded } from '../../sources/keyedLoader';
import { runSql } from '../../sources/runSql';
import type { FigureCell } from './ticketFigureGroups';
import { OPEN_STATUSES } from './tickets/ticketStates';

/** The tickets a figures query may count: the caller's grids (street staff) or department (its apps). */
export interface FigureScope {
  gridIds?: readonly string[];
  department?: string;
}

const CLOSED = ['RESOLVED', 'CONFIRMED', 'RATED'];

/**
 * Counts the parts of the figures (ticketFigures.ts, COUNT_DEFINITIONS) per grid, community,
 * department and month (China time) of receipt, for tickets received in [from, to) within the
 * scope, as they stand at `asOf`: one statement over the street database's `tickets`, whatever the
 * period's size. Cells without tickets are absent.
 */
export async function ticketFigureCells(db: Knex, window: { from: string; to: string; months: readonly string[] }, asOf: Date, scope: FigureScope): Promise<FigureCell[]> {
  const { from, to, months } = window;
  // Month of receipt by bucket over the months' first instants: cheaper per row than formatting in a time zone.
  const starts = months.map((m) => `${m}-01T00:00:00+08:00`);
  const started = 'least(accepted_at, resolved_at)';
  const rows = await guarded('street office', () => runSql<Record<string, string>>(db, `
    SELECT grid_id, community_code, department, width_bucket(received_at, $8::timestamptz[]) AS month,
      count(*) AS received,
      count(*) FILTER (WHERE status = ANY($4::text[])) AS open,
      count(*) FILTER (WHERE status = ANY($4::text[]) AND close_due_at < $3::timestamptz) AS overdue,
      count(*) FILTER (WHERE solved_on_spot) AS solved_on_spot,
      count(*) FILTER (WHERE ${started} IS NOT NULL OR start_due_at < $3::timestamptz) AS start_due,
      count(*) FILTER (WHERE ${started} <= start_due_at) AS started_on_time,
      count(*) FILTER (WHERE transferred_at IS NOT NULL) AS transferred,
      count(*) FILTER (WHERE transferred_at <= transfer_due_at) AS transferred_on_time,
      count(*) FILTER (WHERE status = ANY($5::text[])) AS closed,
      count(*) FILTER (WHERE status = ANY($5::text[]) OR close_due_at < $3::timestamptz) AS close_due,
      count(*) FILTER (WHERE status = ANY($5::text[]) AND reopen_count = 0 AND resolved_at <= close_due_at) AS closed_on_time,
      count(*) FILTER (WHERE repeat_of IS NOT NULL) AS repeats,
      count(*) FILTER (WHERE resolved_at IS NOT NULL) AS ever_resolved,
      count(*) FILTER (WHERE reopen_count > 0) AS second_complaints,
      count(*) FILTER (WHERE NOT solved_on_spot AND (${started} IS NOT NULL OR received_at + interval '24 hours' < $3::timestamptz)) AS routed,
      count(*) FILTER (WHERE NOT solved_on_spot AND ${started} <= received_at + interval '24 hours') AS responded,
      count(rating) AS rated,
      coalesce(sum(rating), 0) AS rating_sum
    FROM tickets
    WHERE received_at >= $1::timestamptz AND received_at < $2::timestamptz
      AND ($6::text[] IS NULL OR grid_id = ANY($6::text[]))
      AND ($7::text IS NULL OR department = $7::text)
    GROUP BY 1, 2, 3, 4`,
  [from, to, asOf.toISOString(), OPEN_STATUSES, CLOSED, scope.gridIds ?? null, scope.department ?? null, starts]));
  return rows.map((r) => ({
    gridId: r.grid_id, communityCode: r.community_code, department: r.department, month: months[Number(r.month) - 1],
    received: Number(r.received), open: Number(r.open), overdue: Number(r.overdue), solvedOnSpot: Number(r.solved_on_spot),
    startDue: Number(r.start_due), startedOnTime: Number(r.started_on_time), transferred: Number(r.transferred), transferredOnTime: Number(r.transferred_on_time),
    closed: Number(r.closed), closeDue: Number(r.close_due), closedOnTime: Number(r.closed_on_time), repeats: Number(r.repeats),
    everResolved: Number(r.ever_resolved), secondComplaints: Number(r.second_complaints), routed: Number(r.routed), responded: Number(r.responded),
    rated: Number(r.rated), ratingSum: Number(r.rating_sum),
  }));
}
