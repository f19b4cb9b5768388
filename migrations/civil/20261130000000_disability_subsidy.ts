import type { Knex } from 'knex';

/**
 * The severe-disability care subsidy (重度残疾人护理补贴, `DISABILITY_SUBSIDY`) joins the kinds of
 * assistance civil affairs pays (issue 18: "a grade 1–2 disability with no disability subsidy" is
 * one of the declared cross-department checks). Paid per person, like the old-age allowance.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE assistance DROP CONSTRAINT assistance_kind_check;
    ALTER TABLE assistance ADD CONSTRAINT assistance_kind_check
      CHECK (kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY', 'OLD_AGE_ALLOWANCE', 'DISABILITY_SUBSIDY'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM assistance WHERE kind = 'DISABILITY_SUBSIDY';
    ALTER TABLE assistance DROP CONSTRAINT assistance_kind_check;
    ALTER TABLE assistance ADD CONSTRAINT assistance_kind_check
      CHECK (kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY', 'OLD_AGE_ALLOWANCE'));
  `);
}
