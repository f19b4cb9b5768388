import type { Knex } from 'knex';

/**
 * Civil affairs (民政) are authoritative for marital status, social assistance, disability
 * certificates, elderly care and children in difficulty. Keyed by ID number.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE marital_status (
      id_number         char(18) PRIMARY KEY,
      status            text NOT NULL CHECK (status IN ('SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED')),
      registered_on     date,
      spouse_id_number  char(18)
    );
    -- 低保 (MINIMUM_LIVING), 特困 (EXTREME_POVERTY), 高龄津贴 (OLD_AGE_ALLOWANCE)
    CREATE TABLE assistance (
      id             bigserial PRIMARY KEY,
      id_number      char(18) NOT NULL,
      kind           text NOT NULL CHECK (kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY', 'OLD_AGE_ALLOWANCE')),
      monthly_amount numeric(10, 2) NOT NULL,
      started_on     date NOT NULL,
      ended_on       date,
      status         text NOT NULL CHECK (status IN ('ACTIVE', 'STOPPED'))
    );
    CREATE INDEX assistance_id_number_idx ON assistance(id_number);
    CREATE TABLE disabilities (
      id_number      char(18) PRIMARY KEY,
      certificate_no text NOT NULL,
      category       text NOT NULL CHECK (category IN ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')),
      grade          smallint NOT NULL CHECK (grade BETWEEN 1 AND 4),
      issued_on      date NOT NULL
    );
    CREATE TABLE elderly_care (
      id_number   char(18) PRIMARY KEY,
      lives_alone boolean NOT NULL,
      care_level  smallint NOT NULL CHECK (care_level BETWEEN 0 AND 5),  -- 0 self-reliant .. 5 fully dependent
      assessed_on date NOT NULL
    );
    CREATE TABLE children_in_difficulty (
      id_number          char(18) PRIMARY KEY,
      category           text NOT NULL CHECK (category IN ('ORPHAN', 'DE_FACTO_UNSUPPORTED', 'LEFT_BEHIND')),
      guardian_id_number char(18),
      registered_on      date NOT NULL
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE children_in_difficulty, elderly_care, disabilities, assistance, marital_status');
}
