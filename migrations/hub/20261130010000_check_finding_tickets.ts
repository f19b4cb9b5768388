import type { Knex } from 'knex';

/**
 * Findings become tickets (issue 18, src/checks/tickets.ts): a finding remembers the ticket filed
 * for it in the owner department's queue (`ticket_id`, a street tickets id; null until filed, and
 * for a finding about no household: those are worked from `discrepancies` only) and whether that
 * ticket was closed after the finding was resolved at the source (`ticket_closed`). Each run files
 * the missing tickets and closes the due ones, so a run that stopped half way is completed by the next.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE check_findings ADD COLUMN ticket_id uuid, ADD COLUMN ticket_closed boolean NOT NULL DEFAULT false;
    CREATE INDEX check_findings_unticketed_idx ON check_findings (id) WHERE resolved_at IS NULL AND ticket_id IS NULL AND subject_id IS NOT NULL;
    CREATE INDEX check_findings_ticket_to_close_idx ON check_findings (id) WHERE resolved_at IS NOT NULL AND ticket_id IS NOT NULL AND NOT ticket_closed;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE check_findings DROP COLUMN ticket_closed, DROP COLUMN ticket_id');
}
