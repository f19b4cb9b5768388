/**
 * Service tags (服务标签): the special groups street staff visit, each derived live from the
 * departments that own the underlying facts. The catalog (tagCatalog.ts) says how each is derived
 * and what it reveals; this is only the vocabulary.
 */
export enum Tag {
  ELDERLY_LIVING_ALONE = 'ELDERLY_LIVING_ALONE',
  DISABLED = 'DISABLED',
  LOW_INCOME = 'LOW_INCOME',
  FLOATING_POPULATION = 'FLOATING_POPULATION',
  CHILD_IN_DIFFICULTY = 'CHILD_IN_DIFFICULTY',
  NEEDS_HEALTH_FOLLOW_UP = 'NEEDS_HEALTH_FOLLOW_UP',
}

export const TAGS: readonly Tag[] = Object.values(Tag);

/** The department module that answers a tag (its `tags` declare it; src/departments/module.ts). */
export type TagSource = string;

/** Age at which ELDERLY_LIVING_ALONE starts, and below which CHILD_IN_DIFFICULTY applies. */
export const ELDERLY_AGE = 60;
export const ADULT_AGE = 18;
