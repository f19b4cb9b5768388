import type { DatabaseName } from '../config';
import { isHubDatabase } from '../departments/registry';
import type { PlanMode } from '../../knexfile';

/**
 * Which plans each serving pool's statements run on (issue 15).
 *
 * The department pools read by key (`WHERE key = ANY($1)`, named prepared statements, see
 * src/sources/runSql.ts). Left to `plan_cache_mode = auto`, PostgreSQL re-plans them on every
 * execution: the generic plan is estimated for a 10-element array, a custom plan for the one or few
 * keys actually bound, so the custom plan always looks cheaper and is made afresh (0.03–0.09 ms of
 * planning against ~0.02 ms of execution). Their plan is the same index probe whatever the keys,
 * so these pools run `force_generic_plan` for the session (a startup option: nothing is written to a
 * department database, which OneFile never writes).
 *
 * The searches' statements are planned per call, for their values (a name prefix's best plan
 * depends on how common it is; their generic plans were up to 100× slower, bench/SEARCH.md). Under
 * `force_generic_plan` even an unnamed statement gets the generic plan, so the searches run on a
 * pool of their own left in `auto` (`Databases.searchPool`, on the database of the module that
 * declares `identity`: police), and the hub's pool (the module of kind `hub`), which
 * resolves search areas, stays in `auto` too.
 */
export function servingPlanMode(name: DatabaseName): PlanMode {
  return isHubDatabase(name) ? 'auto' : 'generic';
}
