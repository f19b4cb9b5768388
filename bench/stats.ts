/** Small statistics helpers for the benchmarks: order statistics over samples, and number formatting. */

/** The q-quantile (0..1) of `samples` by nearest rank on a sorted copy; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of `samples`. */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** `value` with `digits` decimals, or `n/a` when it is not a finite number. */
export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** A ratio printed as `1.23×`. */
export function ratio(value: number): string {
  return `${fmt(value, 2)}×`;
}

/** Bytes as mebibytes, e.g. `142 MiB`. */
export function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/** Fisher–Yates shuffle in place with a seeded generator (mulberry32), so runs are repeatable. */
export function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
