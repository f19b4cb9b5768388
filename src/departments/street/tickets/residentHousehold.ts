import type { Context } from '../../../schema/context';
import { identitySpine } from '../../spine';

/**
 * The hub id of the calling resident's own household (through their own file, within their row
 * scope), or null for anyone else or a resident without one. Memoised per request.
 */
export async function residentHouseholdId(ctx: Context): Promise<string | null> {
  const { principal } = ctx.access;
  if (principal.role !== 'RESIDENT') return null;
  const cache = ctx as Context & { residentHousehold?: Promise<string | null> };
  cache.residentHousehold ??= (async () => {
    const spine = identitySpine();
    const me = await spine.personByHubId(ctx, principal.subject.toLowerCase());
    const household = me?.identity.household_no ? await spine.householdByNumber(ctx, me.identity.household_no) : null;
    return household?.id ?? null;
  })();
  return cache.residentHousehold;
}
