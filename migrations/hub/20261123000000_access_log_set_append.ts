import type { Knex } from 'knex';

/**
 * `append_access_records` inserts its batch with one set-based INSERT instead of one INSERT per
 * record. The old body's `SELECT (jsonb_populate_record(...)).*` made PostgreSQL evaluate the
 * populate (and the jsonb concatenation inside it) once per column — 19 times per record — which
 * was most of the ~1 ms of PostgreSQL CPU a record cost (`npm run bench:append`). Chaining is
 * unchanged: the head is locked once, hash = sha256(prev_hash ‖ canonical text) record by record
 * in batch order, the head advances to the last one; records dated more than five minutes from
 * the database clock are refused, and so is a call whose records are missing, not an array, or not
 * one per canonical text, or whose INSERT did not write every record (the head never moves past
 * records that are not there). CREATE OR REPLACE keeps the owner, SECURITY DEFINER and grants.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION append_access_records(canonicals text[], records jsonb) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    DECLARE
      head_seq  bigint;
      prev      text;
      prev_prev text;
      n         integer := coalesce(array_length(canonicals, 1), 0);
      seqs      bigint[] := '{}';
      prevs     text[] := '{}';
      hashes    text[] := '{}';
      i         integer;
      inserted  integer;
    BEGIN
      IF records IS NULL OR jsonb_typeof(records) <> 'array' OR jsonb_array_length(records) <> n THEN
        RAISE EXCEPTION 'access records and canonical texts differ in number' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      IF EXISTS (SELECT 1 FROM jsonb_array_elements(records) AS r(rec)
                  WHERE abs(extract(epoch FROM (r.rec ->> 'occurred_at')::timestamptz - clock_timestamp())) > 300) THEN
        RAISE EXCEPTION 'access record time is more than five minutes from the database clock' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      SELECT h.seq, h.hash, h.prev_hash INTO head_seq, prev, prev_prev FROM access_log_head h WHERE h.id = 1 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'access log head is missing';
      END IF;
      FOR i IN 1 .. n LOOP
        seqs[i] := head_seq + i;
        prevs[i] := prev;
        prev_prev := prev;
        prev := encode(sha256(convert_to(prev || canonicals[i], 'UTF8')), 'hex');
        hashes[i] := prev;
      END LOOP;
      INSERT INTO access_log (seq, occurred_at, request_id, subject, role, department, client_app, purpose, case_number,
                              operation_name, document_hash, outcome, duration_ms, residents, households, misses,
                              disclosures, decisions, prev_hash, hash)
      SELECT c.seq, r.occurred_at, r.request_id, r.subject, r.role, r.department, r.client_app, r.purpose, r.case_number,
             r.operation_name, r.document_hash, r.outcome, r.duration_ms, r.residents, r.households, r.misses,
             r.disclosures, r.decisions, c.prev_hash, c.hash
        FROM jsonb_populate_recordset(NULL::access_log, records) WITH ORDINALITY AS r
        JOIN unnest(seqs, prevs, hashes) WITH ORDINALITY AS c(seq, prev_hash, hash, ordinality) ON c.ordinality = r.ordinality;
      GET DIAGNOSTICS inserted = ROW_COUNT;
      IF inserted <> n THEN
        RAISE EXCEPTION 'access log append inserted % of % records', inserted, n USING ERRCODE = 'invalid_parameter_value';
      END IF;
      IF n > 0 THEN
        UPDATE access_log_head SET seq = head_seq + n, prev_hash = prev_prev, hash = prev WHERE id = 1;
      END IF;
      RETURN QUERY SELECT unnest(seqs);
    END $$;
  `);
}

/** Back to the per-record INSERT of 20261122020000_serving_login. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
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
  `);
}
