import type { Knex } from 'knex';
import { Tag, TagSource } from '../../tags/tag';
import { TAG_CATALOG } from '../../tags/tagCatalog';
import { sortedKeys } from '../keyedLoader';
import { runSql } from '../runSql';
import type { NumberedSql } from './sql';

/** A department's confirmation that a person (by ID number) has a tag's department part. */
export interface TagRow {
  id_number: string;
  tag: Tag;
}

/**
 * The department part of each tag, as one SELECT of the ID numbers among the batch (`= ANY($1)`,
 * answered by an index-only scan of a partial index). Police parts (age, 户籍) are checked from
 * police identity rows, never here.
 */
const CHECKS: Partial<Record<Tag, string>> = {
  [Tag.ELDERLY_LIVING_ALONE]: 'SELECT e.id_number FROM elderly_care e WHERE e.lives_alone AND e.id_number = ANY($1::bpchar[])',
  [Tag.DISABLED]: 'SELECT d.id_number FROM disabilities d WHERE d.id_number = ANY($1::bpchar[])',
  [Tag.LOW_INCOME]: `SELECT DISTINCT a.id_number FROM assistance a
    WHERE a.status = 'ACTIVE' AND a.kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY') AND a.id_number = ANY($1::bpchar[])`,
  [Tag.CHILD_IN_DIFFICULTY]: 'SELECT c.id_number FROM children_in_difficulty c WHERE c.id_number = ANY($1::bpchar[])',
  [Tag.NEEDS_HEALTH_FOLLOW_UP]: `SELECT DISTINCT c.id_number FROM chronic_conditions c
    WHERE c.managed AND c.id_number = ANY($1::bpchar[]) AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.id_number = c.id_number)`,
};

/** The tags `department` answers for, among `tags`. */
export function tagsAnsweredBy(department: TagSource, tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => TAG_CATALOG[t].source === department && CHECKS[t] !== undefined);
}

/**
 * The statement `confirmTags` runs, numbered for runSql: every branch reads the same `$1` (the ID
 * numbers travel and are parsed once, however many tags are asked). Tag names come from the Tag
 * enum, never from input.
 */
export function confirmTagsSql(tags: readonly Tag[], idNumbers: readonly string[]): NumberedSql {
  // One statement text per set of tags, whatever order they were asked in (it is prepared per connection).
  const branches = [...tags].sort().map((t) => `SELECT id_number, '${t}'::text AS tag FROM (${CHECKS[t]}) AS ${t.toLowerCase()}`);
  return { text: branches.join('\nUNION ALL\n'), values: [sortedKeys(idNumbers)] };
}

/**
 * One round trip to one department: which of `idNumbers` have the department part of which of
 * `tags` (all answered by `db`'s department), in one statement.
 */
export async function confirmTags(db: Knex, tags: readonly Tag[], idNumbers: readonly string[]): Promise<TagRow[]> {
  if (tags.length === 0 || idNumbers.length === 0) return [];
  const { text, values } = confirmTagsSql(tags, idNumbers);
  return runSql<TagRow>(db, text, values);
}
