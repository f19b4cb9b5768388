import type { Context } from '../context';
import type { SearchPage } from '../../sources/search/criteria';
import { ageDayFor } from '../../policy/ageDay';
import { tagRule } from '../../tags/tagRules';
import { TAGS } from '../../tags/tag';
import { TAG_CATALOG } from '../../tags/tagCatalog';
import type { ConnectionSelection } from './nodeSelection';

/** Whether a household page starts its members' hub ids and its tags' reads from the candidates (off only to measure the page without it, bench:search `--compare`). */
export const pageMemberPrefetch = { on: true };

const allowed = (ctx: Context, key: string) => (ctx.access.decisions.get(key) ?? 'DENY') !== 'DENY';

/**
 * For a household page found by a tag check (`page.pageMembers` known from the police
 * candidates), starts in the same wave as the page's police members and hub ids:
 * - the members' hub ids (look-up only, `personIndexByIdNumber`), priming the loader the members'
 *   `Person` objects are made through, when `members` is selected and allowed: the members'
 *   person index no longer waits for the police members;
 * - each answering department's tag loader for the members its selected and allowed household tag
 *   fields leave open (the same rule `householdCarries` applies), so the tags do not wait for
 *   the police members either.
 * Only ever loads what the page's fields would load through the same loaders (same keys, same
 * rows); an ID number the index does not hold is left to the members' own registration. Errors
 * stay in the loaders' caches, where the fields that need them find them.
 */
export function prefetchPageMembers(ctx: Context, page: SearchPage<unknown>, selection: ConnectionSelection): void {
  const members = page.pageMembers;
  if (!pageMemberPrefetch.on || !members || members.length === 0) return;
  if (selection.nodeFields.has('members') && allowed(ctx, 'Household.members')) {
    const ids = members.map((m) => m.id_number);
    const ofPoliceRow = ctx.loaders.hub.personIndexOfPoliceRow;
    void ctx.loaders.hub.personIndexByIdNumber.loadMany(ids).then((entries) => {
      for (const e of entries) if (e && !(e instanceof Error)) ofPoliceRow.prime(e.id_number, e);
    });
  }
  if (!selection.nodeFields.has('tags') || !allowed(ctx, 'Household.tags')) return;
  const day = ageDayFor(ctx.access);
  const open = new Map<string, Set<string>>();
  for (const tag of TAGS) {
    const def = TAG_CATALOG[tag];
    if (!def.check || !selection.tagFields.has(def.field) || !allowed(ctx, `HouseholdTags.${def.field}`)) continue;
    const rule = tagRule(tag, day);
    const ids = open.get(def.source) ?? new Set<string>();
    for (const m of members) if (rule.identityPart(m.birth_date, m.household_no)) ids.add(m.id_number);
    open.set(def.source, ids);
  }
  for (const [department, ids] of open) {
    const loader = ctx.loaders.tags[department];
    if (loader && ids.size > 0) void loader.loadMany([...ids]);
  }
}
