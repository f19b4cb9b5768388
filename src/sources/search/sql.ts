import type { Knex } from 'knex';

/**
 * A fragment of SQL with its positional `?` bindings. Caller input only ever travels in `values`
 * (bound parameters); `text` is built from constants in this folder.
 */
export interface Sql {
  text: string;
  values: Knex.RawBinding[];
}

export function sql(text: string, ...values: Knex.RawBinding[]): Sql {
  return { text, values };
}

/** Fragments joined with AND; `TRUE` when there are none. */
export function and(parts: readonly Sql[]): Sql {
  if (parts.length === 0) return sql('TRUE');
  return { text: parts.map((p) => `(${p.text})`).join(' AND '), values: parts.flatMap((p) => p.values) };
}

/** Escapes `%`, `_` and `\` so the text matches itself literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching values that start with `text`, taken literally. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/** A LIKE pattern matching values that contain `text`, taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A whole statement with `$1`, `$2`, … placeholders, as runSql takes it. */
export interface NumberedSql {
  text: string;
  values: Knex.RawBinding[];
}

/**
 * The fragment with its `?` placeholders numbered `$first`, `$first+1`, … for a statement sent to
 * pg directly (runSql), so the same fragment serves knex.raw and fixed SQL alike.
 */
export function numbered(fragment: Sql, first: number): NumberedSql {
  let n = first;
  return { text: fragment.text.replace(/\?/g, () => `$${n++}`), values: fragment.values };
}
