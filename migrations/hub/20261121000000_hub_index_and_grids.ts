import type { Knex } from 'knex';

/**
 * The hub's own tables only: administrative divisions, grids, the standard address library
 * (buildings, each in one grid) and the person / household index that maps opaque hub ids to the
 * departments' join keys. No department data lives here.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE streets (
      code          text PRIMARY KEY,            -- 9-digit township code, e.g. 110101001
      name          text NOT NULL,
      district_code text NOT NULL,               -- 6-digit county code, e.g. 110101
      district_name text NOT NULL
    );
    CREATE TABLE communities (
      code        text PRIMARY KEY,              -- 12-digit village/community code
      name        text NOT NULL,
      street_code text NOT NULL REFERENCES streets(code)
    );
    CREATE INDEX communities_street_code_idx ON communities(street_code);
    CREATE TABLE grids (
      id             text PRIMARY KEY,           -- community code + '-G' + two digits
      name           text NOT NULL,
      community_code text NOT NULL REFERENCES communities(code)
    );
    CREATE INDEX grids_community_code_idx ON grids(community_code);
    -- Standard address library (标准地址): departments reference a building by its code.
    CREATE TABLE buildings (
      code           text PRIMARY KEY,
      community_code text NOT NULL REFERENCES communities(code),
      grid_id        text NOT NULL REFERENCES grids(id),
      address        text NOT NULL             -- e.g. 北京市东城区东华门街道南池子大街12号院3号楼
    );
    CREATE INDEX buildings_grid_id_idx ON buildings(grid_id);
    -- Person index: opaque hub id <-> ID number (the departments' join key).
    CREATE TABLE person_index (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      id_number  char(18) NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- Household index: opaque hub id <-> police household number (户号).
    CREATE TABLE household_index (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      household_no text NOT NULL UNIQUE,
      created_at   timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE household_index, person_index, buildings, grids, communities, streets');
}
