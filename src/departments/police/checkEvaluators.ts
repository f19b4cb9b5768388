import type { Evaluator } from '../../checks/checkRule';
import { KNOWN, persons, present, rows } from '../../checks/federation';

/**
 * How police's checks (./checkRules.ts) are evaluated, as a federation: see
 * src/checks/federation.ts (candidates from one database, batched look-ups in the others, every
 * statement a SELECT, nothing copied).
 */
export const policeCheckEvaluators: Readonly<Record<string, Evaluator>> = {
  BIRTH_NOT_REGISTERED: async ({ dbs }) => {
    const births = await rows<{ child_id_number: string | null; mother_id_number: string }>(dbs.health, 'SELECT child_id_number, mother_id_number FROM births');
    const known = await present(dbs.police, births.flatMap((b) => (b.child_id_number ? [b.child_id_number] : [])), KNOWN);
    return persons(births.filter((b) => !b.child_id_number || !known.has(b.child_id_number)).map((b) => b.mother_id_number));
  },
};
