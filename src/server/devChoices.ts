import type { Databases } from '../db/databases';
import { ROLES } from '../auth/vocabulary';

/** What the development sign-in picker offers: roles, grids, and a few demo residents' opaque hub ids. */
export interface DevChoices {
  roles: readonly string[];
  grids: Array<{ id: string; name: string }>;
  residents: string[];
}

/** How long one reading of the choices is reused (ms). */
export const DEV_CHOICES_TTL_MS = 5000;

/**
 * The development picker's choices, **development hubs only** (callers are mounted only with
 * development tokens): the roles, the first 50 grids and 8 demo residents' hub ids (no names, no
 * ID numbers) — what `GET /dev/principals` answers and what the first page embeds. Read from the hub
 * database and reused for {@link DEV_CHOICES_TTL_MS}: a reseed under a running hub shows within
 * 5 seconds (a page loaded in between offers the old ids, and signing in as one of them finds no
 * file — development only). Concurrent first reads share one query; a failed read is not kept.
 */
export function devChoices(dbs: Databases, ttlMs = DEV_CHOICES_TTL_MS): () => Promise<DevChoices> {
  let cached: { at: number; value: Promise<DevChoices> } | null = null;
  return () => {
    const now = Date.now();
    if (cached && now - cached.at < ttlMs) return cached.value;
    const value = Promise.all([
      dbs.hub('grids').select('id', 'name').orderBy('id').limit(50) as Promise<Array<{ id: string; name: string }>>,
      dbs.hub('person_index').select('id').orderBy('id_number').limit(8) as Promise<Array<{ id: string }>>,
    ]).then(([grids, residents]) => ({ roles: ROLES, grids, residents: residents.map((r) => r.id) }));
    const entry = { at: now, value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = null;
    });
    return value;
  };
}
