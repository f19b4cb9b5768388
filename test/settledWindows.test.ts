import { AnomalyRow, DEFAULT_THRESHOLDS } from '../src/sources/audit/anomalies';
import { isSettled, SETTLED_AFTER_MS, SettledAnomalies } from '../src/sources/audit/settledWindows';

const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const row = (subject: string): AnomalyRow => ({ kind: 'OFF_HOURS', subject, role: 'POLICE_OFFICER', description: 'x', seqs: [1, 2, 3] });

function counting(result: AnomalyRow[]) {
  const scan = jest.fn(async () => result.map((a) => ({ ...a, seqs: [...a.seqs] })));
  return scan;
}

describe('anomalies of settled windows', () => {
  it('counts a window as settled only once no record can be appended into it any more', () => {
    expect(isSettled(new Date(NOW - SETTLED_AFTER_MS).toISOString(), NOW)).toBe(true);
    expect(isSettled(new Date(NOW - SETTLED_AFTER_MS + 1).toISOString(), NOW)).toBe(false);
    expect(isSettled(new Date(NOW + 3600_000).toISOString(), NOW)).toBe(false);
  });

  it('scans a settled window once per thresholds, and hands out copies the caller cannot spoil', async () => {
    const cache = new SettledAnomalies();
    const scan = counting([row('a')]);
    const from = '2026-11-27T16:00:00.000Z';
    const to = '2026-11-28T16:00:00.000Z';
    const first = await cache.get(from, to, DEFAULT_THRESHOLDS, scan, NOW);
    first[0].seqs.push(99);
    const second = await cache.get(from, to, DEFAULT_THRESHOLDS, scan, NOW);
    expect(scan).toHaveBeenCalledTimes(1);
    expect(second).toEqual([row('a')]);
    await cache.get(from, to, { ...DEFAULT_THRESHOLDS, refusals: 2 }, scan, NOW);
    await cache.get('2026-11-27T16:00:00.001Z', to, DEFAULT_THRESHOLDS, scan, NOW);
    expect(scan).toHaveBeenCalledTimes(3);
  });

  it('scans a window that may still grow every time', async () => {
    const cache = new SettledAnomalies();
    const scan = counting([row('b')]);
    const to = new Date(NOW - 60_000).toISOString();
    for (let i = 0; i < 3; i++) await cache.get('2026-11-29T00:00:00.000Z', to, DEFAULT_THRESHOLDS, scan, NOW);
    expect(scan).toHaveBeenCalledTimes(3);
    expect(cache.size).toBe(0);
  });

  it('keeps a bounded number of windows, dropping the least recently used', async () => {
    const cache = new SettledAnomalies();
    const scan = counting([]);
    const day = (d: number) => [new Date(Date.UTC(2026, 0, 1 + d)).toISOString(), new Date(Date.UTC(2026, 0, 2 + d)).toISOString()] as const;
    for (let d = 0; d < 70; d++) await cache.get(...day(d), DEFAULT_THRESHOLDS, scan, NOW);
    expect(cache.size).toBe(64);
    await cache.get(...day(69), DEFAULT_THRESHOLDS, scan, NOW);
    expect(scan).toHaveBeenCalledTimes(70);
    await cache.get(...day(0), DEFAULT_THRESHOLDS, scan, NOW);
    expect(scan).toHaveBeenCalledTimes(71);
  });
});
