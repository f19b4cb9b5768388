import type { Knex } from 'knex';
import { AccessLogFilter, pageAccessLog, pageResidentLog, recordsBySeq, summarizeAccessLog, SummaryGrouping } from './accessLogSource';
import { AnomalyThresholds, findAnomalies } from './anomalies';

/** Read access to the access log for one request (auditors' and residents' queries). */
export function createAuditLogReader(db: Knex) {
  return {
    page: (filter: AccessLogFilter, first: number, afterSeq: number | null) => pageAccessLog(db, filter, first, afterSeq),
    summarize: (groupBy: SummaryGrouping, from: string, to: string) => summarizeAccessLog(db, groupBy, from, to),
    anomalies: (from: string, to: string, thresholds: AnomalyThresholds) => findAnomalies(db, from, to, thresholds),
    recordsBySeq: (seqs: readonly number[]) => recordsBySeq(db, seqs),
    residentPage: (hubId: string, householdId: string | null, first: number, afterSeq: number | null) =>
      pageResidentLog(db, hubId, householdId, first, afterSeq),
  };
}

export type AuditLogReader = ReturnType<typeof createAuditLogReader>;
