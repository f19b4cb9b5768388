/**
 * md5 of every seeded table's rows in a stable order, to prove that two runs with the same seed
 * and size produced byte-identical data (`npm run seed -- --checksum`).
 */
import type { DatabaseName } from '../src/config';
import type { Databases } from '../src/db/databases';

/** Seeded tables per database, with the columns that order their rows. */
export const SEEDED_TABLES: Record<DatabaseName, Record<string, string>> = {
  hub: { streets: 'code', communities: 'code', grids: 'id', buildings: 'code', person_index: 'id_number', household_index: 'household_no' },
  police: { households: 'household_no', persons: 'id_number', residence_registrations: 'id' },
  civil: { marital_status: 'id_number', assistance: 'id', disabilities: 'id_number', elderly_care: 'id_number', children_in_difficulty: 'id_number' },
  health: { family_doctor_contracts: 'id_number', chronic_conditions: 'id', vaccinations: 'id', births: 'certificate_no', deaths: 'id_number' },
  street: { visits: 'id', visit_members: 'visit_id, person_id' },
};

/** `<database>.<table>` → md5 of the table's rows as text, ordered by its key. */
export async function tableChecksums(dbs: Databases): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    (Object.keys(SEEDED_TABLES) as DatabaseName[]).map(async (db) => {
      for (const [table, key] of Object.entries(SEEDED_TABLES[db])) {
        const r = await dbs[db].raw(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${key}), '')) AS md5 FROM ${table} t`);
        out[`${db}.${table}`] = r.rows[0].md5;
      }
    }),
  );
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
