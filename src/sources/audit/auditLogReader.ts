import type { Knex } from 'knex';
import { AccessLogFilter, pageAccessLog, pageResidentLog, recordsBySeq, residentClaimAnswers, summarizeAccessLog, SummaryGrouping } from './accessLogSource';
import { AnomalyThresholds, findAnomalies } from './anomalies';
import { cancellableRead } from './cancellableRead';
import { settledAnomaliesOf } from './settledWindows';

/**
 * Read access to the access log for one request (auditors' and residents' queries), on `db` — the
 * serving set's `auditReads` pool — each read in its own read-only transaction, cancelled in the
 * database when `signal` aborts (see cancellableRead).
 */
export function createAuditLogReader(db: Knex, signal?: AbortSignal) {
  const run = <T>(read: (trx: Knex.Transaction) => Promise<T>) => cancellableRead(db, signal, read);
  return {
    page: (filter: AccessLogFilter, first: number, afterSeq: number | null) => run((trx) => pageAccessLog(trx, filter, first, afterSeq)),
    summarize: (groupBy: SummaryGrouping, from: string, to: string) => run((trx) => summarizeAccessLog(trx, groupBy, from, to)),
    /** Settled windows' anomalies are kept per pool (see SettledAnomalies): they can no longer change. */
    anomalies: (from: string, to: string, thresholds: AnomalyThresholds) =>
      settledAnomaliesOf(db).get(from, to, thresholds, () => run((trx) => findAnomalies(trx, from, to, thresholds))),
    recordsBySeq: (seqs: readonly number[]) => run((trx) => recordsBySeq(trx, seqs)),
    residentPage: (hubId: string, householdId: string | null, first: number, afterSeq: number | null) =>
      run((trx) => pageResidentLog(trx, hubId, householdId, first, afterSeq)),
    /** The resident's own verification answers kept beside these records (myAccessLog only). */
    residentClaimAnswers: (hubId: string, seqs: readonly number[]) => run((trx) => residentClaimAnswers(trx, hubId, seqs)),
  };
}

export type AuditLogReader = ReturnType<typeof createAuditLogReader>;
