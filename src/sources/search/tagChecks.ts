import type { Knex } from 'knex';
import type { DepartmentModule } from '../../departments/module';
import { departmentModules } from '../../departments/registry';
import { Tag, TAGS, TagSource } from '../../tags/tag';
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
 * The tags `department` answers for, among `tags`: those its module declares with a `check`, the
 * department part as one SELECT of the ID numbers among the batch (`= ANY($1)`, answered by an
 * index-only scan of a partial index). The spine's parts (age, 户籍) are checked from its identity
 * rows, never here.
 */
export function tagsAnsweredBy(department: TagSource, tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => TAG_CATALOG[t].source === department && TAG_CATALOG[t].check !== undefined);
}

/**
 * The statement `confirmTags` runs, numbered for runSql: every branch reads the same `$1` (the ID
 * numbers travel and are parsed once, however many tags are asked). Tag names come from the Tag
 * enum, never from input.
 */
export function confirmTagsSql(tags: readonly Tag[], idNumbers: readonly string[]): NumberedSql {
  // One statement text per set of tags, whatever order they were asked in (it is prepared per connection).
  const branches = [...tags].sort().map((t) => `SELECT id_number, '${t}'::text AS tag FROM (${TAG_CATALOG[t].check}) AS ${t.toLowerCase()}`);
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

/** A department that confirms some tag's department part, and how errors name its records. */
export interface TagDepartment {
  name: string;
  label: string;
  /** Every tag it answers: what its per-request tag loader asks it for. */
  tags: Tag[];
}

let answering: { modules: readonly DepartmentModule[]; departments: TagDepartment[] } | undefined;

/** The registered departments that answer some tag's department part (from their modules' `tags`; worked out once per registry). */
export function tagDepartments(): TagDepartment[] {
  const modules = departmentModules();
  if (answering?.modules !== modules) {
    const departments = modules
      .map((m) => ({ name: m.name, label: m.recordsLabel ?? m.name, tags: tagsAnsweredBy(m.name, TAGS) }))
      .filter((d) => d.tags.length > 0);
    answering = { modules, departments };
  }
  return answering.departments;
}
