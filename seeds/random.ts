/**
 * A small, fast, seeded PRNG (sfc32) and the sampling helpers the generator needs. Nothing in
 * `seeds/` may use `Math.random`: the same seed must give byte-identical data on every run.
 *
 * Each table or phase draws from its own stream, `new Rng(seed, 'label')`, so the order in which
 * the four database loads interleave never changes what any one of them generates.
 */

/** Mixes a label into a 32-bit seed (xmur3-style string hash, then a splitmix32 finaliser). */
export function deriveSeed(seed: number, label: string): number {
  let h = (1779033703 ^ label.length ^ Math.imul(seed | 0, 0x9e3779b9)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** sfc32 (Small Fast Counting, Chris Doty-Humphrey): 128-bit state, passes PractRand to 2^40+. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label = '') {
    let s = deriveSeed(seed, label);
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A normal deviate (Box–Muller), clamped to [lo, hi] when given. */
  normal(mean: number, sd: number, lo = -Infinity, hi = Infinity): number {
    const u = 1 - this.next();
    const v = this.next();
    const x = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(hi, Math.max(lo, x));
  }

  /** k distinct items of `items` (partial Fisher–Yates on a copy), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy.slice(0, n);
  }
}

/** Draws items with the given relative weights (cumulative table + binary search). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new RangeError('Weighted needs at least one entry');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  sample(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A random RFC 4122 version-4 uuid string drawn from `rng` (so it is reproducible). */
export function uuidV4(rng: Rng): string {
  const w0 = rng.uint32();
  const w1 = rng.uint32();
  const w2 = rng.uint32();
  const w3 = rng.uint32();
  const b = (w: number, shift: number): string => HEX[(w >>> shift) & 0xff];
  const version = HEX[0x40 | ((w1 >>> 8) & 0x0f)]; // 4xxx
  const variant = HEX[0x80 | ((w2 >>> 24) & 0x3f)]; // 10xx xxxx
  return (
    b(w0, 24) + b(w0, 16) + b(w0, 8) + b(w0, 0) + '-' +
    b(w1, 24) + b(w1, 16) + '-' + version + b(w1, 0) + '-' +
    variant + b(w2, 16) + '-' + b(w2, 8) + b(w2, 0) +
    b(w3, 24) + b(w3, 16) + b(w3, 8) + b(w3, 0)
  );
}
