import type { Knex } from 'knex';

/**
 * Appends a batch of access records in one call: locks the chain head once, chains each record
 * (hash = sha256(prev_hash ‖ canonical text)) in order, inserts them and advances the head. Lets
 * the hub group the records of concurrent requests into one round trip and one lock hold instead
 * of queueing every request on the head row. Runs with the caller's rights (the serving role may
 * insert records and advance the head, nothing more).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION append_access_records(canonicals text[], records jsonb) RETURNS SETOF bigint
    LANGUAGE plpgsql AS $$
    DECLARE
      head_seq  bigint;
      prev      text;
      prev_prev text;
      cur       text;
      i         integer;
    BEGIN
      SELECT h.seq, h.hash, h.prev_hash INTO head_seq, prev, prev_prev FROM access_log_head h WHERE h.id = 1 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'access log head is missing';
      END IF;
      FOR i IN 1 .. coalesce(array_length(canonicals, 1), 0) LOOP
        head_seq := head_seq + 1;
        cur := encode(sha256(convert_to(prev || canonicals[i], 'UTF8')), 'hex');
        INSERT INTO access_log
          SELECT (jsonb_populate_record(NULL::access_log,
                  (records -> (i - 1)) || jsonb_build_object('seq', head_seq, 'prev_hash', prev, 'hash', cur))).*;
        RETURN NEXT head_seq;
        prev_prev := prev;
        prev := cur;
      END LOOP;
      UPDATE access_log_head SET seq = head_seq, prev_hash = prev_prev, hash = prev WHERE id = 1;
    END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION append_access_records(text[], jsonb)');
}
