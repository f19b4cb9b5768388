import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DatabaseName, DatabaseUrls } from '../src/config';
import { MARKER_TABLE } from './benchDatabases';

/**
 * The PostGraphile peer's database (issue 15): the tables the person and household files read,
 * copied from the hub's four databases into one database of the same cluster, one schema per
 * source database (`hub`, `police`, `civil`, `health`), with their primary keys, unique
 * constraints and indexes, and the links between them as PostGraphile smart tags (`@foreignKey`
 * comments; no constraint is validated). OneFile's own databases are only read.
 */

export const PEER_DATABASE = 'onefile_bench_peer';

/** The tables each file reads, per source database. */
export const PEER_TABLES: Record<DatabaseName, string[]> = {
  hub: ['person_index', 'household_index', 'buildings', 'grids', 'communities', 'streets'],
  police: ['persons', 'households', 'residence_registrations'],
  civil: ['marital_status', 'assistance', 'disabilities', 'elderly_care'],
  health: ['family_doctor_contracts', 'chronic_conditions', 'vaccinations', 'births', 'deaths'],
};

const PERSON = 'references police.persons (id_number)';

/** The links the hub makes in code, as smart tags on the referencing table (schema.table → tags). */
const LINKS: Record<string, string[]> = {
  'hub.person_index': [`(id_number) ${PERSON}`],
  'hub.household_index': ['(household_no) references police.households (household_no)'],
  'hub.buildings': ['(grid_id) references hub.grids (id)', '(community_code) references hub.communities (code)'],
  'hub.communities': ['(street_code) references hub.streets (code)'],
  'police.persons': ['(household_no) references police.households (household_no)'],
  'police.households': ['(building_code) references hub.buildings (code)'],
  'police.residence_registrations': [`(id_number) ${PERSON}`, '(building_code) references hub.buildings (code)'],
  'civil.marital_status': [`(id_number) ${PERSON}`],
  'civil.assistance': [`(id_number) ${PERSON}`],
  'civil.disabilities': [`(id_number) ${PERSON}`],
  'civil.elderly_care': [`(id_number) ${PERSON}`],
  'health.family_doctor_contracts': [`(id_number) ${PERSON}`],
  'health.chronic_conditions': [`(id_number) ${PERSON}`],
  'health.vaccinations': [`(id_number) ${PERSON}`],
  'health.births': [`(child_id_number) ${PERSON}`],
  'health.deaths': [`(id_number) ${PERSON}`],
};

/** The URL of the peer database: the hub's URL (owner login) with the database name replaced. */
export function peerDatabaseUrl(urls: DatabaseUrls): string {
  const url = new URL(urls.hub);
  url.pathname = `/${PEER_DATABASE}`;
  return url.toString();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** What the hub database's seed marker says (size, seed, code fingerprint), as one string. */
async function sourceMarker(hub: Client): Promise<string> {
  const { rows } = await hub.query(`SELECT residents, seed, persons, fingerprint FROM ${MARKER_TABLE} LIMIT 1`);
  return JSON.stringify(rows[0] ?? null);
}

/**
 * Makes the peer database hold a copy of the current bench population: reused when its marker
 * matches the hub database's seed marker, else (re)built. Returns its URL.
 */
export async function preparePeerDatabase(urls: DatabaseUrls, log: (line: string) => void): Promise<string> {
  const peerUrl = peerDatabaseUrl(urls);
  const admin = await connect(urls.hub);
  let marker: string;
  try {
    marker = await sourceMarker(admin);
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [PEER_DATABASE])).rowCount === 1;
    if (exists) {
      const peer = await connect(peerUrl);
      try {
        const found = await peer.query(`SELECT marker FROM public.peer_marker`).catch(() => ({ rows: [] as Array<{ marker: string }> }));
        if (found.rows[0]?.marker === marker) {
          log('peer database: reusing its copy');
          return peerUrl;
        }
      } finally {
        await peer.end();
      }
      await admin.query(`DROP DATABASE ${PEER_DATABASE} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${PEER_DATABASE}`);
  } finally {
    await admin.end();
  }
  const started = performance.now();
  const peer = await connect(peerUrl);
  try {
    for (const [db, tables] of Object.entries(PEER_TABLES) as Array<[DatabaseName, string[]]>) {
      const source = await connect(urls[db]);
      try {
        await peer.query(`CREATE SCHEMA ${db}`);
        for (const table of tables) await copyTable(source, peer, db, table);
      } finally {
        await source.end();
      }
    }
    for (const [table, links] of Object.entries(LINKS)) {
      const tags = links.map((l) => `@foreignKey ${l}`).join('\n');
      await peer.query(`COMMENT ON TABLE ${table} IS ${peer.escapeLiteral(tags)}`);
    }
    await peer.query('VACUUM (ANALYZE)');
    await peer.query('CREATE TABLE public.peer_marker (marker text NOT NULL)');
    await peer.query('INSERT INTO public.peer_marker VALUES ($1)', [marker]);
  } finally {
    await peer.end();
  }
  log(`peer database: copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return peerUrl;
}

/** Creates `schema.table` like the source's table, copies its rows, then its keys and indexes. */
async function copyTable(source: Client, peer: Client, schema: string, table: string): Promise<void> {
  const columns = (
    await source.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [table],
    )
  ).rows as Array<{ name: string; type: string; not_null: boolean }>;
  const list = columns.map((c) => `"${c.name}" ${c.type}${c.not_null ? ' NOT NULL' : ''}`).join(', ');
  await peer.query(`CREATE TABLE ${schema}.${table} (${list})`);
  const reading = source.query(copyTo(`COPY ${table} TO STDOUT`));
  const writing = peer.query(copyFrom(`COPY ${schema}.${table} FROM STDIN`));
  await pipeline(reading, writing);
  // Primary keys and unique constraints (PostGraphile's look-ups and one-to-one links), then the other indexes.
  const constraints = (
    await source.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def, conindid FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
      [table],
    )
  ).rows as Array<{ conname: string; def: string; conindid: number }>;
  for (const c of constraints) await peer.query(`ALTER TABLE ${schema}.${table} ADD CONSTRAINT "${c.conname}" ${c.def}`);
  const indexes = (
    await source.query(
      `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i WHERE i.indrelid = $1::regclass
          AND i.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = $1::regclass)`,
      [table],
    )
  ).rows as Array<{ def: string }>;
  // An index on a function or operator class of the source database (the search's trigram and
  // pinyin indexes) cannot be made here; the files do not use them.
  for (const { def } of indexes) await peer.query(def.replace(/ ON (public\.)?/, ` ON ${schema}.`)).catch(() => undefined);
}
