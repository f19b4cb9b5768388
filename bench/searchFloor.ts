import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseName, DatabaseUrls } from '../src/config';
import { ageOn, newYearsDay, todayInChina } from '../src/identity/age';
import { Tag } from '../src/tags/tag';
import { TAG_CATALOG } from '../src/tags/tagCatalog';
import { tagRule } from '../src/tags/tagRules';
import { FloorPools, openFloorPools } from './floor';
import { namePage, nameSearchPool } from './nameFloor';

/**
 * The search floor (issue 15): the grid tag search page of bench:search scenario (a) —
 * `GRID_TAG_SEARCH` as STREET_STAFF, one grid, one tag, 20 households with address, size, the four
 * household tags and members (id, name, age, elderlyLivingAlone) — hand-written over plain `pg`
 * (named prepared statements, pools planned like the hub's, bench/floor.ts), no GraphQL, no policy,
 * no access log, no authentication. Same filter, same page, same data: the grid's buildings; the
 * candidate households with their members packed (the hub's candidate statement); the filter tag's
 * department check for the members its age part leaves open; then, in parallel, the page's members
 * (police), the page's addresses, household ids and members' person ids (one hub statement) and
 * the page's civil and health tags. 7 statements a page (6 when the filter tag is health's).
 *
 * POST `{ "name": "…" }` answers the name search's floor instead (bench/nameFloor.ts).
 * POST `{ "grid": "<grid id>", "tag": "<Tag>" }` answers `{ data: { searchHouseholds } }` in the
 * hub's shape, checked equal to the hub's answers before timing (bench/search.ts `--floor`).
 * Ages and tag age parts are reckoned on 1 January, as the hub does for callers who may not read
 * the birth date (src/policy/ageDay.ts).
 */

type Row = Record<string, any>;
const PAGE = 20;
const CANDIDATE_LIMIT = 50_001;
const HOUSEHOLD_TAGS: ReadonlyArray<readonly [string, Tag]> = [
  ['elderlyLivingAlone', Tag.ELDERLY_LIVING_ALONE], ['disabled', Tag.DISABLED], ['lowIncome', Tag.LOW_INCOME], ['needsHealthFollowUp', Tag.NEEDS_HEALTH_FOLLOW_UP],
];

const CANDIDATES = `SELECT h.search_key, h.household_no, h.building_code, h.room,
   (SELECT string_agg(p.id_number::text || ':' || p.birth_date::text, ',') FROM persons p WHERE p.household_no = h.household_no) AS members
  FROM households h WHERE h.building_code = ANY($1::text[]) ORDER BY h.search_key LIMIT ${CANDIDATE_LIMIT}`;
const MEMBERS = `SELECT id_number, name, birth_date, household_no FROM persons WHERE household_no = ANY($1::text[])
  ORDER BY household_no, relation_to_head = 'HEAD' DESC, birth_date, id_number`;
const HUB_PAGE = `SELECT
  (SELECT coalesce(json_object_agg(code, address), '{}') FROM buildings WHERE code = ANY($1::text[])) AS addresses,
  (SELECT coalesce(json_object_agg(household_no, id), '{}') FROM household_index WHERE household_no = ANY($2::text[])) AS households,
  (SELECT coalesce(json_object_agg(id_number, id), '{}') FROM person_index WHERE id_number = ANY($3::bpchar[])) AS persons`;

/** `SELECT id_number, tag` for `tags` (all one department's): the departments' own checks (TAG_CATALOG), sharing $1. */
function checkSql(tags: readonly Tag[]): string {
  return [...tags].sort().map((t) => `SELECT id_number, '${t}'::text AS tag FROM (${TAG_CATALOG[t].check}) AS x`).join(' UNION ALL ');
}

interface Member { id: string; birth: string; hh: string }

/** Which of `members` carry which of `tags` (grouped by answering department, one statement each, in parallel). */
async function confirm(p: FloorPools, tags: readonly Tag[], members: readonly Member[], day: string): Promise<Set<string>> {
  const byDept = new Map<string, { tags: Tag[]; ids: Set<string> }>();
  for (const t of tags) {
    const rule = tagRule(t, day);
    const d = byDept.get(TAG_CATALOG[t].source) ?? { tags: [], ids: new Set<string>() };
    d.tags.push(t);
    for (const m of members) if (rule.identityPart(m.birth, m.hh)) d.ids.add(m.id);
    byDept.set(TAG_CATALOG[t].source, d);
  }
  const carried = new Set<string>();
  await Promise.all([...byDept].map(async ([dept, d]) => {
    if (d.ids.size === 0) return;
    const rows = await p.query(dept as DatabaseName, checkSql(d.tags), [[...d.ids].sort()]);
    for (const r of rows) carried.add(`${r.id_number}|${r.tag}`);
  }));
  return carried;
}

/** One page of the grid tag search, in the hub's answer shape. */
export async function searchPage(p: FloorPools, grid: string, tag: Tag) {
  const day = newYearsDay(todayInChina());
  const codes = (await p.query('hub', 'SELECT code FROM buildings WHERE grid_id = ANY($1::text[])', [[grid]])).map((r) => r.code);
  const candidates = (await p.query('police', CANDIDATES, [codes])).map((h) => ({
    h, members: h.members === null ? [] : (h.members as string).split(',').map((m): Member => ({ id: m.slice(0, m.indexOf(':')), birth: m.slice(m.indexOf(':') + 1), hh: h.household_no })),
  }));
  const rule = tagRule(tag, day);
  const carried = await confirm(p, [tag], candidates.flatMap((c) => c.members), day);
  const matching = candidates.filter((c) => c.members.some((m) => rule.identityPart(m.birth, m.hh) && carried.has(`${m.id}|${tag}`)));
  const page = matching.slice(0, PAGE);
  const numbers = page.map((c) => c.h.household_no as string);
  const pageMembers = page.flatMap((c) => c.members);
  const [members, [hub], tags] = await Promise.all([
    p.query('police', MEMBERS, [numbers]),
    p.query('hub', HUB_PAGE, [[...new Set(page.map((c) => c.h.building_code as string))].sort(), [...numbers].sort(), pageMembers.map((m) => m.id).sort()]),
    confirm(p, HOUSEHOLD_TAGS.map(([, t]) => t), pageMembers, day),
  ]);
  const byHousehold = new Map<string, Row[]>();
  for (const m of members) byHousehold.set(m.household_no, [...(byHousehold.get(m.household_no) ?? []), m]);
  const carries = (m: Row, t: Tag) => tagRule(t, day).identityPart(m.birth_date, m.household_no) && tags.has(`${m.id_number}|${t}`);
  const edges = page.map(({ h }) => {
    const list = byHousehold.get(h.household_no) ?? [];
    const address = hub.addresses[h.building_code];
    return {
      cursor: Buffer.from(`v1:h:${h.search_key}`, 'utf8').toString('base64url'),
      node: {
        id: hub.households[h.household_no],
        address: address === undefined ? null : { text: h.room ? `${address}${h.room}` : address },
        size: list.length,
        tags: Object.fromEntries(HOUSEHOLD_TAGS.map(([field, t]) => [field, list.some((m) => carries(m, t))])),
        members: list.map((m) => ({ id: hub.persons[m.id_number], name: m.name, age: ageOn(m.birth_date, day), tags: { elderlyLivingAlone: carries(m, Tag.ELDERLY_LIVING_ALONE) } })),
      },
    };
  });
  const last = page.at(-1);
  return {
    totalCount: matching.length,
    edges,
    pageInfo: { hasNextPage: matching.length > PAGE, endCursor: last ? Buffer.from(`v1:h:${last.h.search_key}`, 'utf8').toString('base64url') : null },
  };
}

/** The floor as an HTTP service on 127.0.0.1 (driven by the same load worker as the hub). */
export interface SearchFloor {
  url: string;
  pools: FloorPools;
  close(): Promise<void>;
}

/** Starts the floor on 127.0.0.1:`port` (0: any free port). */
export async function startSearchFloor(urls: DatabaseUrls, poolMax = 10, port = 0): Promise<SearchFloor> {
  const pools = openFloorPools(urls, poolMax);
  const names = nameSearchPool(urls, poolMax);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { grid, tag, name } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { grid: string; tag: Tag; name?: string };
      const answer = name === undefined ? searchPage(pools, grid, tag).then((page) => ({ searchHouseholds: page })) : namePage(pools, names, name).then((page) => ({ searchPersons: page }));
      answer.then(
        (data) => {
          const body = JSON.stringify({ data });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
        },
        (err: Error) => res.writeHead(500).end(JSON.stringify({ errors: [{ message: err.message }] })),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}/`,
    pools,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([pools.end(), names.end()]);
    },
  };
}
