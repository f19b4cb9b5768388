/**
 * The deterministic seed generator's entry point. `seedDatabases` replaces the seeded tables of
 * all four databases with a generated population: same `seed` and `residents` ⇒ byte-identical
 * rows (hub uuids included), whatever the machine or the day.
 *
 * Contract: every police person is in hub.person_index and every police household in
 * hub.household_index; department tables reference people by ID number only. Each database is
 * loaded in one transaction (see copy.ts), the four in parallel.
 */
import type { Databases } from '../src/db/databases';
import type { DatabaseName } from '../src/config';
import { loadTables, TableLoad } from './copy';
import { SEED_REFERENCE_DATE } from './dates';
import { Model } from './model';
import { buildPopulation } from './population';
import { discrepancies, Discrepancy, proportions, Proportions } from './stats';
import { civilTables } from './tables/civil';
import { healthTables } from './tables/health';
import { hubTables } from './tables/hub';
import { policeTables } from './tables/police';
import { streetTables } from './tables/street';

export { SEED_REFERENCE_DATE } from './dates';
export { DISTRICT_CODE, DISTRICT_NAME } from './divisions';
export { FLOATING_SHARE, HOUSEHOLDS_PER_GRID, RESIDENTS_PER_STREET } from './population';
export { DISCREPANCY_RATES } from './traits';
export type { Discrepancy, Proportions } from './stats';

/** Residents of the demo: one street, 东华门街道, with its communities. */
export const DEMO_RESIDENTS = 5000;
/** The demo's street (东华门街道); larger seeds continue with the next streets of 东城区. */
export const DEMO_STREET_CODE = '110101001';
export const DEMO_STREET_NAME = '东华门街道';
/** The seed used when none is given. */
export const DEFAULT_SEED = 20261121;
/** Sizes of the registered households every seed contains (planted first in the first community). */
export const GUARANTEED_HOUSEHOLD_SIZES = [1, 8] as const;

export interface SeedOptions {
  residents: number;
  seed?: number;
}

export interface SeedReport {
  seed: number;
  residents: number;
  referenceDate: string;
  streets: Array<{ code: string; name: string }>;
  /** Rows copied, keyed `<database>.<table>`. */
  rows: Record<string, number>;
  proportions: Proportions;
  discrepancies: Discrepancy[];
  /** Milliseconds: building the model, loading the databases (all, and each), both. */
  timings: { modelMs: number; loadMs: number; totalMs: number; databasesMs: Record<DatabaseName, number> };
}

/** The tables each database receives, in load order. */
export function seedTables(m: Model): Record<DatabaseName, TableLoad[]> {
  return { hub: hubTables(m), police: policeTables(m), civil: civilTables(m), health: healthTables(m), street: streetTables(m) };
}

/** Truncates every seeded table of the four databases and loads a fresh generated population. */
export async function seedDatabases(dbs: Databases, options: SeedOptions): Promise<SeedReport> {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  const started = performance.now();
  const model = buildPopulation({ residents: options.residents, seed });
  const built = performance.now();
  const tables = seedTables(model);
  const names = Object.keys(tables) as DatabaseName[];
  const databasesMs = {} as Record<DatabaseName, number>;
  const loaded = await Promise.all(
    names.map(async (db) => {
      const counts = await loadTables(dbs[db], tables[db]);
      databasesMs[db] = Math.round(performance.now() - built);
      return counts;
    }),
  );
  const rows: Record<string, number> = {};
  names.forEach((db, i) => {
    for (const [table, count] of Object.entries(loaded[i])) rows[`${db}.${table}`] = count;
  });
  const done = performance.now();
  return {
    seed,
    residents: options.residents,
    referenceDate: SEED_REFERENCE_DATE,
    streets: model.streets.map((s) => ({ code: s.code, name: s.name })),
    rows,
    proportions: proportions(model),
    discrepancies: discrepancies(model),
    timings: { modelMs: Math.round(built - started), loadMs: Math.round(done - built), totalMs: Math.round(done - started), databasesMs },
  };
}

/** True when the police database already holds residents (the hub seeds the demo otherwise). */
export async function isSeeded(dbs: Databases): Promise<boolean> {
  const result = await dbs.police.raw('SELECT EXISTS (SELECT 1 FROM persons) AS seeded');
  return result.rows[0].seeded === true;
}
