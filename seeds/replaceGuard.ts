import { DATABASE_NAMES, DatabaseName } from '../src/config';
import type { Mode } from '../src/startup/mode';

/**
 * Why the seed command must not run, or undefined when it may. Seeding TRUNCATEs the seeded tables
 * of all four databases, so on configured databases (data OneFile may not own) the operator must
 * name every one of them with `--replace hub,police,civil,health`; the embedded cluster is
 * OneFile's own and needs no flag. Production (NODE_ENV=production) never seeds.
 */
export function seedRefusal(mode: Mode, configured: boolean, replace: readonly string[] | undefined): string | undefined {
  if (mode === 'production') return 'NODE_ENV=production never seeds: seeding replaces data with a generated demo population';
  if (!configured) return undefined;
  const named = new Set(replace ?? []);
  const unknown = [...named].filter((n) => !(DATABASE_NAMES as readonly string[]).includes(n));
  if (unknown.length) return `--replace names unknown databases: ${unknown.join(', ')} (known: ${DATABASE_NAMES.join(', ')})`;
  const missing = DATABASE_NAMES.filter((n: DatabaseName) => !named.has(n));
  if (missing.length) {
    return `seeding TRUNCATEs the seeded tables of the configured ${DATABASE_NAMES.join(', ')} databases (*_DATABASE_URL); ` +
      `confirm with --replace ${DATABASE_NAMES.join(',')}`;
  }
  return undefined;
}
