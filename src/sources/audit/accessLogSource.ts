import type { Knex } from 'knex';
import type { RecordedDecision } from '../../audit/accessRecord';

/** Filters auditors combine; every one is optional. Times are ISO strings. */
export interface AccessLogFilter {
  subject?: string;
  role?: string;
  residentId?: string;
  department?: string;
  purpose?: string;
  decision?: RecordedDecision;
  operationName?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** Columns of a record as read back (arrays as text arrays so they compare as strings). */
export const RECORD_COLUMNS = [
  'seq', 'occurred_at', 'request_id', 'subject', 'role', 'department', 'client_app', 'purpose', 'case_number', 'operation_name',
  'document_hash', 'outcome', 'refusal', 'duration_ms', 'misses', 'disclosures', 'decisions', 'prev_hash', 'hash',
];

function selectRecords(db: Knex): Knex.QueryBuilder {
  return db('access_log').select(RECORD_COLUMNS).select(db.raw('residents::text[] AS residents'), db.raw('households::text[] AS households'));
}

function applyFilter(query: Knex.QueryBuilder, f: AccessLogFilter): Knex.QueryBuilder {
  if (f.subject) query.where('subject', f.subject);
  if (f.role) query.where('role', f.role);
  if (f.residentId) query.whereRaw('residents @> ARRAY[?]::uuid[]', [f.residentId]);
  if (f.department) query.where('department', f.department);
  if (f.purpose) query.where('purpose', f.purpose);
  if (f.decision) query.whereRaw('decisions @> ARRAY[?]::text[]', [f.decision]);
  if (f.operationName) query.where('operation_name', f.operationName);
  if (f.outcome) query.where('outcome', f.outcome);
  if (f.from) query.where('occurred_at', '>=', f.from);
  if (f.to) query.where('occurred_at', '<', f.to);
  return query;
}

/** One page of records, newest first, after the record `afterSeq` (exclusive); plus the total. */
export async function pageAccessLog(db: Knex, filter: AccessLogFilter, first: number, afterSeq: number | null) {
  const page = applyFilter(selectRecords(db), filter).orderBy('seq', 'desc').limit(first + 1);
  if (afterSeq !== null) page.where('seq', '<', afterSeq);
  const [rows, count] = await Promise.all([page, applyFilter(db('access_log').count<{ count: string }[]>('* as count'), filter)]);
  return { rows: rows.slice(0, first) as Array<Record<string, any>>, hasNextPage: rows.length > first, totalCount: Number(count[0].count) };
}

export type SummaryGrouping = 'PRINCIPAL' | 'PURPOSE' | 'DAY';

/** Record counts, distinct residents and refusals per principal, purpose or day (China time). */
export async function summarizeAccessLog(db: Knex, groupBy: SummaryGrouping, from: string, to: string) {
  const key = { PRINCIPAL: "subject || ' (' || role || ')'", PURPOSE: "coalesce(purpose, '(none)')", DAY: "to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')" }[groupBy];
  const { rows } = await db.raw(
    `SELECT ${key} AS key, count(DISTINCT seq)::int AS records, count(DISTINCT r)::int AS residents,
            count(DISTINCT seq) FILTER (WHERE outcome = 'REFUSED')::int AS refused,
            count(DISTINCT seq) FILTER (WHERE 'DENY' = ANY(decisions))::int AS with_denials
       FROM access_log LEFT JOIN LATERAL unnest(residents) r ON true
      WHERE occurred_at >= ? AND occurred_at < ? GROUP BY 1 ORDER BY 1`,
    [from, to],
  );
  return rows as Array<{ key: string; records: number; residents: number; refused: number; with_denials: number }>;
}

/** Records by sequence number, in that order. */
export async function recordsBySeq(db: Knex, seqs: readonly number[]): Promise<Array<Record<string, any>>> {
  if (!seqs.length) return [];
  return selectRecords(db).whereRaw('seq = ANY(?::bigint[])', [[...seqs]]).orderBy('seq');
}

/**
 * A resident's own entries: records that disclosed something about `hubId`, or about their
 * registered household (`householdId`) as a whole — a household record that names persons and not
 * this one (another member's ticket, another member's file read) is that member's, not theirs —
 * newest first, except those made under CASE_INVESTIGATION
 * (covert, as Estonia hides surveillance queries) and those whose client left before the
 * response was sent (ABANDONED), and writes that did not take effect (WRITE_FAILED). Fields whose source failed are kept under FAILED, which the
 * resident's view does not list as read.
 */
export async function pageResidentLog(db: Knex, hubId: string, householdId: string | null, first: number, afterSeq: number | null) {
  const query = selectRecords(db)
    .where((q) => {
      q.whereRaw('residents @> ARRAY[?]::uuid[]', [hubId]);
      // The household as a whole: a record naming other persons of it (and not this one) is theirs.
      if (householdId) q.orWhereRaw('(households @> ARRAY[?]::uuid[] AND cardinality(residents) = 0)', [householdId]);
    })
    .whereRaw("purpose IS DISTINCT FROM 'CASE_INVESTIGATION'")
    // An abandoned request's response never left: nothing of the resident's was read.
    .whereNot('outcome', 'ABANDONED')
    // A write shows only when it took effect: not its WRITE_FAILED twin, nor a WRITTEN record that has one.
    .whereNot('outcome', 'WRITE_FAILED')
    .whereRaw("NOT (outcome = 'WRITTEN' AND EXISTS (SELECT 1 FROM access_log f WHERE f.outcome = 'WRITE_FAILED' AND f.request_id = access_log.request_id))")
    .orderBy('seq', 'desc')
    .limit(first + 1);
  if (afterSeq !== null) query.where('seq', '<', afterSeq);
  const rows: Array<Record<string, any>> = await query;
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}

/**
 * The yes/no answers kept for `resident` beside these records (resident_claim_answers, issue 18):
 * sequence number → claim → answer. Only the resident's own history calls this, with their own id.
 */
export async function residentClaimAnswers(db: Knex, resident: string, seqs: readonly number[]): Promise<Map<number, Record<string, boolean>>> {
  if (!seqs.length) return new Map();
  const rows: Array<{ seq: string; answers: Record<string, boolean> }> = await db('resident_claim_answers').where({ resident }).whereRaw('seq = ANY(?::bigint[])', [[...seqs]]).select('seq', 'answers');
  return new Map(rows.map((r) => [Number(r.seq), r.answers]));
}
