import type DataLoader from 'dataloader';
import type { Databases } from '../../db/databases';
import { manyByKey } from '../keyedLoader';
import { confirmTags, tagDepartments, TagRow } from './tagChecks';

/**
 * Per-request loaders for showing tags: per ID number, the tags whose department part each
 * answering department (its module declares the tags, e.g. civil affairs, health) confirms, under
 * the department's name. One query per department per batch, however many persons or households
 * a response lists.
 */
export function createTagLoaders(dbs: Databases): Record<string, DataLoader<string, TagRow[]>> {
  const byId = (r: { id_number: string }) => r.id_number;
  const loaders: Record<string, DataLoader<string, TagRow[]>> = {};
  for (const d of tagDepartments()) loaders[d.name] = manyByKey(d.label, (ns) => confirmTags(dbs[d.name], d.tags, ns), byId);
  return loaders;
}

export type TagLoaders = ReturnType<typeof createTagLoaders>;
