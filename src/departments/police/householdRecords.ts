import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../schema/context';
import { selectedAt } from '../../schema/audit/selectedSubfields';
import { readAhead, readPersonSectionsAhead } from '../personSections';
import { Household } from './household.type';
import type { PolicePersonRow } from './policeRows';

const seen = (ctx: Context, key: string) => (ctx.access.decisions.get(key) ?? 'DENY') !== 'DENY';
const ignore = () => undefined;

/** Whether the fields selected on a household (`info` at `path`) read its members: `members` or `size`, selected and not denied. */
function readsMembers(ctx: Context, fields: ReadonlySet<string>): boolean {
  return readAhead.on && ['members', 'size'].some((f) => fields.has(f) && seen(ctx, `Household.${f}`));
}

/**
 * Reads ahead what a household's selected fields will read once its police row is in, so they go
 * out together instead of one loader wave after another: the building its address, grid and
 * community read (hub), and, when `members` is selected, the members' hub ids (hub, the same
 * statement as the building) and their selected department sections (src/departments/personSections.ts).
 * Only the fields' own loaders with the fields' own keys, only for fields the caller may see at
 * all; reads, never disclosures (the fields still decide and record what is shown). Failures stay
 * in the loaders, where the fields find them.
 */
function readFieldsAhead(ctx: Context, row: { building_code: string }, members: readonly PolicePersonRow[] | undefined, fields: ReadonlySet<string>, info: GraphQLResolveInfo, path: readonly string[]): void {
  if (['address', 'grid', 'community'].some((f) => fields.has(f) && seen(ctx, `Household.${f}`))) ctx.loaders.hub.buildingByCode.load(row.building_code).catch(ignore);
  if (!members?.length || !fields.has('members') || !seen(ctx, 'Household.members')) return;
  const ids = members.map((m) => m.id_number);
  void ctx.loaders.hub.personIndexOfPoliceRow.loadMany(ids);
  readPersonSectionsAhead(ctx, ids, info, [...path, 'members']);
}

/**
 * The household with police number `no` as `new Household(hubId, row)`, or null; with `info`, the
 * members are read in the same police statement as the household when its fields read them, and
 * what the fields read next is started at once (`readFieldsAhead`). `path`: where the household is
 * selected below `info`'s field (`[]` when `info` is the household's own field).
 */
async function loadHousehold(ctx: Context, hubId: Promise<string | null>, no: string, info?: GraphQLResolveInfo, path: readonly string[] = []): Promise<Household | null> {
  const fields = (info && selectedAt(info, path)) ?? new Set<string>();
  const members = readsMembers(ctx, fields) ? ctx.loaders.police.membersByHouseholdNo.load(no) : undefined;
  members?.catch(ignore);
  const [id, row, rows] = await Promise.all([hubId, ctx.loaders.police.householdByNo.load(no), members?.catch(() => undefined)]);
  if (!id || !row) return null;
  if (info && readAhead.on) readFieldsAhead(ctx, row, rows, fields, info, path);
  return new Household(id, row);
}

/** Loads a household by hub id through the index and police, or null; `info`: the household field's, to read ahead what it selects. */
export async function householdByHubId(ctx: Context, hubId: string, info?: GraphQLResolveInfo): Promise<Household | null> {
  const entry = await ctx.loaders.hub.householdIndexByHubId.load(hubId);
  if (!entry) return null;
  return loadHousehold(ctx, Promise.resolve(entry.id), entry.household_no, info);
}

/** Loads a household by its police number (registering it in the index if new), or null; `info`: the household field's, to read ahead what it selects. */
export async function householdByNumber(ctx: Context, householdNo: string, info?: GraphQLResolveInfo): Promise<Household | null> {
  const entry = ctx.loaders.hub.householdIndexByNumber.load(householdNo).then((e) => e?.id ?? null);
  return loadHousehold(ctx, entry, householdNo, info);
}
