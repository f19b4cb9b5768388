import type { Knex } from 'knex';
import { AccessRecord, canonicalRecord } from '../src/audit/accessRecord';
import { AuditStore } from '../src/audit/auditStore';
import { runSql } from '../src/sources/runSql';

/**
 * The baseline `npm run bench:append` compares against in the same run: the append function as it
 * was before the database computed canonical texts (20261123000000_access_log_set_append: the caller
 * passes canonical texts next to the columns), installed in the bench database under another name.
 * Benchmark only: it is the forgeable form the witness migration removed.
 */
export async function installLegacyAppend(owner: Knex): Promise<void> {
  await owner.raw(`
    CREATE OR REPLACE FUNCTION bench_legacy_append_access_records(canonicals text[], records jsonb) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    DECLARE
      head_seq bigint; prev text; prev_prev text; n integer := coalesce(array_length(canonicals, 1), 0);
      seqs bigint[] := '{}'; prevs text[] := '{}'; hashes text[] := '{}'; i integer; inserted integer;
    BEGIN
      IF records IS NULL OR jsonb_typeof(records) <> 'array' OR jsonb_array_length(records) <> n THEN
        RAISE EXCEPTION 'access records and canonical texts differ in number' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      IF EXISTS (SELECT 1 FROM jsonb_array_elements(records) AS r(rec)
                  WHERE abs(extract(epoch FROM (r.rec ->> 'occurred_at')::timestamptz - clock_timestamp())) > 300) THEN
        RAISE EXCEPTION 'access record time is more than five minutes from the database clock' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      SELECT h.seq, h.hash, h.prev_hash INTO head_seq, prev, prev_prev FROM access_log_head h WHERE h.id = 1 FOR UPDATE;
      FOR i IN 1 .. n LOOP
        seqs[i] := head_seq + i; prevs[i] := prev; prev_prev := prev;
        prev := encode(sha256(convert_to(prev || canonicals[i], 'UTF8')), 'hex'); hashes[i] := prev;
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
      IF n > 0 THEN UPDATE access_log_head SET seq = head_seq + n, prev_hash = prev_prev, hash = prev WHERE id = 1; END IF;
      RETURN QUERY SELECT unnest(seqs);
    END $$;
    GRANT EXECUTE ON FUNCTION bench_legacy_append_access_records(text[], jsonb) TO onefile_app;
  `);
}

/** The hub's store, writing through the legacy function (canonical texts computed in Node). */
export class LegacyAuditStore extends AuditStore {
  protected override async write(records: AccessRecord[]): Promise<number[]> {
    const rows = await runSql<{ seq: string }>(this.legacyDb, 'SELECT s AS seq FROM bench_legacy_append_access_records($1::text[], $2::jsonb) AS s', [
      records.map(canonicalRecord),
      JSON.stringify(records.map((r) => ({
        occurred_at: r.occurredAt, request_id: r.requestId, subject: r.subject, role: r.role, department: r.department, client_app: r.clientApp,
        purpose: r.purpose, case_number: r.caseNumber, operation_name: r.operationName, document_hash: r.documentHash, outcome: r.outcome,
        duration_ms: r.durationMs, residents: r.residents, households: r.households, misses: r.misses, disclosures: r.disclosures, decisions: r.decisions,
      }))),
    ]);
    return rows.map((r) => Number(r.seq));
  }

  constructor(private readonly legacyDb: Knex) {
    super(legacyDb);
  }
}
