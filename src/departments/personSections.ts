import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../schema/context';
import { selectedAt } from '../schema/audit/selectedSubfields';
import { departmentLoaders } from '../sources/loaders';
import { departmentModules } from './registry';

/**
 * Whether a household's members' sections are read ahead with their hub ids: off only to measure the files without it in the same run (bench target `hub-noahead`).
 */
export const readAhead = { on: true };

const allowed = (ctx: Context, key: string) => (ctx.access.decisions.get(key) ?? 'DENY') !== 'DENY';

/**
 * Starts, for the persons with these ID numbers, the reads of every department section field that
 * `info` (the field resolving to those persons, e.g. `Household.members`) selects and the caller may
 * see at all (not DENY, for the section and for the field), through the loaders the fields' own
 * resolvers read with (each module's `personSection`). Called where persons are made from identity
 * rows, before their hub ids are looked up: the sections' reads then go out in the same loader wave
 * as the hub ids instead of one wave after them. Reads only, never a disclosure: the field resolvers
 * still decide and record what is shown, and find these rows in their loaders' caches. A person the
 * index then drops was read for nothing; a failed read stays in its loader, where the field finds it.
 */
export function readPersonSectionsAhead(ctx: Context, idNumbers: readonly string[], info: GraphQLResolveInfo): void {
  if (!readAhead.on || idNumbers.length === 0) return;
  for (const module of departmentModules()) {
    const section = module.parts().personSection;
    if (!section || !allowed(ctx, `Person.${section.field}`)) continue;
    const fields = selectedAt(info, [section.field]);
    if (!fields) continue;
    const loaders = section.loaders(departmentLoaders(ctx.loaders, module));
    for (const field of fields) {
      const loader = loaders[field];
      if (loader && allowed(ctx, `${section.type}.${field}`)) void loader.loadMany(idNumbers);
    }
  }
}
