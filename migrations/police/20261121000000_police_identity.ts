import type { Knex } from 'knex';

/**
 * Police (公安) are authoritative for identity, registered households (户籍) and residence
 * registrations / permits of people living away from their registered address.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE households (
      household_no  text PRIMARY KEY,            -- 户号
      building_code text NOT NULL,               -- standard address (hub buildings.code)
      room          text NOT NULL,
      kind          text NOT NULL CHECK (kind IN ('FAMILY', 'COLLECTIVE')),
      registered_on date NOT NULL
    );
    CREATE INDEX households_building_code_idx ON households(building_code);
    CREATE TABLE persons (
      id_number        char(18) PRIMARY KEY,     -- GB 11643
      name             text NOT NULL,
      sex              char(1) NOT NULL CHECK (sex IN ('M', 'F')),
      birth_date       date NOT NULL,
      ethnicity        text NOT NULL,
      phone            text,
      household_no     text REFERENCES households(household_no), -- null: 户籍 outside this city
      relation_to_head text,                     -- HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, OTHER
      native_place     text,                     -- registered address outside the city, for the floating population
      watch_flag       text,                     -- key-person category (L4)
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX persons_household_no_idx ON persons(household_no);
    -- 居住登记 / 居住证: where a person actually lives when it is not the registered address.
    CREATE TABLE residence_registrations (
      id            bigserial PRIMARY KEY,
      id_number     char(18) NOT NULL REFERENCES persons(id_number),
      building_code text NOT NULL,
      room          text NOT NULL,
      permit_no     text,                        -- 居住证号, issued to the floating population
      registered_on date NOT NULL,
      expires_on    date,
      status        text NOT NULL CHECK (status IN ('ACTIVE', 'EXPIRED', 'CANCELLED'))
    );
    CREATE INDEX residence_registrations_id_number_idx ON residence_registrations(id_number);
    CREATE INDEX residence_registrations_building_code_idx ON residence_registrations(building_code);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE residence_registrations, persons, households');
}
