import { Pool } from 'pg';
import type { DatabaseUrls } from '../src/config';
import { nameMatches } from '../src/departments/police/personPredicates';
import { FEW_MATCHES } from '../src/departments/police/policeSearch';
import { ageOn, newYearsDay, todayInChina } from '../src/identity/age';
import { parseNameQuery } from '../src/schema/search/nameQuery';
import { numbered } from '../src/sources/search/sql';
import type { FloorPools } from './floor';

/**
 * The name search's floor (issue 15): bench:search scenario (b) — `NAME_SEARCH` as a civil affairs
 * officer, city-wide, 20 persons with name, sex, age and actual address — over plain `pg`. The name
 * filter is the hub's own (`parseNameQuery`, `nameMatches`: same filter); police count, then the
 * page (collected and sorted when few match, walked by search key otherwise, as the hub), planned
 * per call like the hub's searches (a pool left in `auto`); then the page's person ids, current
 * residences and households in parallel, then the buildings of their addresses. 6 statements.
 */
type Row = Record<string, any>;
const PAGE = 20;
const COLUMNS = 'p.search_key, p.id_number, p.name, p.sex, p.birth_date, p.household_no, p.native_place';

/** One page of the name search, in the hub's answer shape (ages on 1 January, as the hub reckons them for an officer, who may not read birth dates: src/policy/ageDay.ts). */
export async function namePage(p: FloorPools, searchPool: Pool, name: string) {
  const q = parseNameQuery(name);
  if (!q) throw new Error(`not a name: ${name}`);
  const w = numbered(nameMatches('p', q), 1);
  const plain = async (text: string) => (await searchPool.query(text, w.values as unknown[])).rows as Row[];
  p.queries += 1;
  const [{ n }] = await plain(`SELECT count(*)::int AS n FROM persons p WHERE ${w.text}`);
  if (n === 0) return { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  p.queries += 1;
  const rows = await plain(n <= FEW_MATCHES
    ? `WITH hits AS MATERIALIZED (SELECT ${COLUMNS} FROM persons p WHERE ${w.text}) SELECT * FROM hits ORDER BY search_key LIMIT ${PAGE + 1}`
    : `SELECT ${COLUMNS} FROM persons p WHERE ${w.text} ORDER BY p.search_key LIMIT ${PAGE + 1}`);
  const page = rows.slice(0, PAGE);
  const ids = page.map((r) => r.id_number as string).sort();
  const numbers = [...new Set(page.flatMap((r) => (r.household_no ? [r.household_no as string] : [])))].sort();
  const [index, residences, households] = await Promise.all([
    p.query('hub', 'SELECT id, id_number FROM person_index WHERE id_number = ANY($1::bpchar[])', [ids]),
    p.query('police', `SELECT DISTINCT ON (id_number) id_number, building_code, room, status FROM residence_registrations WHERE id_number = ANY($1::bpchar[])
      ORDER BY id_number, status = 'ACTIVE' DESC, registered_on DESC`, [ids]),
    numbers.length ? p.query('police', 'SELECT household_no, building_code, room FROM households WHERE household_no = ANY($1::text[])', [numbers]) : Promise.resolve([]),
  ]);
  const hubId = new Map(index.map((r) => [r.id_number, r.id]));
  const active = new Map(residences.filter((r) => r.status === 'ACTIVE').map((r) => [r.id_number, r]));
  const household = new Map(households.map((h) => [h.household_no, h]));
  const placeOf = (r: Row): Row | null => active.get(r.id_number) ?? (r.household_no ? household.get(r.household_no) ?? null : null);
  const codes = [...new Set(page.flatMap((r) => { const at = placeOf(r); return at ? [at.building_code as string] : []; }))].sort();
  const buildings = codes.length ? await p.query('hub', 'SELECT code, address FROM buildings WHERE code = ANY($1::text[])', [codes]) : [];
  const addressOf = new Map(buildings.map((b) => [b.code, b.address]));
  const today = newYearsDay(todayInChina());
  const cursor = (key: string) => Buffer.from(`v1:p:${key}`, 'utf8').toString('base64url');
  const edges = page.flatMap((r) => {
    const id = hubId.get(r.id_number);
    if (!id) return [];
    const at = placeOf(r);
    const building = at ? addressOf.get(at.building_code) : undefined;
    const actualAddress = at
      ? building === undefined ? null : { text: at.room ? `${building}${at.room}` : building }
      : r.household_no === null && r.native_place ? { text: r.native_place } : null;
    return [{ cursor: cursor(r.search_key), node: { id, name: r.name, sex: r.sex === 'M' ? 'MALE' : 'FEMALE', age: ageOn(r.birth_date, today), actualAddress } }];
  });
  const last = page.at(-1);
  return { totalCount: n, edges, pageInfo: { hasNextPage: rows.length > PAGE, endCursor: last ? cursor(last.search_key) : null } };
}

/** The police pool the name floor's searches are planned on per call (`auto`, as the hub's search pool). */
export function nameSearchPool(urls: DatabaseUrls, max: number): Pool {
  return new Pool({ connectionString: urls.police, max });
}
