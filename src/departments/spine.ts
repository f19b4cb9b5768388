import type { IdentitySearch, IdentitySpine } from './identity';
import type { SearchVisits } from './searchVisits';
import { departmentModules } from './registry';

/**
 * The identity spine for the hub's entry points (search, tags, node, the access log's subject,
 * claims), and the search's visit conditions: read from the registry — the one module that declares `identity` — so no entry point
 * names the owner. Both sides load on first use. A file declaring GraphQL types over the spine's
 * takes them once at import (`const { Person } = identitySpine()`), not in type-graphql's type
 * thunks: its metadata outlives a module realm (jest's), and a thunk must not load modules then.
 */
export function identitySpine(): IdentitySpine {
  return identityDeclaration().spine();
}

/** The spine's search side (SQL only): for the federated search. */
export function identitySearch(): IdentitySearch {
  return identityDeclaration().search();
}

function identityDeclaration() {
  const owner = departmentModules().find((m) => m.identity);
  if (!owner?.identity) throw new Error('no department module declares identity (the identity spine)');
  return owner.identity;
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
