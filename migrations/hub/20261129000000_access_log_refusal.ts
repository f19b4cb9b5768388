import type { Knex } from 'knex';

const COLUMNS_BEFORE = `seq, occurred_at, request_id, subject, role, department, client_app, purpose, case_number,
                              operation_name, document_hash, outcome, duration_ms, residents, households, misses,
                              disclosures, decisions, prev_hash, hash`;

/** `append_access_records` as of 20261123000000, with `extraColumn` written too when given. */
export function appendFunction(extraColumn: string | null): string {
  const insertColumns = extraColumn ? COLUMNS_BEFORE.replace('outcome,', `outcome, ${extraColumn},`) : COLUMNS_BEFORE;
  const selectColumns = `r.occurred_at, r.request_id, r.subject, r.role, r.department, r.client_app, r.purpose, r.case_number,
             r.operation_name, r.document_hash, r.outcome,${extraColumn ? ` r.${extraColumn},` : ''} r.duration_ms, r.residents, r.households, r.misses,
             r.disclosures, r.decisions`;
  return `
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
      INSERT INTO access_log (${insertColumns})
      SELECT c.seq, ${selectColumns}, c.prev_hash, c.hash
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
    END $$;`;
}

/**
 * The access log says why a request was refused: `refusal` holds the coded reason of a REFUSED
 * record (FILTER_NOT_PERMITTED, INVALID_CASE_NUMBER, PURPOSE_NOT_GRANTED, ...) — a code, never
 * client text (the CHECK admits upper-case codes only, and only on REFUSED records). Records
 * without one leave it NULL and their canonical text omits it, so the existing chain verifies as
 * before. `append_access_records` writes the new column; otherwise unchanged.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE access_log ADD COLUMN refusal text
      CONSTRAINT access_log_refusal_is_a_code CHECK (refusal IS NULL OR (outcome = 'REFUSED' AND refusal ~ '^[A-Z][A-Z_]{0,63}$'));
    ${appendFunction('refusal')}
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${appendFunction(null)}
    ALTER TABLE access_log DROP COLUMN refusal;
  `);
}
