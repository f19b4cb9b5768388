import type { Knex } from 'knex';
// The serving login's development password is defined once, in src/startup/mode.ts (production refuses it).
import { DEV_APP_PASSWORD } from '../../src/startup/mode';

/**
 * The hub serves as its own login, `onefile_app`, not as the owner with SET ROLE (which the session
 * could RESET). That login may read the hub's tables, register index entries and append access
 * records only through `append_access_records`, which runs with the owner's rights, refuses records
 * dated more than five minutes from the database clock, and is the only way into the log. It
 * cannot insert, change or delete records, nor move the chain head.
 */
export async function up(knex: Knex): Promise<void> {
  const password = (process.env.ONEFILE_APP_PASSWORD || DEV_APP_PASSWORD).replace(/'/g, "''");
  await knex.raw(`
    ALTER ROLE onefile_app LOGIN PASSWORD '${password}';
    REVOKE INSERT ON access_log FROM onefile_app;
    REVOKE UPDATE ON access_log_head FROM onefile_app;

    CREATE OR REPLACE FUNCTION append_access_records(canonicals text[], records jsonb) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    DECLARE
      head_seq  bigint;
      prev      text;
      prev_prev text;
      cur       text;
      rec       jsonb;
      i         integer;
    BEGIN
      SELECT h.seq, h.hash, h.prev_hash INTO head_seq, prev, prev_prev FROM access_log_head h WHERE h.id = 1 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'access log head is missing';
      END IF;
      FOR i IN 1 .. coalesce(array_length(canonicals, 1), 0) LOOP
        rec := records -> (i - 1);
        IF abs(extract(epoch FROM (rec ->> 'occurred_at')::timestamptz - clock_timestamp())) > 300 THEN
          RAISE EXCEPTION 'access record time is more than five minutes from the database clock' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        head_seq := head_seq + 1;
        cur := encode(sha256(convert_to(prev || canonicals[i], 'UTF8')), 'hex');
        INSERT INTO access_log
          SELECT (jsonb_populate_record(NULL::access_log, rec || jsonb_build_object('seq', head_seq, 'prev_hash', prev, 'hash', cur))).*;
        RETURN NEXT head_seq;
        prev_prev := prev;
        prev := cur;
      END LOOP;
      UPDATE access_log_head SET seq = head_seq, prev_hash = prev_prev, hash = prev WHERE id = 1;
    END $$;
    REVOKE EXECUTE ON FUNCTION append_access_records(text[], jsonb) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION append_access_records(text[], jsonb) TO onefile_app;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER FUNCTION append_access_records(text[], jsonb) SECURITY INVOKER;
    GRANT INSERT ON access_log TO onefile_app;
    GRANT UPDATE ON access_log_head TO onefile_app;
    ALTER ROLE onefile_app NOLOGIN;
  `);
}
