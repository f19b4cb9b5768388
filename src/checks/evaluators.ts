import type { Knex } from 'knex';
import type { Databases } from '../db/databases';
import { runSql } from '../sources/runSql';

/**
 * How each declared rule (./rules.ts) is evaluated, as a federation: one department's database
 * gives the candidates (an indexed scan of its own table), the others are asked about exactly
 * those keys in batches (`= ANY($1)`, BATCH keys a statement), and nothing is copied anywhere —
 * the candidates live in this process for the length of the run. Every statement is a SELECT:
 * OneFile never writes department data.
 *
 * An evaluator returns its cases keyed by subject: `idNumber` (the person concerned, or the
 * mother for BIRTH_NOT_REGISTERED) which the run turns into a hub person id and then forgets, or
 * `ownerRecord` (the owner's own record key) where the hub has no person.
 */
export interface RuleCase {
  idNumber?: string;
  ownerRecord?: string;
}

export interface EvaluationContext {
  dbs: Databases;
  /** The day the rules are evaluated for (ISO date): ages and contract expiries are counted to it. */
  asOf: string;
}

export type Evaluator = (ctx: EvaluationContext) => Promise<RuleCase[]>;

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
async function present(db: Knex, keys: readonly string[], sql: string, extra: readonly unknown[] = []): Promise<Set<string>> {
  return new Set((await lookup<{ id_number: string }>(db, keys, sql, extra)).map((r) => r.id_number));
}

async function column(db: Knex, sql: string, bindings: readonly unknown[] = []): Promise<string[]> {
  return (await runSql<{ id_number: string }>(db, sql, bindings, { prepare: false })).map((r) => r.id_number);
}

function rows<Row>(db: Knex, sql: string): Promise<Row[]> {
  return runSql<Row>(db, sql, [], { prepare: false });
}

/** The ID numbers of `idNumbers` police hold a person for (the identity spine; the only numbers that get hub ids). */
export async function heldBySpine(dbs: Databases, idNumbers: readonly string[]): Promise<string[]> {
  return [...(await present(dbs.police, idNumbers, KNOWN))];
}

const DEAD = 'SELECT id_number FROM deaths WHERE id_number = ANY($1::bpchar[])';
const KNOWN = 'SELECT id_number FROM persons WHERE id_number = ANY($1::bpchar[])';
const LOCAL = 'SELECT id_number FROM persons WHERE id_number = ANY($1::bpchar[]) AND household_no IS NOT NULL';
const ACTIVE = "SELECT DISTINCT id_number FROM assistance WHERE id_number = ANY($1::bpchar[]) AND status = 'ACTIVE'";
const ACTIVE_KIND = "SELECT DISTINCT id_number FROM assistance WHERE id_number = ANY($1::bpchar[]) AND status = 'ACTIVE' AND kind = $2";

const persons = (ids: readonly string[]): RuleCase[] => [...new Set(ids)].map((idNumber) => ({ idNumber }));

/** The evaluator of every declared rule, by rule id (a test checks both lists agree). */
export const EVALUATORS: Readonly<Record<string, Evaluator>> = {
  DEATH_WITH_ACTIVE_ASSISTANCE: async ({ dbs }) => {
    const dead = await column(dbs.health, 'SELECT id_number FROM deaths');
    const paid = await present(dbs.civil, dead, ACTIVE);
    return persons(dead.filter((id) => paid.has(id)));
  },

  LIVES_ALONE_CONFLICT: async ({ dbs }) => {
    const alone = await column(dbs.civil, 'SELECT id_number FROM elderly_care WHERE lives_alone');
    const shared = await present(dbs.police, alone, `
      SELECT p.id_number FROM persons p
      WHERE p.id_number = ANY($1::bpchar[]) AND p.household_no IS NOT NULL
        AND (SELECT count(*) FROM persons q WHERE q.household_no = p.household_no) >= 2`);
    return persons(alone.filter((id) => shared.has(id)));
  },

  MARITAL_CONFLICT: async ({ dbs }) => {
    const spouses = await column(dbs.police, "SELECT id_number FROM persons WHERE relation_to_head = 'SPOUSE'");
    const single = await present(dbs.civil, spouses, "SELECT id_number FROM marital_status WHERE id_number = ANY($1::bpchar[]) AND status = 'SINGLE'");
    return persons(spouses.filter((id) => single.has(id)));
  },

  BIRTH_DATE_MISMATCH: async ({ dbs }) => {
    const births = await rows<{ id_number: string; day: string }>(dbs.health, 'SELECT child_id_number AS id_number, born_on::text AS day FROM births WHERE child_id_number IS NOT NULL');
    const registered = new Map((await lookup<{ id_number: string; day: string }>(dbs.police, births.map((b) => b.id_number),
      'SELECT id_number, birth_date::text AS day FROM persons WHERE id_number = ANY($1::bpchar[])')).map((r) => [r.id_number, r.day]));
    return persons(births.filter((b) => registered.has(b.id_number) && registered.get(b.id_number) !== b.day).map((b) => b.id_number));
  },

  ASSISTANCE_UNKNOWN_TO_POLICE: async ({ dbs }) => {
    const paid = await rows<{ id: string; id_number: string }>(dbs.civil, "SELECT id::text AS id, id_number FROM assistance WHERE status = 'ACTIVE'");
    const known = await present(dbs.police, [...new Set(paid.map((r) => r.id_number))], KNOWN);
    return paid.filter((r) => !known.has(r.id_number)).map((r) => ({ ownerRecord: `civil.assistance:${r.id}` }));
  },

  BIRTH_NOT_REGISTERED: async ({ dbs }) => {
    const births = await rows<{ child_id_number: string | null; mother_id_number: string }>(dbs.health, 'SELECT child_id_number, mother_id_number FROM births');
    const known = await present(dbs.police, births.flatMap((b) => (b.child_id_number ? [b.child_id_number] : [])), KNOWN);
    return persons(births.filter((b) => !b.child_id_number || !known.has(b.child_id_number)).map((b) => b.mother_id_number));
  },

  AGED_80_WITHOUT_OLD_AGE_ALLOWANCE: async ({ dbs, asOf }) => {
    const aged = await column(dbs.police, "SELECT id_number FROM persons WHERE household_no IS NOT NULL AND birth_date <= ($1::date - interval '80 years')::date", [asOf]);
    const dead = await present(dbs.health, aged, DEAD);
    const living = aged.filter((id) => !dead.has(id));
    const paid = await present(dbs.civil, living, ACTIVE_KIND, ['OLD_AGE_ALLOWANCE']);
    return persons(living.filter((id) => !paid.has(id)));
  },

  SEVERE_DISABILITY_WITHOUT_SUBSIDY: async ({ dbs }) => {
    const unpaid = await column(dbs.civil, `
      SELECT d.id_number FROM disabilities d
      WHERE d.grade <= 2 AND NOT EXISTS (
        SELECT 1 FROM assistance a WHERE a.id_number = d.id_number AND a.kind = 'DISABILITY_SUBSIDY' AND a.status = 'ACTIVE')`);
    const dead = await present(dbs.health, unpaid, DEAD);
    const living = unpaid.filter((id) => !dead.has(id));
    const local = await present(dbs.police, living, LOCAL);
    return persons(living.filter((id) => local.has(id)));
  },

  CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR: async ({ dbs, asOf }) => {
    const lowIncome = await column(dbs.civil, "SELECT DISTINCT id_number FROM assistance WHERE kind = 'MINIMUM_LIVING' AND status = 'ACTIVE'");
    const uncovered = await present(dbs.health, lowIncome, `
      SELECT DISTINCT c.id_number FROM chronic_conditions c
      WHERE c.id_number = ANY($1::bpchar[])
        AND NOT EXISTS (SELECT 1 FROM family_doctor_contracts f WHERE f.id_number = c.id_number AND f.expires_on >= $2::date)
        AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.id_number = c.id_number)`, [asOf]);
    return persons(lowIncome.filter((id) => uncovered.has(id)));
  },
};
