import type { Knex } from 'knex';
import { DEV_AUDITOR_PASSWORD, DEV_SIGNER_PASSWORD } from '../../src/audit/auditLogins';
import { appendFunction } from './20261129000000_access_log_refusal';

/** `'...'` with quotes doubled, for a password in DDL (which takes no bind parameters). */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The canonical text of the access_log row `r`, as SQL: exactly `stableStringify(recordFromRow(row))`
 * of src/audit (keys sorted as JavaScript sorts them, NULL columns as null except `refusal`, which is
 * left out when NULL as recordFromRow leaves it out, no spaces, strings escaped
 * by to_json — escape_json, identical to JSON.stringify for every string PostgreSQL can store —,
 * `occurredAt` as ISO-8601 UTC with milliseconds). NULL when the disclosures are not the one shape
 * the hub writes: an array of {subjects, ALLOW, MASK, DENY} objects (and FAILED where a group has one,
 * as records of fields whose source failed will), each an array of strings
 * (free-form JSON such as 1.0 or nested objects has no single canonical text). Expanded inline into
 * the append function: as a SQL or PL/pgSQL function called per record it cost 3-5x the PostgreSQL
 * CPU of the same expression inline, and one subquery per array twice what one jsonb_to_recordset costs.
 */
function canonicalText(r: string): string {
  // Shape checks in three jsonpath scans (strict + silent: a structural mismatch is NULL, i.e. not valid),
  // then every group's arrays converted to text[] by one jsonb_to_recordset and printed by to_json.
  const none = (path: string) => `jsonb_path_exists(${r}.disclosures, '${path}', '{}', true) IS FALSE`;
  const disclosures = `CASE WHEN jsonb_typeof(${r}.disclosures) = 'array'
          AND ${none('strict $[*].*[*] \\? (@.type() != "string")')}
          AND ${none('strict $[*] \\? (@.type() != "object" || !exists(@.ALLOW) || !exists(@.DENY) || !exists(@.MASK) || !exists(@.subjects))')}
          AND ${none('strict $[*].keyvalue() \\? (@.key != "ALLOW" && @.key != "DENY" && @.key != "FAILED" && @.key != "MASK" && @.key != "subjects")')}
        THEN '[' || coalesce((
          SELECT string_agg('{"ALLOW":' || to_json(g."ALLOW")::text || ',"DENY":' || to_json(g."DENY")::text
                            || CASE WHEN g."FAILED" IS NULL THEN '' ELSE ',"FAILED":' || to_json(g."FAILED")::text END
                            || ',"MASK":' || to_json(g."MASK")::text || ',"subjects":' || to_json(g.subjects)::text || '}', ',' ORDER BY g.o)
            FROM ROWS FROM (jsonb_to_recordset(${r}.disclosures) AS ("ALLOW" text[], "DENY" text[], "FAILED" text[], "MASK" text[], subjects text[]))
                 WITH ORDINALITY AS g("ALLOW", "DENY", "FAILED", "MASK", subjects, o)), '') || ']'
        END`;
  const json = (column: string) => `coalesce(to_json(${r}.${column})::text, 'null')`;
  return `('{"caseNumber":' || ${json('case_number')} || ',"clientApp":' || ${json('client_app')}
        || ',"decisions":' || ${json('decisions')} || ',"department":' || ${json('department')}
        || ',"disclosures":' || (${disclosures})
        || ',"documentHash":' || ${json('document_hash')} || ',"durationMs":' || ${json('duration_ms')}
        || ',"households":' || ${json('households')} || ',"misses":' || ${json('misses')}
        || ',"occurredAt":' || coalesce(to_json(to_char(${r}.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null')
        || ',"operationName":' || ${json('operation_name')} || ',"outcome":' || ${json('outcome')}
        || ',"purpose":' || ${json('purpose')}
        || CASE WHEN ${r}.refusal IS NULL THEN '' ELSE ',"refusal":' || to_json(${r}.refusal)::text END
        || ',"requestId":' || ${json('request_id')}
        || ',"residents":' || ${json('residents')} || ',"role":' || ${json('role')} || ',"subject":' || ${json('subject')} || '}')`;
}

/**
 * A log nobody can quietly rewrite.
 *
 * Logins: `onefile_signer` (the checkpoint signer: reads the chain head, writes checkpoints, nothing
 * else) and `onefile_auditor` (reads the log, its head and its checkpoints, nothing else — what
 * `audit:verify` needs). The serving login `onefile_app` loses INSERT on `access_log_checkpoints`:
 * only the signer's login can add one, so the serving process cannot sign for itself (the signature
 * needs the signer's key anyway). Checkpoints refuse TRUNCATE like the log does.
 *
 * The canonical text is computed by the database from the columns it stores. `append_access_records`
 * now takes only the records (`append_access_records(records jsonb)`; the old `(canonicals text[],
 * records jsonb)` is dropped): a caller can no longer pass a canonical text that disagrees with the
 * row, which used to mark the chain broken at that record for good and hide any later tampering.
 * The text is built by `canonicalText` below, exactly as verification rebuilds it in TypeScript;
 * stored times are truncated to the millisecond so the two agree. Disclosures in any other shape than
 * the hub's are refused.
 *
 * A hub of the previous version calls the dropped signature and fails closed (HTTP 503) until it is
 * replaced: deploy the new version before or with this migration.
 */
/**
 * The password this migration gives a login: the variable's value, or the development default —
 * never in production, where a known password would open the whole access log (the auditor login)
 * or the checkpoints (the signer's) to anyone who read this repository.
 */
function loginPassword(variable: string, developmentDefault: string): string {
  const value = process.env[variable];
  if (process.env.NODE_ENV === 'production' && (!value || value === developmentDefault)) {
    throw new Error(`NODE_ENV=production: set ${variable} (not the development default) before migrating; this migration gives its login that password`);
  }
  return value || developmentDefault;
}

export async function up(knex: Knex): Promise<void> {
  const signerPassword = literal(loginPassword('ONEFILE_SIGNER_PASSWORD', DEV_SIGNER_PASSWORD));
  const auditorPassword = literal(loginPassword('ONEFILE_AUDITOR_PASSWORD', DEV_AUDITOR_PASSWORD));
  await knex.raw(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onefile_signer') THEN CREATE ROLE onefile_signer; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onefile_auditor') THEN CREATE ROLE onefile_auditor; END IF;
    END $$;
    ALTER ROLE onefile_signer LOGIN PASSWORD ${signerPassword};
    ALTER ROLE onefile_auditor LOGIN PASSWORD ${auditorPassword};

    REVOKE INSERT ON access_log_checkpoints FROM onefile_app;
    REVOKE USAGE ON SEQUENCE access_log_checkpoints_id_seq FROM onefile_app;
    GRANT SELECT ON access_log_head TO onefile_signer;
    GRANT SELECT, INSERT ON access_log_checkpoints TO onefile_signer;
    GRANT USAGE ON SEQUENCE access_log_checkpoints_id_seq TO onefile_signer;
    GRANT SELECT ON access_log, access_log_head, access_log_checkpoints TO onefile_auditor;
    CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON access_log_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

    DROP FUNCTION append_access_records(text[], jsonb);
    CREATE FUNCTION append_access_records(records jsonb) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    DECLARE
      n         integer;
      recs      access_log[];
      canon     text[];
      head_seq  bigint;
      prev      text;
      prev_prev text;
      seqs      bigint[] := '{}';
      prevs     text[] := '{}';
      hashes    text[] := '{}';
      i         integer;
      inserted  integer;
    BEGIN
      IF records IS NULL OR jsonb_typeof(records) <> 'array' THEN
        RAISE EXCEPTION 'access records must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      n := jsonb_array_length(records);
      IF n = 0 THEN
        RETURN;
      END IF;
      IF EXISTS (SELECT 1 FROM jsonb_array_elements(records) AS e(rec) WHERE jsonb_typeof(e.rec) <> 'object') THEN
        RAISE EXCEPTION 'each access record must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      -- The populated row comes from FROM (not the select list), so it is built once per record.
      SELECT array_agg(x ORDER BY e.o), array_agg(${canonicalText('x')} ORDER BY e.o) INTO recs, canon
        FROM jsonb_array_elements(records) WITH ORDINALITY AS e(rec, o), LATERAL jsonb_populate_record(NULL::access_log, e.rec) AS x;
      IF array_position(canon, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'access record disclosures must be [{subjects, ALLOW, MASK, DENY[, FAILED]}] with arrays of strings' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      IF EXISTS (SELECT 1 FROM unnest(recs) AS r WHERE abs(extract(epoch FROM r.occurred_at - clock_timestamp())) > 300) THEN
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
        prev := encode(sha256(convert_to(prev || canon[i], 'UTF8')), 'hex');
        hashes[i] := prev;
      END LOOP;
      INSERT INTO access_log (seq, occurred_at, request_id, subject, role, department, client_app, purpose, case_number,
                              operation_name, document_hash, outcome, refusal, duration_ms, residents, households, misses,
                              disclosures, decisions, prev_hash, hash)
      SELECT c.seq, date_trunc('milliseconds', r.occurred_at), r.request_id, r.subject, r.role, r.department, r.client_app, r.purpose,
             r.case_number, r.operation_name, r.document_hash, r.outcome, r.refusal, r.duration_ms, r.residents, r.households, r.misses,
             r.disclosures, r.decisions, c.prev_hash, c.hash
        FROM unnest(recs) WITH ORDINALITY AS r
        JOIN unnest(seqs, prevs, hashes) WITH ORDINALITY AS c(seq, prev_hash, hash, ordinality) ON c.ordinality = r.ordinality;
      GET DIAGNOSTICS inserted = ROW_COUNT;
      IF inserted <> n THEN
        RAISE EXCEPTION 'access log append inserted % of % records', inserted, n USING ERRCODE = 'invalid_parameter_value';
      END IF;
      UPDATE access_log_head SET seq = head_seq + n, prev_hash = prev_prev, hash = prev WHERE id = 1;
      RETURN QUERY SELECT unnest(seqs);
    END $$;
    REVOKE EXECUTE ON FUNCTION append_access_records(jsonb) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION append_access_records(jsonb) TO onefile_app;
  `);
}

/** Back to caller-supplied canonical texts and checkpoints written by the serving login. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION append_access_records(jsonb);
    DROP TRIGGER checkpoints_no_truncate ON access_log_checkpoints;
  `);
  await knex.raw(appendFunction('refusal'));
  await knex.raw(`
    REVOKE EXECUTE ON FUNCTION append_access_records(text[], jsonb) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION append_access_records(text[], jsonb) TO onefile_app;
    GRANT INSERT ON access_log_checkpoints TO onefile_app;
    GRANT USAGE ON SEQUENCE access_log_checkpoints_id_seq TO onefile_app;
    REVOKE ALL ON access_log, access_log_head, access_log_checkpoints FROM onefile_signer, onefile_auditor;
    REVOKE ALL ON SEQUENCE access_log_checkpoints_id_seq FROM onefile_signer;
    ALTER ROLE onefile_signer NOLOGIN;
    ALTER ROLE onefile_auditor NOLOGIN;
  `);
}
