import type { SpinePersonRow } from '../../departments/identity';
import { identitySpine } from '../../departments/spine';
import { ageDayFor } from '../../policy/ageDay';
import { tagRule } from '../../tags/tagRules';
import type { Tag } from '../../tags/tag';
import type { Context } from '../context';

type TagPerson = SpinePersonRow;

/**
 * Whether a person carries `tag`, reading only the department the tag needs (through the
 * request's batched tag loaders; the spine's facts come from the identity row already loaded) and only
 * when the identity part (age, 户籍) leaves the question open. Ages are reckoned on the request's
 * age day (policy/ageDay.ts), as everywhere else the caller sees an age.
 */
export async function personCarries(ctx: Context, person: TagPerson, tag: Tag): Promise<boolean> {
  const rule = tagRule(tag, ageDayFor(ctx.access));
  if (!rule.identityPart(person.birth_date, person.household_no)) return false;
  if (rule.confirmedBy === null) return true;
  const rows = await ctx.loaders.tags[rule.confirmedBy].load(person.id_number);
  return rows.some((r) => r.tag === tag);
}

/**
 * Whether any registered member of the household (within the caller's scope) carries `tag`: the
 * identity part decides first for every member, and only the members it leaves open are looked up
 * (one batched load), so most tags of most households cost no promise per member.
 */
export async function householdCarries(ctx: Context, householdNo: string, tag: Tag): Promise<boolean> {
  const rule = tagRule(tag, ageDayFor(ctx.access));
  const members = await identitySpine().membersOf(ctx, householdNo);
  const open = members.filter((m) => rule.identityPart(m.birth_date, m.household_no));
  if (open.length === 0 || rule.confirmedBy === null) return open.length > 0;
  const answers = await ctx.loaders.tags[rule.confirmedBy].loadMany(open.map((m) => m.id_number));
  return answers.some((rows) => {
    if (rows instanceof Error) throw rows;
    return rows.some((r) => r.tag === tag);
  });
}
