import type { Knex } from 'knex';
import { TAGS } from '../../tags/tag';
import { manyByKey } from '../keyedLoader';
import { confirmTags, tagsAnsweredBy } from './tagChecks';

/**
 * Per-request loaders for showing tags: per ID number, the tags whose department part civil
 * affairs (resp. health) confirms. One query per department per batch, however many persons or
 * households a response lists.
 */
export function createTagLoaders(civil: Knex, health: Knex) {
  const civilTags = tagsAnsweredBy('civil', TAGS);
  const healthTags = tagsAnsweredBy('health', TAGS);
  const byId = (r: { id_number: string }) => r.id_number;
  return {
    civil: manyByKey('civil affairs', (ns) => confirmTags(civil, civilTags, ns), byId),
    health: manyByKey('health', (ns) => confirmTags(health, healthTags, ns), byId),
  };
}

export type TagLoaders = ReturnType<typeof createTagLoaders>;
