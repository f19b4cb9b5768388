import { todayInChina } from '../identity/age';
import { yearsBefore } from './ageBounds';
import { Tag, TagSource } from './tag';
import { TAG_CATALOG } from './tagCatalog';

/**
 * One tag's rule on one day: its police part as a test of two police facts, and who answers the
 * rest. The one rule for both showing a tag and filtering by it, so a search never disagrees with
 * the tags it returns.
 */
export interface TagRule {
  readonly tag: Tag;
  readonly source: TagSource;
  /** The police part (age condition, 户籍): whether it is worth asking `source` at all. */
  policePart(birthDate: string, householdNo: string | null): boolean;
  /** Whether the person carries the tag: the police part holds and `source` confirmed the rest. */
  carries(birthDate: string, householdNo: string | null, confirmed: ReadonlySet<Tag> | undefined): boolean;
}

function compile(tag: Tag, today: string): TagRule {
  const def = TAG_CATALOG[tag];
  // Born on or before `oldest` = at least `min` years old today; after `youngest` = younger than `below` (ageBounds.ts).
  const oldest = def.age?.min !== undefined ? yearsBefore(today, def.age.min) : null;
  const youngest = def.age?.below !== undefined ? yearsBefore(today, def.age.below) : null;
  const police = def.source === 'police';
  const floating = tag === Tag.FLOATING_POPULATION;
  const policePart = (birthDate: string, householdNo: string | null): boolean => {
    if (oldest !== null && birthDate > oldest) return false;
    if (youngest !== null && birthDate <= youngest) return false;
    return police ? floating && householdNo === null : true;
  };
  return {
    tag,
    source: def.source,
    policePart,
    carries: (birthDate, householdNo, confirmed) => policePart(birthDate, householdNo) && (police || confirmed?.has(tag) === true),
  };
}

let rulesDay = '';
let rules = new Map<Tag, TagRule>();

/**
 * `tag`'s rule for `today` (compiled once per tag and day: the age bounds are dates, so checking
 * a grid's ~600 members is two string comparisons each).
 */
export function tagRule(tag: Tag, today: string = todayInChina()): TagRule {
  if (today !== rulesDay) {
    rulesDay = today;
    rules = new Map();
  }
  let rule = rules.get(tag);
  if (rule === undefined) {
    rule = compile(tag, today);
    rules.set(tag, rule);
  }
  return rule;
}
