import type { Knex } from 'knex';
import { ensureMonthlyPartitions } from '../../src/audit/partitions';

/** The role the hub serves requests as (SET ROLE on every hub connection). */
export const APP_ROLE = 'onefile_app';

/** First month with a partition; later months are created ahead of time at start-up. */
const FIRST_MONTH = '2026-01-01';
const MONTHS_AHEAD = 24;

/**
 * The access log: one record per request that touched resident data, hash-chained
 * (hash = sha256(prev_hash ‖ canonical record)) through a single head row, partitioned by month,
 * append-only (a trigger refuses UPDATE, DELETE and TRUNCATE for everyone) and written by a role
 * that may insert and read records but not change them. Signed checkpoints pin the chain's end.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      END IF;
    END $$;
    GRANT ${APP_ROLE} TO CURRENT_USER;

    CREATE TABLE access_log (
      seq            bigint      NOT NULL,
      occurred_at    timestamptz NOT NULL,
      request_id     uuid        NOT NULL,
      subject        text        NOT NULL,
      role           text        NOT NULL,
      department     text,
      client_app     text        NOT NULL,
      purpose        text,
      case_number    text,
      operation_name text,
      document_hash  text        NOT NULL,
      outcome        text        NOT NULL CHECK (outcome IN ('DISCLOSED', 'PARTIAL', 'NOTHING_FOUND', 'REFUSED', 'ERROR')),
      duration_ms    integer     NOT NULL,
      residents      uuid[]      NOT NULL,   -- hub ids of the persons whose data was disclosed
      households     uuid[]      NOT NULL,
      misses         integer     NOT NULL,   -- ids asked for that returned nothing (missing or out of scope)
      disclosures    jsonb       NOT NULL,   -- [{ subjects: [hub ids], ALLOW: [Type.field], MASK: [...], DENY: [...] }]
      decisions      text[]      NOT NULL,   -- the distinct decisions in disclosures, for filtering
      prev_hash      text        NOT NULL,
      hash           text        NOT NULL,
      PRIMARY KEY (seq, occurred_at)
    ) PARTITION BY RANGE (occurred_at);
    CREATE TABLE access_log_before_2026 PARTITION OF access_log FOR VALUES FROM (MINVALUE) TO ('${FIRST_MONTH}');
    CREATE INDEX access_log_occurred_at_idx ON access_log (occurred_at);
    CREATE INDEX access_log_subject_idx ON access_log (subject, occurred_at);
    CREATE INDEX access_log_residents_idx ON access_log USING gin (residents);

    CREATE TABLE access_log_head (
      id        integer PRIMARY KEY CHECK (id = 1),
      seq       bigint  NOT NULL,
      prev_hash text    NOT NULL,
      hash      text    NOT NULL
    );
    INSERT INTO access_log_head VALUES (1, 0, repeat('0', 64), repeat('0', 64));

    CREATE TABLE access_log_checkpoints (
      id         bigserial   PRIMARY KEY,
      seq        bigint      NOT NULL,
      hash       text        NOT NULL,
      signed_at  timestamptz NOT NULL,
      key_id     text        NOT NULL,
      signature  text        NOT NULL       -- Ed25519 over "seq:hash:signed_at", base64
    );

    CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the access log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
    CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
    CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON access_log_checkpoints FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();

    GRANT SELECT ON streets, communities, grids, buildings TO ${APP_ROLE};
    GRANT SELECT, INSERT ON person_index, household_index TO ${APP_ROLE};
    GRANT SELECT, INSERT ON access_log, access_log_checkpoints TO ${APP_ROLE};
    GRANT USAGE ON SEQUENCE access_log_checkpoints_id_seq TO ${APP_ROLE};
    GRANT SELECT, UPDATE ON access_log_head TO ${APP_ROLE};
  `);
  await ensureMonthlyPartitions(knex, new Date(`${FIRST_MONTH}T00:00:00Z`), MONTHS_AHEAD);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE access_log, access_log_head, access_log_checkpoints;
    DROP FUNCTION access_log_refuse_change();
  `);
}
