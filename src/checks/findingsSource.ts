import type { Knex } from 'knex';
import { runSql } from '../sources/runSql';

/** An open finding as the hub stores it (check_findings): no department value. */
export interface FindingRow {
  id: string;
  rule: string;
  subject_key: string;
  subject_id: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
}

/** One run's share of residents with an open finding of one department. */
export interface ShareRow {
  run_id: string;
  as_of: string;
  finished_at: Date;
  subjects: string;
  residents: string;
}

/**
 * Reads of the findings for the request path, as the serving hub login, always for ONE owner
 * department and rules it owns (the caller's, decided in ./findingAccess.ts): nothing here can
 * return or count another department's findings.
 */
export function createFindingReader(db: Knex) {
  return {
    /** Open findings of `owner` for `rules`, by id, after the id `after`, at most `limit`. */
    page(owner: string, rules: readonly string[], after: bigint, limit: number): Promise<FindingRow[]> {
      return runSql<FindingRow>(db, `
        SELECT id::text AS id, rule, subject_key, subject_id, first_seen_at, last_seen_at FROM check_findings
        WHERE owner = $1 AND rule = ANY($2::text[]) AND resolved_at IS NULL AND id > $3::bigint
        ORDER BY check_findings.id LIMIT $4`, [owner, rules, after.toString(), limit]);
    },
    /** How many open findings of `owner` for `rules` there are. */
    async count(owner: string, rules: readonly string[]): Promise<number> {
      const [row] = await runSql<{ n: string }>(db, 'SELECT count(*) AS n FROM check_findings WHERE owner = $1 AND rule = ANY($2::text[]) AND resolved_at IS NULL', [owner, rules]);
      return Number(row.n);
    },
    /** The last `limit` finished runs' share for `department`, newest first. */
    shares(department: string, limit: number): Promise<ShareRow[]> {
      return runSql<ShareRow>(db, `
        SELECT r.id::text AS run_id, r.as_of::text AS as_of, r.finished_at, s.subjects::text AS subjects, s.residents::text AS residents
        FROM check_department_shares s JOIN check_runs r ON r.id = s.run_id
        WHERE s.department = $1 AND r.status = 'DONE' ORDER BY r.id DESC LIMIT $2`, [department, limit]);
    },
  };
}

export type FindingReader = ReturnType<typeof createFindingReader>;
