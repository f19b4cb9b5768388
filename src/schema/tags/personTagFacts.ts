import type { PolicePersonRow } from '../../sources/police/policeRows';
import { carriesTag, policePartHolds } from '../../tags/carriesTag';
import { todayInChina } from '../../identity/age';
import { Tag } from '../../tags/tag';
import { TAG_CATALOG } from '../../tags/tagCatalog';
import type { Context } from '../context';

const NOTHING: ReadonlySet<Tag> = new Set();

/**
 * Whether a person carries `tag`, reading only the department the tag needs (through the
 * request's batched tag loaders; police facts come from the identity row already loaded) and only
 * when the police part (age, 户籍) leaves the question open.
 */
export async function personCarries(ctx: Context, person: Pick<PolicePersonRow, 'id_number' | 'birth_date' | 'household_no'>, tag: Tag): Promise<boolean> {
  const today = todayInChina();
  const facts = { birthDate: person.birth_date, householdNo: person.household_no, confirmed: NOTHING };
  const source = TAG_CATALOG[tag].source;
  if (source === 'police') return carriesTag(tag, facts, today);
  if (!policePartHolds(tag, facts, today)) return false;
  const rows = await ctx.loaders.tags[source].load(person.id_number);
  return rows.some((r) => r.tag === tag);
}

/** Whether any registered member of the household (within the caller's scope) carries `tag`. */
export async function householdCarries(ctx: Context, householdNo: string, tag: Tag): Promise<boolean> {
  const members = await ctx.loaders.police.membersByHouseholdNo.load(householdNo);
  const answers = await Promise.all(members.map((m) => personCarries(ctx, m, tag)));
  return answers.some(Boolean);
}
