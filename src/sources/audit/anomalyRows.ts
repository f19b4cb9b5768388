/**
 * What the anomaly statement (./anomalies.ts) answers, in an auditor's words: the kinds, the
 * thresholds and their defaults, and the rows turned into described anomalies, in kind order.
 */

export type AnomalyKind = 'BULK_LOOKUP' | 'REPEATED_REFUSALS' | 'OFF_HOURS' | 'RARE_PURPOSE' | 'MISS_BUDGET_EXCEEDED' | 'UNBOUND_TICKET_READ';

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

/** Where `findAnomalies` takes its figures from (tests compare the two). */
export interface AnomalySource {
  /**
   * true (default): whole UTC hours of the window from the hourly counts the append maintains
   * (access_log_hourly), the partial hours at its edges from the records; false: every figure
   * from the records.
   */
  hourlyCounts: boolean;
}

/** The statement's rows as anomalies, ordered by kind, each with its description. */
export function toAnomalies(rows: unknown[], t: AnomalyThresholds): AnomalyRow[] {
  const order: AnomalyKind[] = ['BULK_LOOKUP', 'REPEATED_REFUSALS', 'OFF_HOURS', 'RARE_PURPOSE', 'MISS_BUDGET_EXCEEDED', 'UNBOUND_TICKET_READ'];
  const byKind = (rows as any[]).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return byKind.map((r: any): AnomalyRow => {
    const base = { kind: r.kind as AnomalyKind, subject: r.subject, role: r.role, seqs: ((r.seqs ?? []) as unknown[]).map(Number) };
    switch (r.kind as AnomalyKind) {
      case 'BULK_LOOKUP':
        return { ...base, description: `${r.n} distinct residents within the hour starting ${new Date(r.hour).toISOString()}` };
      case 'REPEATED_REFUSALS':
        return { ...base, description: `${r.n} refused or empty lookups (missing or out of scope)` };
      case 'OFF_HOURS':
        return { ...base, description: `${r.n} requests outside working hours (${t.workdayStartHour}:00–${t.workdayEndHour}:00 Mon–Fri, China time)` };
      case 'RARE_PURPOSE':
        return { ...base, description: `purpose ${r.purpose} is rare for ${r.role} (${r.n} of the role's ${r.total} records)` };
      case 'UNBOUND_TICKET_READ':
        return { ...base, description: `${r.n} reads under a ticket purpose naming no open ticket of the caller's department` };
      case 'MISS_BUDGET_EXCEEDED':
        return { ...base, description: `${r.n} requests refused after too many lookups found nothing (a lookup oracle may be being tried)` };
    }
  });
}
