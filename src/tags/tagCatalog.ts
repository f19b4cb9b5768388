import type { DepartmentTag } from '../departments/module';
import { departmentModules } from '../departments/registry';
import type { Declaration, Level, Owner } from '../policy/declaration';
import { ADULT_AGE, ELDERLY_AGE, Tag, TAGS, TagSource } from './tag';

/**
 * One service tag: how it is derived, from which department, and what it reveals, declared like a
 * field (owner and level) so that `decide(role, purpose, declaration)` from the policy table says
 * who may see it and filter by it. The same declaration is placed on the `PersonTags` and
 * `HouseholdTags` fields with `@Policy`, so the access matrix lists every tag.
 *
 * Levels: a tag reveals a service need, never the detail behind it (issue 3: "service tags derived
 * from L4 data may be shown without the underlying detail"). Each tag below is declared at the
 * level of that yes/no fact, which is why they are L2 while the records behind some are L3 or L4.
 * Each department module declares the tags it answers (`tags` in src/departments/<name>/index.ts).
 */
export interface TagDefinition {
  tag: Tag;
  /** Field name on PersonTags / HouseholdTags. */
  field: string;
  label: string;
  /** The department module that declares and answers the tag (the identity spine answers every tag's age and 户籍 part). */
  source: TagSource;
  /** An age condition (the spine's birth date) the person must also meet: at least `min`, younger than `below`. */
  age?: { min?: number; below?: number };
  /** The department's SQL confirming its part (DepartmentTag.check); none: the spine's rows decide alone. */
  check?: string;
  /** Whether a registered household can carry it (FLOATING_POPULATION: members are never floating). */
  household: boolean;
  declaration: Declaration;
  derivation: string;
  /** Why the declared level is right, for reviewers. */
  reason: string;
}

/** Age at which ELDERLY_LIVING_ALONE starts, and below which CHILD_IN_DIFFICULTY applies (declared in tag.ts). */
export { ADULT_AGE, ELDERLY_AGE };

function definitionOf(source: string, t: DepartmentTag): TagDefinition {
  const declaration: Declaration = t.alsoReveals
    ? { owner: source, level: t.level, mask: 'NONE', alsoReveals: t.alsoReveals }
    : { owner: source, level: t.level, mask: 'NONE' };
  const { tag, field, label, age, household, check, derivation, reason } = t;
  return { tag, field, label, source, ...(age ? { age } : {}), household, ...(check ? { check } : {}), declaration, derivation, reason };
}

/**
 * Every tag's definition, in the order of the Tag enum, from the registered department modules'
 * `tags`. Throws when a tag is declared by no module or by two.
 */
function catalogFromModules(): Readonly<Record<Tag, TagDefinition>> {
  const found = new Map<Tag, TagDefinition>();
  for (const m of departmentModules()) {
    for (const t of m.tags ?? []) {
      if (found.has(t.tag)) throw new Error(`service tag ${t.tag} is declared by ${found.get(t.tag)!.source} and ${m.name}`);
      found.set(t.tag, definitionOf(m.name, t));
    }
  }
  const missing = TAGS.filter((t) => !found.has(t));
  if (missing.length > 0) throw new Error(`service tags declared by no department module: ${missing.join(', ')}`);
  return Object.fromEntries(TAGS.map((t) => [t, found.get(t)!])) as Record<Tag, TagDefinition>;
}

export const TAG_CATALOG: Readonly<Record<Tag, TagDefinition>> = catalogFromModules();

/** The `@Policy` arguments of a tag's field: its declaration, spread. */
export function tagPolicy(tag: Tag): [Owner, Level, 'NONE', Declaration['alsoReveals']] {
  const d = TAG_CATALOG[tag].declaration;
  return [d.owner, d.level, 'NONE', d.alsoReveals];
}
