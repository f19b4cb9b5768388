import { todayInChina } from '../identity/age';
import { atLeast } from './ageBounds';
import { Tag } from './tag';
import { TAG_CATALOG } from './tagCatalog';

/** What decides a person's tags: police identity facts and the tags departments confirmed. */
export interface TagFacts {
  /** Police birth date, `YYYY-MM-DD`. */
  birthDate: string;
  /** Police 户籍 household; null for the floating population. */
  householdNo: string | null;
  /** Tags whose department part civil affairs or health confirmed for this person. */
  confirmed: ReadonlySet<Tag>;
}

/**
 * Whether a person carries `tag`: the department part (civil affairs or health confirmed it) and
 * the police part (age condition, 户籍) both hold. The one rule for both showing a tag and
 * filtering by it, so a search never disagrees with the tags it returns.
 */
export function carriesTag(tag: Tag, facts: TagFacts, today: string = todayInChina()): boolean {
  if (!policePartHolds(tag, facts, today)) return false;
  return TAG_CATALOG[tag].source === 'police' || facts.confirmed.has(tag);
}

/**
 * The police part of a tag alone (age condition, 户籍 elsewhere): whether it is worth asking the
 * tag's department about this person at all.
 */
export function policePartHolds(tag: Tag, facts: Omit<TagFacts, 'confirmed'>, today: string = todayInChina()): boolean {
  const def = TAG_CATALOG[tag];
  if (def.age) {
    if (def.age.min !== undefined && !atLeast(facts.birthDate, def.age.min, today)) return false;
    if (def.age.below !== undefined && atLeast(facts.birthDate, def.age.below, today)) return false;
  }
  if (def.source === 'police') return tag === Tag.FLOATING_POPULATION ? facts.householdNo === null : false;
  return true;
}
