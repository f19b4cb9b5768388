import type { Knex } from 'knex';

/**
 * The street office (街道) owns its own work records (一数一源): door-to-door visits and what was
 * observed. Households and residents are referenced by their opaque hub ids, never by ID number;
 * the grid and community are the household's at the time of the visit (the ledger is per grid).
 *
 * A visit is written once, by the street staff member who made it, together with its access record
 * (src/departments/street/recordVisit.ts): `request_id` names that record. `(staff_subject,
 * idempotency_key)` is unique, so a mobile client retrying after a timeout finds the first visit
 * instead of creating a second; `payload_hash` tells a retry from a different visit sent with the
 * same key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE visits (
      id                    uuid PRIMARY KEY,
      household_id          uuid NOT NULL,
      grid_id               text NOT NULL,
      community_code        text NOT NULL,
      visited_at            timestamptz NOT NULL,
      recorded_at           timestamptz NOT NULL DEFAULT now(),
      staff_subject         text NOT NULL,
      purpose               text NOT NULL,
      outcome               text NOT NULL CHECK (outcome IN ('MET', 'NOT_HOME', 'REFUSED', 'NOT_LIVING_HERE', 'MOVED_OUT')),
      lives_alone_confirmed boolean,
      occupants             smallint CHECK (occupants BETWEEN 0 AND 99),
      address_mismatch      boolean,
      note                  text CHECK (char_length(note) <= 500),
      needs                 text[] NOT NULL DEFAULT '{}',
      request_id            text NOT NULL,
      idempotency_key       text NOT NULL,
      payload_hash          text NOT NULL,
      CONSTRAINT visits_idempotency UNIQUE (staff_subject, idempotency_key)
    );
    CREATE INDEX visits_household_time_idx ON visits (household_id, visited_at DESC, id DESC);
    CREATE INDEX visits_grid_time_idx ON visits (grid_id, visited_at);
    CREATE INDEX visits_not_living_here_idx ON visits (visited_at DESC) WHERE outcome = 'NOT_LIVING_HERE' OR address_mismatch;
    CREATE TABLE visit_members (
      visit_id   uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      person_id  uuid NOT NULL,
      visited_at timestamptz NOT NULL,
      PRIMARY KEY (visit_id, person_id)
    );
    CREATE INDEX visit_members_person_time_idx ON visit_members (person_id, visited_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE visit_members; DROP TABLE visits;');
}
