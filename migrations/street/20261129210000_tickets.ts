import type { Knex } from 'knex';

/**
 * Tickets (issue 17): a need heard on the doorstep, reported by a resident or sent by a department
 * app becomes a ticket the street office owns (一数一源: the street's own records), routed to the
 * department that must act (src/departments/street/tickets/needItems.ts), on the clock
 * (ticketClocks.ts, in working days from workingCalendar.ts), closed with the resident.
 *
 * Residents and households are referenced by opaque hub ids only; the grid and community are the
 * household's when the ticket was received (figures are per grid, community and department).
 *
 * - `tickets`: one row per ticket, its current state. `version` starts at 1 and grows by one with
 *   every transition or rating: an update names the version it read (one of two concurrent updates
 *   wins, the other gets a coded conflict). The `*_due_at` deadlines are fixed at receipt from the
 *   item's priority; the first time each state was reached is kept for the figures.
 * - `ticket_transitions`: every state change, who made it (subject, role, department), when, and a
 *   short reason (never ID-number- or phone-shaped text; checked before it is written).
 * - `calendar_days`: the operator's overrides of the working calendar (the State Council's notice for
 *   a year the packaged calendar does not know yet): a day with `working` true is a working day
 *   (调休), false a holiday, whatever the package says.
 *
 * Every write is atomic with its WRITTEN access record: `request_id` names it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE tickets (
      id                 uuid PRIMARY KEY,
      household_id       uuid NOT NULL,
      person_id          uuid,
      grid_id            text NOT NULL,
      community_code     text NOT NULL,
      item               text NOT NULL,
      category           text NOT NULL CHECK (category IN ('POLICY_ENQUIRY', 'EVERYDAY_SERVICE', 'DISPUTE_MEDIATION', 'EMERGENCY_HELP')),
      priority           text NOT NULL CHECK (priority IN ('IMMEDIATE', 'WITHIN_24_HOURS', 'WITHIN_3_WORKING_DAYS')),
      department         text NOT NULL,
      first_department   text NOT NULL,
      source             text NOT NULL CHECK (source IN ('VISIT', 'RESIDENT', 'DEPARTMENT', 'FINDING')),
      visit_id           uuid REFERENCES visits (id),
      status             text NOT NULL CHECK (status IN ('RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'RESOLVED', 'CONFIRMED', 'RATED', 'REOPENED')),
      version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      received_at        timestamptz NOT NULL,
      start_due_at       timestamptz NOT NULL,
      transfer_due_at    timestamptz NOT NULL,
      close_due_at       timestamptz NOT NULL,
      accepted_at        timestamptz,
      transferred_at     timestamptz,
      resolved_at        timestamptz,
      confirmed_at       timestamptz,
      rated_at           timestamptz,
      solved_on_spot     boolean NOT NULL DEFAULT false,
      reopen_count       smallint NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
      repeat_of          uuid REFERENCES tickets (id),
      rating             smallint CHECK (rating BETWEEN 1 AND 5),
      rating_comment     text CHECK (char_length(rating_comment) <= 200),
      summary            text CHECK (char_length(summary) <= 200),
      created_by_subject text NOT NULL,
      created_by_role    text NOT NULL,
      request_id         text NOT NULL,
      idempotency_key    text,
      payload_hash       text,
      CONSTRAINT tickets_idempotency UNIQUE (created_by_subject, idempotency_key)
    );
    CREATE INDEX tickets_department_queue_idx ON tickets (department, status, received_at DESC, id DESC);
    CREATE INDEX tickets_household_item_time_idx ON tickets (household_id, item, received_at DESC);
    CREATE INDEX tickets_person_idx ON tickets (person_id, received_at DESC) WHERE person_id IS NOT NULL;
    CREATE INDEX tickets_received_idx ON tickets (received_at, grid_id);
    CREATE INDEX tickets_open_close_due_idx ON tickets (close_due_at) WHERE status IN ('RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED');

    CREATE TABLE ticket_transitions (
      ticket_id        uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      seq              integer NOT NULL,
      from_status      text,
      to_status        text NOT NULL,
      at               timestamptz NOT NULL,
      actor_subject    text NOT NULL,
      actor_role       text NOT NULL,
      actor_department text,
      from_department  text,
      to_department    text,
      reason           text CHECK (char_length(reason) <= 200),
      request_id       text NOT NULL,
      PRIMARY KEY (ticket_id, seq)
    );

    CREATE TABLE calendar_days (
      day        date PRIMARY KEY,
      working    boolean NOT NULL,
      note       text NOT NULL CHECK (char_length(note) <= 100),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE calendar_days; DROP TABLE ticket_transitions; DROP TABLE tickets;');
}
