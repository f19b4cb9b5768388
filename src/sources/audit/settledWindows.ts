import type { AnomalyRow, AnomalyThresholds } from './anomalies';

/**
 * How long after a window's end records may still be appended into it: the append refuses a record
 * whose time is more than 300 s from the database clock (migrations/hub, append_access_records);
 * twice that leaves room for the hub's clock to differ from the database's.
 */
export const SETTLED_AFTER_MS = 600_000;
const MAX_WINDOWS = 64;
/** Results larger than this are not kept (a month of off-hours flags can be big). */
const MAX_ANOMALIES = 1000;

/** Whether no record can be appended into a window ending at `to` any more. */
export function isSettled(to: string, now = Date.now()): boolean {
  return Date.parse(to) <= now - SETTLED_AFTER_MS;
}

/**
 * The anomalies of settled windows, by (window, thresholds), least recently used dropped first. The
 * log is append-only and a record's time is the moment it was appended, so once a window is settled
 * its records — and so its anomalies — never change: an auditor's dashboard reloading the same days
 * (or ten auditors looking at the same incident) costs one scan, not one per call. A window that may
 * still grow (ending less than SETTLED_AFTER_MS ago, or in the future) is always scanned afresh.
 * Only the anomalies (kinds, principals, sequence numbers) are kept; the records behind them are read
 * per request. One cache per access-log read pool (per hub process).
 */
export class SettledAnomalies {
  private readonly windows = new Map<string, AnomalyRow[]>();

  private static key(from: string, to: string, t: AnomalyThresholds): string {
    return JSON.stringify([Date.parse(from), Date.parse(to), t.residentsPerHour, t.refusals, t.rarePurposeShare, t.rarePurposeMinRecords, t.workdayStartHour, t.workdayEndHour]);
  }

  /** The anomalies of [from, to) under `t`: kept ones when the window is settled and was scanned before, else `scan()`'s. */
  async get(from: string, to: string, t: AnomalyThresholds, scan: () => Promise<AnomalyRow[]>, now = Date.now()): Promise<AnomalyRow[]> {
    if (!isSettled(to, now)) return scan();
    const key = SettledAnomalies.key(from, to, t);
    const kept = this.windows.get(key);
    if (kept) {
      this.windows.delete(key);
      this.windows.set(key, kept);
      return kept.map((a) => ({ ...a, seqs: [...a.seqs] }));
    }
    const found = await scan();
    if (found.length <= MAX_ANOMALIES) {
      this.windows.set(key, found.map((a) => ({ ...a, seqs: [...a.seqs] })));
      if (this.windows.size > MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value!);
    }
    return found;
  }

  get size(): number {
    return this.windows.size;
  }
}

const byPool = new WeakMap<object, SettledAnomalies>();

/** The cache of the access-log read pool `db`. */
export function settledAnomaliesOf(db: object): SettledAnomalies {
  let cache = byPool.get(db);
  if (!cache) byPool.set(db, (cache = new SettledAnomalies()));
  return cache;
}
