import { databaseNames, DatabaseName } from '../src/config';
import type { Mode } from '../src/startup/mode';

/**
 * Why the seed command must not run, or undefined when it may. Seeding TRUNCATEs the seeded tables
 * of every registered database, so on configured databases (data OneFile may not own) the operator
 * must name every one of them with `--replace <all of them>` (e.g. `hub,police,civil,health`); the embedded cluster is
 * OneFile's own and needs no flag. Production (NODE_ENV=production) never seeds.
 */
export function seedRefusal(mode: Mode, configured: boolean, replace: readonly string[] | undefined): string | undefined {
  if (mode === 'production') return 'NODE_ENV=production never seeds: seeding replaces data with a generated demo population';
  if (!configured) return undefined;
  const names = databaseNames();
  const named = new Set(replace ?? []);
  const unknown = [...named].filter((n) => !names.includes(n));
  if (unknown.length) return `--replace names unknown databases: ${unknown.join(', ')} (known: ${names.join(', ')})`;
  const missing = names.filter((n: DatabaseName) => !named.has(n));
  if (missing.length) {
    return `seeding TRUNCATEs the seeded tables of the configured ${names.join(', ')} databases (*_DATABASE_URL); ` +
      `confirm with --replace ${names.join(',')}`;
  }
  return undefined;
}
