/**
 * md5 of every seeded table's rows in a stable order, to prove that two runs with the same seed
 * and size produced byte-identical data (`npm run seed -- --checksum`).
 */
import type { Databases } from '../src/db/databases';
import { departmentModules } from '../src/departments/registry';

/** `<database>.<table>` → md5 of the table's rows as text, ordered by its key. */
export async function tableChecksums(dbs: Databases): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    departmentModules().map(async ({ name: db, seededTables }) => {
      for (const [table, key] of Object.entries(seededTables)) {
        const r = await dbs[db].raw(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${key}), '')) AS md5 FROM ${table} t`);
        out[`${db}.${table}`] = r.rows[0].md5;
      }
    }),
  );
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
