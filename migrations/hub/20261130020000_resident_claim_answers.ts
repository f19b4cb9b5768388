import type { Knex } from 'knex';

/**
 * The yes/no answers of a verification, for the resident only (issue 18). The access record of a
 * `verify` call lists the claims asked (`ClaimAnswers.*` under ALLOW) and never the answers: the
 * chain is read by auditors, and "aged 60 or over: yes" about a named resident is a disclosure (a
 * hash of a yes/no in the chain could be guessed in two tries). The answers are kept here instead,
 * keyed by the access record (`seq`) and the resident, written in the same transaction as that
 * record (src/audit/auditStore.ts), so a record's answers exist if and only if the record does.
 * Read only by the resident's own history (`myAccessLog`); the serving login inserts and reads
 * them (its resolvers decide who sees what: only the resident), cannot change or delete them; the
 * auditors' login (chain verification) has no access at all.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE resident_claim_answers (
      seq      bigint NOT NULL,
      resident uuid NOT NULL,
      answers  jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
      PRIMARY KEY (seq, resident)
    );
    GRANT SELECT, INSERT ON resident_claim_answers TO onefile_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE resident_claim_answers');
}
