import type { Knex } from 'knex';

/**
 * Reads under a ticket purpose that named no open ticket of the caller's department (issue 17:
 * refused TICKET_BINDING_REQUIRED or TICKET_NOT_BOUND) are an anomaly the auditor sees
 * (UNBOUND_TICKET_READ, src/sources/audit/anomalies.ts). They are rare, so a partial index keeps
 * finding them in a window as cheap as the rest of the anomaly scan, however large the log is.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX access_log_unbound_ticket_idx ON access_log (occurred_at) WHERE refusal IN ('TICKET_BINDING_REQUIRED', 'TICKET_NOT_BOUND')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX access_log_unbound_ticket_idx');
}
