import type { Knex } from 'knex';

/**
 * The aggregates one hour's records reduce to, as the anomaly scan needs them (issue 13): per
 * (hour, subject, role, purpose), the records, the refused or empty lookups (outcome REFUSED or
 * misses > 0), the refusals for a spent miss budget, and how many residents the records name in total.
 *
 * Maintained in the same transaction as the append: a statement-level AFTER INSERT trigger on the
 * log adds each statement's new rows (one grouped upsert per append, whatever the batch size, and
 * one for a bulk COPY). The append is already serialised by the chain head's row lock, so the
 * upsert never waits on another append. The trigger is SECURITY DEFINER and the serving login
 * gets no right on the table: it can still only append records (through `append_access_records`),
 * and the counts follow from the records it appends. Auditor reads may SELECT them.
 *
 * `hour` is the UTC hour (`date_trunc('hour', occurred_at, 'UTC')`): China time has a whole-hour
 * offset and no daylight saving, so an hour's China-time hour and weekday are those of its records.
 * The counts are derived data, not part of the chain: verification never reads them, and
 * `findAnomalies` can rebuild the same figures from the records (it does for the partial hours at a
 * window's edges). The table is filled from the existing log here; on a large log, run this in a
 * maintenance window (it reads the whole log once).
 */
const GROUPED = (rows: string) => `
  SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, subject, role, purpose,
         count(*)::int AS records,
         count(*) FILTER (WHERE outcome = 'REFUSED' OR misses > 0)::int AS refused_or_empty,
         count(*) FILTER (WHERE outcome = 'REFUSED' AND refusal = 'MISS_BUDGET_EXCEEDED')::int AS miss_budget,
         coalesce(sum(residents_named), 0)::bigint AS residents_named
    FROM ${rows}
   GROUP BY 1, 2, 3, 4`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE access_log_hourly (
      hour             timestamptz NOT NULL,
      subject          text NOT NULL,
      role             text NOT NULL,
      purpose          text,
      records          integer NOT NULL,
      refused_or_empty integer NOT NULL,
      miss_budget      integer NOT NULL,
      residents_named  bigint NOT NULL
    );
    CREATE UNIQUE INDEX access_log_hourly_key ON access_log_hourly (hour, subject, role, purpose) NULLS NOT DISTINCT;

    CREATE FUNCTION access_log_count_hours() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      INSERT INTO access_log_hourly AS h (hour, subject, role, purpose, records, refused_or_empty, miss_budget, residents_named)
      ${GROUPED('appended')}
      ON CONFLICT (hour, subject, role, purpose) DO UPDATE
        SET records = h.records + excluded.records,
            refused_or_empty = h.refused_or_empty + excluded.refused_or_empty,
            miss_budget = h.miss_budget + excluded.miss_budget,
            residents_named = h.residents_named + excluded.residents_named;
      RETURN NULL;
    END $$;
    REVOKE EXECUTE ON FUNCTION access_log_count_hours() FROM PUBLIC;
    CREATE TRIGGER access_log_count_hours AFTER INSERT ON access_log
      REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION access_log_count_hours();

    INSERT INTO access_log_hourly (hour, subject, role, purpose, records, refused_or_empty, miss_budget, residents_named)
    ${GROUPED('access_log')};
    ANALYZE access_log_hourly;

    GRANT SELECT ON access_log_hourly TO onefile_app, onefile_auditor;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER access_log_count_hours ON access_log;
    DROP FUNCTION access_log_count_hours();
    DROP TABLE access_log_hourly;
  `);
}
