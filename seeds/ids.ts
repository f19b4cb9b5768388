/**
 * Unique, valid resident ID numbers: region code + birth date + a sequence whose parity carries the
 * sex (odd: male) + the ISO 7064 check character, built with `makeIdNumber` from src/identity.
 */
import { makeIdNumber } from '../src/identity/idNumber';
import { compactDate, isoDate } from './dates';
import { Rng } from './random';

const DAY_OFFSET = 30000; // day numbers down to 1888 stay positive in the key

/** Hands out ID numbers that never repeat within one generator run. */
export class IdAllocator {
  private readonly regions = new Map<string, number>();
  private readonly taken = new Set<number>();

  constructor(private readonly rng: Rng) {}

  /** A fresh ID number for someone of that region, birth day and sex. */
  next(regionCode: string, birthDay: number, male: boolean): string {
    let region = this.regions.get(regionCode);
    if (region === undefined) {
      region = this.regions.size;
      this.regions.set(regionCode, region);
    }
    const base = (region * 100000 + (birthDay + DAY_OFFSET)) * 1000;
    for (let attempt = 0; ; attempt++) {
      // Sequences 001-999: odd for men, even for women. Fall back to a linear scan when crowded.
      const seq = attempt < 20 ? this.rng.int(0, 498) * 2 + (male ? 1 : 2) : (attempt - 20) * 2 + (male ? 1 : 2);
      if (seq > 999) throw new RangeError(`no free ID sequence for ${regionCode} ${isoDate(birthDay)}`);
      if (this.taken.has(base + seq)) continue;
      this.taken.add(base + seq);
      return makeIdNumber(regionCode, compactDate(birthDay), seq);
    }
  }
}
