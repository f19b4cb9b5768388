import type { Context } from '../../schema/context';
import { Household } from './household.type';

/** Loads a household by hub id through the index and police, or null. */
export async function householdByHubId(ctx: Context, hubId: string): Promise<Household | null> {
  const entry = await ctx.loaders.hub.householdIndexByHubId.load(hubId);
  if (!entry) return null;
  const row = await ctx.loaders.police.householdByNo.load(entry.household_no);
  return row ? new Household(entry.id, row) : null;
}

/** Loads a household by its police number (registering it in the index if new), or null. */
export async function householdByNumber(ctx: Context, householdNo: string): Promise<Household | null> {
  const [entry, row] = await Promise.all([
    ctx.loaders.hub.householdIndexByNumber.load(householdNo),
    ctx.loaders.police.householdByNo.load(householdNo),
  ]);
  return entry && row ? new Household(entry.id, row) : null;
}
