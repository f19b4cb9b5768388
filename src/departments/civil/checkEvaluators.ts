import type { Evaluator } from '../../checks/checkRule';
import { ACTIVE, ACTIVE_KIND, DEAD, KNOWN, LOCAL, column, persons, present, rows } from '../../checks/federation';

/**
 * How civil affairs's checks (./checkRules.ts) are evaluated, as a federation: see
 * src/checks/federation.ts (candidates from one database, batched look-ups in the others, every
 * statement a SELECT, nothing copied).
 */
export const civilCheckEvaluators: Readonly<Record<string, Evaluator>> = {
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

  ASSISTANCE_UNKNOWN_TO_POLICE: async ({ dbs }) => {
    const paid = await rows<{ id: string; id_number: string }>(dbs.civil, "SELECT id::text AS id, id_number FROM assistance WHERE status = 'ACTIVE'");
    const known = await present(dbs.police, [...new Set(paid.map((r) => r.id_number))], KNOWN);
    return paid.filter((r) => !known.has(r.id_number)).map((r) => ({ ownerRecord: `civil.assistance:${r.id}` }));
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
};
