import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { claimSummary, verifiedClaims } from '../../claims/claimSummary';
import { writeSummary } from '../../audit/writeSummary';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { RecordedDecision } from '../../audit/accessRecord';
import { recordFromRow } from '../../audit/accessRecordRow';
import { BadInputError } from '../../errors';
import { parseHubId } from '../ids';
import { identitySpine } from '../../departments/spine';
import { DEFAULT_THRESHOLDS } from '../../sources/audit/anomalies';
import type { Context } from '../context';
import { AccessLogFilterInput } from './accessLog.args';
import {
  AccessAnomaly, AccessRecordConnection, AccessRecordEntry, AccessSummaryGrouping, AccessSummaryRow, ResidentAccessConnection,
} from './accessRecord.type';
import { decodeSeqCursor, encodeSeqCursor } from './seqCursor';
import { selectedSubfields } from './selectedSubfields';

/** Largest page of the access log. */
export const MAX_LOG_PAGE = 100;
const DAY = 24 * 3600_000;

function pageSize(first: number): number {
  if (first > MAX_LOG_PAGE) throw new BadInputError('PAGE_SIZE_TOO_LARGE', `At most ${MAX_LOG_PAGE} records per page.`, { argument: 'first', max: MAX_LOG_PAGE });
  if (!Number.isInteger(first) || first < 1) throw new BadInputError('INVALID_PAGE_SIZE', 'first must be at least 1.', { argument: 'first' });
  return first;
}

/** Maps a stored row to what auditors see: the record as written, plus its place in the chain. */
export function toEntry(row: Record<string, any>): AccessRecordEntry {
  const record = recordFromRow(row);
  return {
    ...record,
    // The column keeps the purpose's reference: a case number, or a SERVICE_APPLICATION's service item.
    caseNumber: record.purpose === 'SERVICE_APPLICATION' ? null : record.caseNumber,
    serviceItem: record.purpose === 'SERVICE_APPLICATION' ? record.caseNumber : null,
    seq: String(row.seq),
    occurredAt: new Date(record.occurredAt),
    disclosures: record.disclosures.map((g) => ({ subjects: g.subjects, allowed: g.ALLOW, masked: g.MASK, denied: g.DENY, failed: g.FAILED ?? [] })),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function window(from?: Date, to?: Date): [string, string] {
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - 7 * DAY);
  if (start >= end) throw new BadInputError('BAD_TIME_RANGE', '`from` must be before `to`.');
  return [start.toISOString(), end.toISOString()];
}

/**
 * The access log's read side. Auditors (accessLog, accessLogSummary, accessAnomalies; see the
 * root rules in schema/buildSchema.ts) read records but no resident data; residents (myAccessLog)
 * read the entries about themselves, without the staff member's identity and without covert
 * CASE_INVESTIGATION records.
 */
@Resolver()
export class AccessLogResolver {
  @Query(() => AccessRecordConnection, { nullable: false, description: 'Access records, newest first, filtered and cursor-paged. Auditors only.' })
  async accessLog(
    @Arg('filter', () => AccessLogFilterInput, { nullable: true }) filter: AccessLogFilterInput | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<AccessRecordConnection> {
    const f = filter ?? {};
    if (f.decision && !['ALLOW', 'MASK', 'DENY', 'FAILED'].includes(f.decision)) throw new BadInputError('INVALID_FILTER', 'decision must be ALLOW, MASK, DENY or FAILED.', { argument: 'filter.decision' });
    const residentId = f.residentId ? parseHubId(f.residentId, 'person') : undefined;
    const { rows, hasNextPage, totalCount } = await ctx.loaders.auditLog.page(
      { ...f, residentId, decision: f.decision as RecordedDecision | undefined, from: f.from?.toISOString(), to: f.to?.toISOString() },
      pageSize(first),
      after ? decodeSeqCursor(after) : null,
    );
    const edges = rows.map((row) => ({ cursor: encodeSeqCursor(Number(row.seq)), node: toEntry(row) }));
    return { totalCount, edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => [AccessSummaryRow], { nullable: false, description: 'Totals per principal, purpose or day (China time) over a window (default: the last 7 days). Auditors only.' })
  async accessLogSummary(
    @Arg('groupBy', () => AccessSummaryGrouping, { nullable: false }) groupBy: AccessSummaryGrouping,
    @Arg('from', () => DateTimeISOResolver, { nullable: true }) from: Date | undefined,
    @Arg('to', () => DateTimeISOResolver, { nullable: true }) to: Date | undefined,
    @Ctx() ctx: Context,
  ): Promise<AccessSummaryRow[]> {
    const rows = await ctx.loaders.auditLog.summarize(groupBy, ...window(from, to));
    return rows.map((r) => ({ key: r.key, records: r.records, residents: r.residents, refused: r.refused, withDenials: r.with_denials }));
  }

  @Query(() => [AccessAnomaly], { nullable: false, description: 'Bulk lookups, repeated refused or out-of-scope attempts, off-hours access and rare purposes, each with its records. Auditors only.' })
  async accessAnomalies(
    @Arg('from', () => DateTimeISOResolver, { nullable: true }) from: Date | undefined,
    @Arg('to', () => DateTimeISOResolver, { nullable: true }) to: Date | undefined,
    @Arg('residentsPerHour', () => Int, { nullable: true, defaultValue: DEFAULT_THRESHOLDS.residentsPerHour }) residentsPerHour: number,
    @Arg('refusals', () => Int, { nullable: true, defaultValue: DEFAULT_THRESHOLDS.refusals }) refusals: number,
    @Arg('workdayStartHour', () => Int, { nullable: true, defaultValue: DEFAULT_THRESHOLDS.workdayStartHour, description: 'China time, Monday to Friday.' }) workdayStartHour: number,
    @Arg('workdayEndHour', () => Int, { nullable: true, defaultValue: DEFAULT_THRESHOLDS.workdayEndHour }) workdayEndHour: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccessAnomaly[]> {
    if (residentsPerHour < 1 || refusals < 1) throw new BadInputError('BAD_THRESHOLD', 'Thresholds must be positive.');
    if (!(workdayStartHour >= 0 && workdayStartHour < workdayEndHour && workdayEndHour <= 24)) {
      throw new BadInputError('BAD_THRESHOLD', 'Working hours must satisfy 0 <= workdayStartHour < workdayEndHour <= 24.');
    }
    const anomalies = await ctx.loaders.auditLog.anomalies(...window(from, to), {
      ...DEFAULT_THRESHOLDS, residentsPerHour, refusals, workdayStartHour, workdayEndHour,
    });
    // The records behind the anomalies are read only when more than their sequence numbers is asked for
    // (a dashboard listing the anomalies needs no record bodies: up to 100 per anomaly).
    const wanted = selectedSubfields(info, 'records');
    if (wanted === null || [...wanted].every((f) => f === 'seq' || f === '__typename')) {
      return anomalies.map((a) => ({
        kind: a.kind, subject: a.subject, role: a.role, description: a.description, records: wanted ? a.seqs.map((s) => ({ seq: String(s) }) as AccessRecordEntry) : [],
      }));
    }
    const records = await ctx.loaders.auditLog.recordsBySeq([...new Set(anomalies.flatMap((a) => a.seqs))]);
    const bySeq = new Map(records.map((r) => [Number(r.seq), toEntry(r)]));
    return anomalies.map((a) => ({ kind: a.kind, subject: a.subject, role: a.role, description: a.description, records: a.seqs.map((s) => bySeq.get(s)!).filter(Boolean) }));
  }

  @Query(() => ResidentAccessConnection, { nullable: false, description: 'Who looked at your own file, when and why: department and role, not the staff member. Residents only.' })
  async myAccessLog(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<ResidentAccessConnection> {
    const scope = ctx.access.rowScope;
    if (scope.kind !== 'self') return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const self = scope.hubId;
    // Reads of the resident's registered household (its address, its number) are about them too.
    const me = await identitySpine().personByHubId(ctx, self);
    const household = me?.identity.household_no ? await ctx.loaders.hub.householdIndexByNumber.load(me.identity.household_no) : null;
    const mine = new Set([self, ...(household ? [household.id] : [])]);
    const { rows, hasNextPage } = await ctx.loaders.auditLog.residentPage(self, household?.id ?? null, pageSize(first), after ? decodeSeqCursor(after) : null);
    // The answers of the resident's own verifications, kept beside the records for them alone (never in the chain).
    const verifications = rows.filter((r) => r.purpose === 'SERVICE_APPLICATION').map((r) => Number(r.seq));
    const answers = await ctx.loaders.auditLog.residentClaimAnswers(self, verifications);
    const edges = rows.map((row) => {
      const mineAnswered = answers.get(Number(row.seq)) ?? null;
      const groups = (row.disclosures as Array<Record<string, string[]>>).filter((g) => g.subjects.some((s) => mine.has(s)));
      const fields = groups.flatMap((g) => (['ALLOW', 'MASK', 'DENY'] as const).flatMap((d) => g[d].map((field) => ({ field, decision: d }))));
      return {
        cursor: encodeSeqCursor(Number(row.seq)),
        node: {
          occurredAt: new Date(row.occurred_at), department: row.department, role: row.role, purpose: row.purpose, fields,
          action: row.outcome === 'WRITTEN' ? 'WROTE' : 'READ',
          summary: row.outcome === 'WRITTEN'
            ? writeSummary(row.department, fields.map((f) => f.field))
            : row.purpose === 'SERVICE_APPLICATION' ? claimSummary(row.department, row.role, row.case_number, fields.filter((f) => f.decision === 'ALLOW').map((f) => f.field), mineAnswered) : null,
          claims: row.purpose === 'SERVICE_APPLICATION' ? verifiedClaims(fields.filter((f) => f.decision === 'ALLOW').map((f) => f.field), mineAnswered) : [],
        },
      };
    });
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
