/**
 * The deterministic seed generator's entry point. `seedDatabases` replaces the seeded tables of
 * every registered database with a generated population: same `seed` and `residents` ⇒
 * byte-identical rows (hub uuids included), whatever the machine or the day. Each department
 * module's seed part (`seedTables` in src/departments/<name>/parts.ts) fills its own tables from
 * the one shared population model.
 *
 * Contract: every police person is in hub.person_index and every police household in
 * hub.household_index; department tables reference people by ID number only. Each database is
 * loaded in one transaction (see copy.ts), all in parallel.
 */
import type { Databases } from '../src/db/databases';
import type { DatabaseName } from '../src/config';
import { departmentModules } from '../src/departments/registry';
import { logger } from '../src/logger';
import { loadTables, TableLoad } from './copy';
import { SEED_REFERENCE_DATE } from './dates';
import { Model } from './model';
import { buildPopulation } from './population';
import { discrepancies, Discrepancy, proportions, Proportions } from './stats';

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
  /** Only these databases (default: every registered one), e.g. a department new to a seeded data dir. */
  only?: readonly DatabaseName[];
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

/** The tables each database receives, in load order: each registered module's seed part. */
export function seedTables(m: Model, only?: readonly DatabaseName[]): Record<DatabaseName, TableLoad[]> {
  const modules = departmentModules().filter((d) => !only || only.includes(d.name));
  return Object.fromEntries(modules.map((d) => [d.name, d.parts().seedTables(m)]));
}

/** Truncates every seeded table of the databases (all, or `options.only`) and loads a fresh generated population. */
export async function seedDatabases(dbs: Databases, options: SeedOptions): Promise<SeedReport> {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  const started = performance.now();
  const model = buildPopulation({ residents: options.residents, seed });
  const built = performance.now();
  const tables = seedTables(model, options.only);
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

/**
 * The registered databases whose seeded tables are empty (the first of each module's
 * `seededTables` is its probe): all of them on a new data dir, a new department's on an existing one.
 */
export async function unseededDatabases(dbs: Databases): Promise<DatabaseName[]> {
  const empty: DatabaseName[] = [];
  for (const d of departmentModules()) {
    const [probe] = Object.keys(d.seededTables);
    if (!probe) continue;
    const result = await dbs[d.name].raw(`SELECT EXISTS (SELECT 1 FROM ${probe}) AS seeded`);
    if (result.rows[0].seeded !== true) empty.push(d.name);
  }
  return empty;
}

/** True when every registered database already holds its seeded rows. */
export async function isSeeded(dbs: Databases): Promise<boolean> {
  return (await unseededDatabases(dbs)).length === 0;
}

/**
 * The embedded start's seeding: an empty cluster gets the whole demo street; a data dir seeded
 * before a department was registered gets that department's tables only (from the same demo
 * population, so they describe the residents already there). Returns the databases it seeded.
 */
export async function seedEmptyDatabases(dbs: Databases, options: SeedOptions = { residents: DEMO_RESIDENTS }): Promise<DatabaseName[]> {
  const empty = await unseededDatabases(dbs);
  if (empty.length === 0) return [];
  const all = empty.length === departmentModules().length;
  logger.info({ residents: options.residents, databases: empty }, all ? 'empty embedded databases: seeding the demo street' : 'seeding databases new to this data dir');
  await seedDatabases(dbs, { ...options, only: all ? undefined : empty });
  return empty;
}
