import type { Knex } from 'knex';

/**
 * Cross-department checks (issue 18): the runs, the findings and, per run, the counts by rule and
 * the share of residents with an open finding per owner department. OneFile's own data: a finding
 * names its rule, the department that must act, its subject (the hub person id, or for a subject
 * the hub has no person for, the owner's own record key, see src/checks/rules.ts) and when it was
 * seen — never a department's values. A finding is open until a run no longer finds it
 * (`resolved_at`); a later recurrence is a new row. The serving login runs checks (insert runs and
 * findings, move last_seen/resolved_at) and reads them; it cannot delete any.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE check_runs (
      id          bigserial PRIMARY KEY,
      started_at  timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      as_of       date NOT NULL,
      trigger     text NOT NULL CHECK (trigger IN ('OPERATOR', 'SCHEDULE')),
      status      text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
      residents   bigint
    );
    CREATE TABLE check_findings (
      id            bigserial PRIMARY KEY,
      rule          text NOT NULL,
      owner         text NOT NULL,
      subject_key   text NOT NULL,
      subject_id    uuid,
      first_seen_at timestamptz NOT NULL,
      last_seen_at  timestamptz NOT NULL,
      resolved_at   timestamptz,
      first_run     bigint NOT NULL REFERENCES check_runs (id),
      last_run      bigint NOT NULL REFERENCES check_runs (id)
    );
    CREATE UNIQUE INDEX check_findings_open_idx ON check_findings (rule, subject_key) WHERE resolved_at IS NULL;
    CREATE INDEX check_findings_owner_idx ON check_findings (owner, rule, id) WHERE resolved_at IS NULL;
    CREATE TABLE check_run_rules (
      run_id   bigint NOT NULL REFERENCES check_runs (id),
      rule     text NOT NULL,
      owner    text NOT NULL,
      open     bigint NOT NULL,
      opened   bigint NOT NULL,
      resolved bigint NOT NULL,
      PRIMARY KEY (run_id, rule)
    );
    CREATE TABLE check_department_shares (
      run_id     bigint NOT NULL REFERENCES check_runs (id),
      department text NOT NULL,
      subjects   bigint NOT NULL,
      residents  bigint NOT NULL,
      PRIMARY KEY (run_id, department)
    );
    GRANT SELECT, INSERT, UPDATE ON check_runs, check_findings TO onefile_app;
    GRANT SELECT, INSERT ON check_run_rules, check_department_shares TO onefile_app;
    GRANT USAGE ON SEQUENCE check_runs_id_seq, check_findings_id_seq TO onefile_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE check_department_shares, check_run_rules, check_findings, check_runs');
}
