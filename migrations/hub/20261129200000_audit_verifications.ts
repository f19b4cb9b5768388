import type { Knex } from 'knex';

/**
 * Verifications of the access log run from the console (issue 19): when, by whom, and what they
 * found, so an auditor sees the chain's last verification next to its last signed checkpoint. The
 * serving login may add a row and read them, never change or delete one (no UPDATE, DELETE or
 * TRUNCATE granted). `audit:verify` on the command line runs as the read-only auditor login and
 * records nothing here.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE audit_verifications (
      id bigserial PRIMARY KEY,
      ran_at timestamptz NOT NULL DEFAULT now(),
      subject text NOT NULL,
      status text NOT NULL CHECK (status IN ('INTACT', 'BROKEN', 'CANNOT_RUN')),
      records bigint NOT NULL,
      last_seq bigint NOT NULL,
      checkpoints integer NOT NULL,
      witnessed integer NOT NULL,
      broken_seq bigint,
      message text NOT NULL
    );
    GRANT SELECT, INSERT ON audit_verifications TO onefile_app;
    GRANT USAGE ON SEQUENCE audit_verifications_id_seq TO onefile_app;
    GRANT SELECT ON audit_verifications TO onefile_auditor;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE audit_verifications');
}
