import type { Knex } from 'knex';
import type { Databases } from '../db/databases';
import { spineDatabase } from '../departments/spine';
import { runSql } from '../sources/runSql';
import type { RuleCase } from './checkRule';

/**
 * The federation helpers check evaluators are written with (the evaluators themselves live in the
 * department modules that own the rules, src/departments/<name>/checkEvaluators.ts): one
 * department's database gives the candidates (an indexed scan of its own table), the others are
 * asked about exactly those keys in batches (`= ANY($1)`, BATCH keys a statement), and nothing is
 * copied anywhere — the candidates live in this process for the length of the run. Every statement
 * is a SELECT: OneFile never writes department data.
 */
/** ID numbers per lookup statement. */
export const BATCH = 10_000;

/** Runs `sql` (whose `$1` receives a batch of keys) over `keys` in batches; returns all rows. */
export async function lookup<Row>(db: Knex, keys: readonly string[], sql: string, extra: readonly unknown[] = []): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    rows.push(...(await runSql<Row>(db, sql, [batch, ...extra], { prepare: false })));
  }
  return rows;
}

/** The keys of `keys` for which the batched `sql` returns a row (its first column `id_number`). */
export async function present(db: Knex, keys: readonly string[], sql: string, extra: readonly unknown[] = []): Promise<Set<string>> {
  return new Set((await lookup<{ id_number: string }>(db, keys, sql, extra)).map((r) => r.id_number));
}

/** The first column (`id_number`) of a full query's rows. */
export async function column(db: Knex, sql: string, bindings: readonly unknown[] = []): Promise<string[]> {
  return (await runSql<{ id_number: string }>(db, sql, bindings, { prepare: false })).map((r) => r.id_number);
}

/** The rows of a full query (no batching). */
export function rows<Row>(db: Knex, sql: string): Promise<Row[]> {
  return runSql<Row>(db, sql, [], { prepare: false });
}

/** Batched look-ups the evaluators share (`$1`: a batch of ID numbers). Table names, not departments: each runs on the database passed. */
export const DEAD = 'SELECT id_number FROM deaths WHERE id_number = ANY($1::bpchar[])';
export const KNOWN = 'SELECT id_number FROM persons WHERE id_number = ANY($1::bpchar[])';
export const LOCAL = 'SELECT id_number FROM persons WHERE id_number = ANY($1::bpchar[]) AND household_no IS NOT NULL';
export const ACTIVE = "SELECT DISTINCT id_number FROM assistance WHERE id_number = ANY($1::bpchar[]) AND status = 'ACTIVE'";
export const ACTIVE_KIND = "SELECT DISTINCT id_number FROM assistance WHERE id_number = ANY($1::bpchar[]) AND status = 'ACTIVE' AND kind = $2";

/** Cases about these persons (each ID number once). */
export const persons = (ids: readonly string[]): RuleCase[] => [...new Set(ids)].map((idNumber) => ({ idNumber }));

/** The ID numbers of `idNumbers` the identity spine (the module that declares `identity`) holds a person for: the only numbers that get hub ids. */
export async function heldBySpine(dbs: Databases, idNumbers: readonly string[]): Promise<string[]> {
  return [...(await present(spineDatabase(dbs, 'department'), idNumbers, KNOWN))];
}
