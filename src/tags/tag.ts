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

/** Departments that answer for a tag's non-police part, besides police identity (age, 户籍). */
export type TagSource = 'police' | 'civil' | 'health';
