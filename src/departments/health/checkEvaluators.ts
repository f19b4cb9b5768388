import type { Evaluator } from '../../checks/checkRule';
import { ACTIVE, column, lookup, persons, present, rows } from '../../checks/federation';

/**
 * How health's checks (./checkRules.ts) are evaluated, as a federation: see
 * src/checks/federation.ts (candidates from one database, batched look-ups in the others, every
 * statement a SELECT, nothing copied).
 */
export const healthCheckEvaluators: Readonly<Record<string, Evaluator>> = {
  BIRTH_DATE_MISMATCH: async ({ dbs }) => {
    const births = await rows<{ id_number: string; day: string }>(dbs.health, 'SELECT child_id_number AS id_number, born_on::text AS day FROM births WHERE child_id_number IS NOT NULL');
    const registered = new Map((await lookup<{ id_number: string; day: string }>(dbs.police, births.map((b) => b.id_number),
      'SELECT id_number, birth_date::text AS day FROM persons WHERE id_number = ANY($1::bpchar[])')).map((r) => [r.id_number, r.day]));
    return persons(births.filter((b) => registered.has(b.id_number) && registered.get(b.id_number) !== b.day).map((b) => b.id_number));
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
