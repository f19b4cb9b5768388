import type { Declaration, Level, Owner } from '../policy/declaration';
import { Tag, TagSource } from './tag';

/**
 * One service tag: how it is derived, from which department, and what it reveals, declared like a
 * field (owner and level) so that `decide(role, purpose, declaration)` from the policy table says
 * who may see it and filter by it. The same declaration is placed on the `PersonTags` and
 * `HouseholdTags` fields with `@Policy`, so the access matrix lists every tag.
 *
 * Levels: a tag reveals a service need, never the detail behind it (issue 3: "service tags derived
 * from L4 data may be shown without the underlying detail"). Each tag below is declared at the
 * level of that yes/no fact, which is why they are L2 while the records behind some are L3 or L4.
 */
export interface TagDefinition {
  tag: Tag;
  /** Field name on PersonTags / HouseholdTags. */
  field: string;
  label: string;
  /** The department that answers the tag (police answers age and 户籍 parts of every tag). */
  source: TagSource;
  /** A police age condition the person must also meet: at least `min`, younger than `below`. */
  age?: { min?: number; below?: number };
  /** Whether a registered household can carry it (FLOATING_POPULATION: members are never floating). */
  household: boolean;
  declaration: Declaration;
  derivation: string;
  /** Why the declared level is right, for reviewers. */
  reason: string;
}

function declared(owner: Owner, level: Level, alsoReveals?: Declaration['alsoReveals']): Declaration {
  return alsoReveals ? { owner, level, mask: 'NONE', alsoReveals } : { owner, level, mask: 'NONE' };
}

/** Age at which ELDERLY_LIVING_ALONE starts, and below which CHILD_IN_DIFFICULTY applies. */
export const ELDERLY_AGE = 60;
export const ADULT_AGE = 18;

export const TAG_CATALOG: Readonly<Record<Tag, TagDefinition>> = {
  [Tag.ELDERLY_LIVING_ALONE]: {
    tag: Tag.ELDERLY_LIVING_ALONE,
    field: 'elderlyLivingAlone',
    label: '独居老人',
    source: 'civil',
    age: { min: ELDERLY_AGE },
    household: true,
    declaration: declared('civil', 2, { owner: 'police', level: 1 }),
    derivation: `aged ${ELDERLY_AGE}+ by the police birth date, and civil affairs' elderly-care assessment says lives alone`,
    reason: 'lives-alone is L2 in the elderly-care record; the age part is an age band (police L1)',
  },
  [Tag.DISABLED]: {
    tag: Tag.DISABLED,
    field: 'disabled',
    label: '残疾人',
    source: 'civil',
    household: true,
    declaration: declared('civil', 2),
    derivation: 'civil affairs holds a disability certificate (残疾人证) for the person',
    reason: 'reveals only that a certificate exists (already shown to street staff as PRESENCE); category and grade stay L3',
  },
  [Tag.LOW_INCOME]: {
    tag: Tag.LOW_INCOME,
    field: 'lowIncome',
    label: '低保/特困',
    source: 'civil',
    household: true,
    declaration: declared('civil', 2),
    derivation: 'civil affairs pays an ACTIVE minimum living allowance (低保, MINIMUM_LIVING) or extreme-poverty support (特困, EXTREME_POVERTY)',
    reason: 'recipients are publicly posted (公示) in their community; kind, amounts and dates stay L3',
  },
  [Tag.FLOATING_POPULATION]: {
    tag: Tag.FLOATING_POPULATION,
    field: 'floatingPopulation',
    label: '流动人口',
    source: 'police',
    household: false,
    declaration: declared('police', 2),
    derivation: 'police hold no 户籍 household for the person in this city (registered elsewhere)',
    reason: 'the same fact as Person.isFloatingPopulation (police L2)',
  },
  [Tag.CHILD_IN_DIFFICULTY]: {
    tag: Tag.CHILD_IN_DIFFICULTY,
    field: 'childInDifficulty',
    label: '困境儿童',
    source: 'civil',
    age: { below: ADULT_AGE },
    household: true,
    declaration: declared('civil', 2, { owner: 'police', level: 1 }),
    derivation: `under ${ADULT_AGE} by the police birth date, and registered by civil affairs as a child in difficulty`,
    reason: 'the category (orphan, left behind, ...) is a minor\'s special status and stays L4; the tag tells community children\'s directors whom to visit',
  },
  [Tag.NEEDS_HEALTH_FOLLOW_UP]: {
    tag: Tag.NEEDS_HEALTH_FOLLOW_UP,
    field: 'needsHealthFollowUp',
    label: '需健康随访',
    source: 'health',
    household: true,
    declaration: declared('health', 2),
    derivation: 'health manages at least one of the person\'s chronic conditions by community follow-up, and holds no death registration',
    reason: 'says a follow-up is due, never which condition (diagnoses stay L4)',
  },
};

/** The `@Policy` arguments of a tag's field: its declaration, spread. */
export function tagPolicy(tag: Tag): [Owner, Level, 'NONE', Declaration['alsoReveals']] {
  const d = TAG_CATALOG[tag].declaration;
  return [d.owner, d.level, 'NONE', d.alsoReveals];
}
