import { todayInChina } from '../identity/age';
import { yearsBefore } from './ageBounds';
import { Tag, TagSource } from './tag';
import { TAG_CATALOG } from './tagCatalog';

/**
 * One tag's rule on one day: its identity part as a test of two facts of the identity spine (police), and who answers the
 * rest. The one rule for both showing a tag and filtering by it, so a search never disagrees with
 * the tags it returns.
 */
export interface TagRule {
  readonly tag: Tag;
  readonly source: TagSource;
  /** The department asked to confirm the rest (its tag loader), or null: the spine's own rows decide. */
  readonly confirmedBy: TagSource | null;
  /** The identity part (age condition, 户籍; from the spine's rows): whether it is worth asking `source` at all. */
  identityPart(birthDate: string, householdNo: string | null): boolean;
  /** Whether the person carries the tag: the identity part holds and `source` confirmed the rest. */
  carries(birthDate: string, householdNo: string | null, confirmed: ReadonlySet<Tag> | undefined): boolean;
}

function compile(tag: Tag, today: string): TagRule {
  const def = TAG_CATALOG[tag];
  // Born on or before `oldest` = at least `min` years old today; after `youngest` = younger than `below` (ageBounds.ts).
  const oldest = def.age?.min !== undefined ? yearsBefore(today, def.age.min) : null;
  const youngest = def.age?.below !== undefined ? yearsBefore(today, def.age.below) : null;
  const spineAlone = def.check === undefined;
  const floating = tag === Tag.FLOATING_POPULATION;
  const identityPart = (birthDate: string, householdNo: string | null): boolean => {
    if (oldest !== null && birthDate > oldest) return false;
    if (youngest !== null && birthDate <= youngest) return false;
    return spineAlone ? floating && householdNo === null : true;
  };
  return {
    tag,
    source: def.source,
    confirmedBy: spineAlone ? null : def.source,
    identityPart,
    carries: (birthDate, householdNo, confirmed) => identityPart(birthDate, householdNo) && (spineAlone || confirmed?.has(tag) === true),
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
