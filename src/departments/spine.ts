import type { Knex } from 'knex';
import type { Databases } from '../db/databases';
import type { IdentitySearch, IdentitySpine } from './identity';
import type { SearchVisits } from './searchVisits';
import { departmentModules, identityModule } from './registry';

/**
 * The identity spine for the hub's entry points (search, tags, node, the access log's subject,
 * claims) and the department modules built on it (the street office's finding tickets), and the
 * search's visit conditions: read from the registry — the one module that declares `identity` — so
 * nothing outside that module names the owner. Both sides load on first use. A file declaring
 * GraphQL types over the spine's takes them once at import (`const { Person } = identitySpine()`),
 * not in type-graphql's type thunks: its metadata outlives a module realm (jest's), and a thunk
 * must not load modules then.
 */
export function identitySpine(): IdentitySpine {
  return identityModule().identity.spine();
}

/** The spine's search side (SQL only): for the federated search and system jobs. */
export function identitySearch(): IdentitySearch {
  return identityModule().identity.search();
}

/**
 * The spine's database in `dbs`, for its search side's statements: `search`, the searches' own pool
 * when the set has one (`Databases.searchPool`, planned per call; src/db/databases.ts), else the
 * module's pool; `department`, the module's pool (generic plans) — for system jobs.
 */
export function spineDatabase(dbs: Databases, pool: 'search' | 'department'): Knex {
  return (pool === 'search' ? dbs.searchPool : undefined) ?? dbs[identityModule().name];
}

/**
 * The search's visit conditions (src/departments/module.ts `SearchVisits`), from the module that
 * keeps the visits (the street office); throws when none does. Loads them on first use.
 */
export function searchVisits(): SearchVisits {
  const keeper = departmentModules().find((m) => m.searchVisits);
  if (!keeper?.searchVisits) throw new Error('no department module answers the search\'s visit conditions (searchVisits)');
  return keeper.searchVisits();
}
