import knexFactory, { Knex } from 'knex';
import { knexConfig } from '../../knexfile';
import { DatabaseUrls, databaseNames } from '../../src/config';
import { closeDatabases, Databases, migrateAll, openDatabases } from '../../src/db/databases';
import { DEFAULT_SEED, DEMO_RESIDENTS, seedDatabases } from '../../seeds/seed';
import { GroundTruth, seedGroundTruth } from '../../seeds/truth';
import { testDatabaseUrls } from './testDatabases';

/**
 * A throw-away copy of every registered database in the test cluster (`onefile_<prefix>_<db>`),
 * migrated and seeded with the demo street: a test may change department data there (fix a case
 * at its source) without touching the suite's shared databases. `drop` removes them.
 */
export interface ThrowAwayDatabases {
  urls: DatabaseUrls;
  owner: Databases;
  drop(): Promise<void>;
}

export async function createThrowAwayDatabases(prefix: string): Promise<ThrowAwayDatabases> {
  const base = testDatabaseUrls().hub;
  const names = databaseNames();
  const dbName = (name: string): string => `onefile_${prefix}_${name}`;
  const admin: Knex = knexFactory(knexConfig('hub', base, { min: 0, max: 1 }));
  try {
    for (const name of names) {
      await admin.raw(`DROP DATABASE IF EXISTS ${dbName(name)}`);
      await admin.raw(`CREATE DATABASE ${dbName(name)}`);
    }
  } finally {
    await admin.destroy();
  }
  const urls = Object.fromEntries(names.map((name) => [name, Object.assign(new URL(base), { pathname: `/${dbName(name)}` }).toString()])) as DatabaseUrls;
  const owner = openDatabases(urls, { poolMax: 2, as: 'owner' });
  await migrateAll(owner);
  await seedDatabases(owner, { residents: DEMO_RESIDENTS });
  return {
    urls,
    owner,
    async drop() {
      await closeDatabases(owner);
      const dropper: Knex = knexFactory(knexConfig('hub', base, { min: 0, max: 1 }));
      try {
        for (const name of names) await dropper.raw(`DROP DATABASE IF EXISTS ${dbName(name)} WITH (FORCE)`);
      } finally {
        await dropper.destroy();
      }
    },
  };
}

/** The demo street's ground truth (seeds/truth.ts). */
export function demoGroundTruth(): GroundTruth {
  return seedGroundTruth(DEMO_RESIDENTS, DEFAULT_SEED);
}

/**
 * The subject keys a run must store for the ground truth's ID numbers: hub person ids from the
 * hub's index, and for ASSISTANCE_UNKNOWN_TO_POLICE civil affairs' ACTIVE assistance rows of those numbers.
 */
export async function expectedSubjectKeys(owner: Databases, truth: GroundTruth): Promise<Record<string, string[]>> {
  const expected: Record<string, string[]> = {};
  for (const [rule, idNumbers] of Object.entries(truth)) {
    if (rule === 'ASSISTANCE_UNKNOWN_TO_POLICE') {
      const rows = await owner.civil('assistance').whereIn('id_number', idNumbers).andWhere({ status: 'ACTIVE' }).select('id');
      expected[rule] = rows.map((r: { id: string | number }) => `civil.assistance:${r.id}`).sort();
    } else {
      const rows = await owner.hub('person_index').whereIn('id_number', idNumbers).select('id');
      expect(rows.length).toBe(idNumbers.length);
      expected[rule] = rows.map((r: { id: string }) => r.id).sort();
    }
  }
  return expected;
}
