import type { Knex } from 'knex';

/**
 * Health (卫健) is authoritative for family-doctor contracts, chronic conditions, vaccinations,
 * birth certificates and death registrations. Keyed by ID number.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE family_doctor_contracts (
      id_number   char(18) PRIMARY KEY,
      doctor_name text NOT NULL,
      clinic      text NOT NULL,
      signed_on   date NOT NULL,
      expires_on  date NOT NULL
    );
    CREATE TABLE chronic_conditions (
      id           bigserial PRIMARY KEY,
      id_number    char(18) NOT NULL,
      icd10        text NOT NULL,
      name         text NOT NULL,
      diagnosed_on date NOT NULL,
      managed      boolean NOT NULL               -- under community follow-up management
    );
    CREATE INDEX chronic_conditions_id_number_idx ON chronic_conditions(id_number);
    CREATE TABLE vaccinations (
      id        bigserial PRIMARY KEY,
      id_number char(18) NOT NULL,
      vaccine   text NOT NULL,
      dose      smallint NOT NULL,
      given_on  date NOT NULL
    );
    CREATE INDEX vaccinations_id_number_idx ON vaccinations(id_number);
    CREATE TABLE births (
      certificate_no   text PRIMARY KEY,          -- 出生医学证明编号
      child_id_number  char(18),                  -- null until the birth is registered with police
      mother_id_number char(18) NOT NULL,
      father_id_number char(18),
      born_on          date NOT NULL,
      hospital         text NOT NULL,
      weight_grams     integer NOT NULL
    );
    CREATE INDEX births_child_id_number_idx ON births(child_id_number);
    CREATE INDEX births_mother_id_number_idx ON births(mother_id_number);
    CREATE TABLE deaths (
      id_number      char(18) PRIMARY KEY,
      certificate_no text NOT NULL,
      died_on        date NOT NULL,
      cause_icd10    text NOT NULL,
      cause          text NOT NULL
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE deaths, births, vaccinations, chronic_conditions, family_doctor_contracts');
}
