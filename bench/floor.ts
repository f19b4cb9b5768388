import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, types } from 'pg';
import { DATABASE_NAMES, DatabaseName, DatabaseUrls } from '../src/config';
import { servingPlanMode } from '../src/db/planModes';
import { ageBand, ageOn } from '../src/identity/age';
import { statementName } from '../src/sources/runSql';

/**
 * The floor: a minimal hand-written HTTP service that assembles the same person and household
 * files from the same four databases with plain `pg` pools — no GraphQL, no policy, no access log,
 * no authentication. It does the same logical lookups as the hub (one statement per table, keyed
 * like the hub's loaders), as named prepared statements on pools planned like the hub's (generic
 * plans on the departments, src/db/planModes.ts), issued in parallel per dependency level:
 *
 *   GET /person/<hub id>     index → {identity, residence, 4 civil, 5 health} → {household,
 *                            household index, member count} → buildings (registered + actual)
 *   GET /household/<hub id>  index → {household, members} → {members' index entries, 4 civil,
 *                            family doctor, building}
 */

// Dates stay 'YYYY-MM-DD' text, as in the hub (src/db/databases.ts).
types.setTypeParser(types.builtins.DATE, (value: string) => value);

type Row = Record<string, any>;

/** The floor's pools and a count of the SQL statements it sent. */
export interface FloorPools {
  query(db: DatabaseName, sql: string, params: unknown[]): Promise<Row[]>;
  queries: number;
  end(): Promise<void>;
}

/** One `pg` pool per database, `max` connections each (as the hub's knex pools). */
export function openFloorPools(urls: DatabaseUrls, max: number): FloorPools {
  const options = (n: DatabaseName) => (servingPlanMode(n) === 'generic' ? '-c plan_cache_mode=force_generic_plan' : undefined);
  const pools = Object.fromEntries(DATABASE_NAMES.map((n) => [n, new Pool({ connectionString: urls[n], max, options: options(n) })])) as Record<DatabaseName, Pool>;
  const floor: FloorPools = {
    queries: 0,
    async query(db, sql, params) {
      floor.queries += 1;
      return (await pools[db].query({ name: statementName(sql), text: sql, values: params })).rows;
    },
    end: async () => void (await Promise.all(Object.values(pools).map((p) => p.end()))),
  };
  return floor;
}

const PERSON = 'id_number, name, sex, birth_date, ethnicity, phone, household_no, relation_to_head, native_place, watch_flag';
const BUILDING = `SELECT b.code, b.address, b.grid_id, g.name AS grid_name, b.community_code, c.name AS community_name, s.name AS street_name, s.district_name
  FROM buildings b JOIN grids g ON g.id = b.grid_id JOIN communities c ON c.code = b.community_code JOIN streets s ON s.code = c.street_code
 WHERE b.code = ANY($1::text[])`;

/** The four civil affairs lookups for a set of ID numbers, in parallel. */
function civil(p: FloorPools, ids: string[]) {
  return Promise.all([
    p.query('civil', 'SELECT id_number, status FROM marital_status WHERE id_number = ANY($1::bpchar[])', [ids]),
    p.query('civil', 'SELECT id_number, kind, monthly_amount, started_on, ended_on, status FROM assistance WHERE id_number = ANY($1::bpchar[]) ORDER BY id_number, started_on DESC, id', [ids]),
    p.query('civil', 'SELECT id_number, certificate_no, category, grade, issued_on FROM disabilities WHERE id_number = ANY($1::bpchar[])', [ids]),
    p.query('civil', 'SELECT id_number, lives_alone, care_level, assessed_on FROM elderly_care WHERE id_number = ANY($1::bpchar[])', [ids]),
  ]);
}

function address(building: Row | undefined, room: string | null) {
  if (!building) return null;
  return {
    text: room ? `${building.address}${room}` : building.address,
    room,
    grid: { id: building.grid_id, name: building.grid_name },
    community: { code: building.community_code, name: building.community_name, street: { name: building.street_name, districtName: building.district_name } },
  };
}

function identity(hubId: string, p: Row) {
  return {
    id: hubId, idNumber: p.id_number, name: p.name, sex: p.sex === 'M' ? 'MALE' : 'FEMALE', birthDate: p.birth_date,
    age: ageOn(p.birth_date), ageBand: ageBand(p.birth_date), ethnicity: p.ethnicity, phone: p.phone,
    relationToHead: p.relation_to_head, isFloatingPopulation: p.household_no === null, watchFlag: p.watch_flag,
  };
}

/** The full person file (same content as the hub's PERSON_FILE query), or null. */
export async function personFile(p: FloorPools, hubId: string) {
  const [entry] = await p.query('hub', 'SELECT id, id_number FROM person_index WHERE id = $1::uuid', [hubId]);
  if (!entry) return null;
  const ids = [entry.id_number];
  const [[person], [residence], [[marital], assistance, [disability], [elderly]], [[doctor], chronic, vaccinations, [birth], [death]]] = await Promise.all([
    p.query('police', `SELECT ${PERSON} FROM persons WHERE id_number = ANY($1::bpchar[])`, [ids]),
    p.query('police', `SELECT DISTINCT ON (id_number) id_number, building_code, room, permit_no, registered_on, expires_on, status
       FROM residence_registrations WHERE id_number = ANY($1::bpchar[]) ORDER BY id_number, status = 'ACTIVE' DESC, registered_on DESC`, [ids]),
    civil(p, ids),
    Promise.all([
      p.query('health', 'SELECT id_number, doctor_name, clinic, signed_on, expires_on FROM family_doctor_contracts WHERE id_number = ANY($1::bpchar[])', [ids]),
      p.query('health', 'SELECT id_number, icd10, name, diagnosed_on, managed FROM chronic_conditions WHERE id_number = ANY($1::bpchar[]) ORDER BY id_number, diagnosed_on, id', [ids]),
      p.query('health', 'SELECT id_number, vaccine, dose, given_on FROM vaccinations WHERE id_number = ANY($1::bpchar[]) ORDER BY id_number, given_on, id', [ids]),
      p.query('health', 'SELECT certificate_no, child_id_number, born_on, hospital, weight_grams FROM births WHERE child_id_number = ANY($1::bpchar[])', [ids]),
      p.query('health', 'SELECT id_number, certificate_no, died_on, cause_icd10, cause FROM deaths WHERE id_number = ANY($1::bpchar[])', [ids]),
    ]),
  ]);
  if (!person) return null;
  const hh = person.household_no as string | null;
  const [[household], [index], [count]] = hh
    ? await Promise.all([
        p.query('police', 'SELECT household_no, building_code, room, kind, registered_on FROM households WHERE household_no = ANY($1::text[])', [[hh]]),
        p.query('hub', 'SELECT id, household_no FROM household_index WHERE household_no = ANY($1::text[])', [[hh]]),
        p.query('police', 'SELECT household_no, count(*)::int AS size FROM persons WHERE household_no = ANY($1::text[]) GROUP BY household_no', [[hh]]),
      ])
    : [[], [], []];
  const active = residence?.status === 'ACTIVE' ? residence : null;
  const codes = [household?.building_code, active?.building_code].filter(Boolean);
  const buildings = codes.length ? await p.query('hub', BUILDING, [codes]) : [];
  const byCode = new Map(buildings.map((b) => [b.code, b]));
  const registered = household ? address(byCode.get(household.building_code), household.room) : person.native_place ? { text: person.native_place } : null;
  const actual = active ? address(byCode.get(active.building_code), active.room) : registered;
  return {
    ...identity(entry.id, person),
    household: household && index ? { id: index.id, householdNumber: household.household_no, kind: household.kind, registeredOn: household.registered_on, size: count?.size ?? 0 } : null,
    registeredAddress: registered,
    actualAddress: actual,
    livesAwayFromRegisteredAddress: registered && actual ? active !== null && !(household && active.building_code === household.building_code && active.room === household.room) : null,
    residence: residence ? { permitNumber: residence.permit_no, registeredOn: residence.registered_on, expiresOn: residence.expires_on, status: residence.status } : null,
    civilAffairs: {
      maritalStatus: marital?.status ?? null,
      assistance: assistance.map((a) => ({ kind: a.kind, monthlyAmount: Number(a.monthly_amount), startedOn: a.started_on, endedOn: a.ended_on, status: a.status })),
      disability: disability ? { certificateNumber: disability.certificate_no, category: disability.category, grade: disability.grade, issuedOn: disability.issued_on } : null,
      elderlyCare: elderly ? { livesAlone: elderly.lives_alone, careLevel: elderly.care_level, assessedOn: elderly.assessed_on } : null,
    },
    health: {
      familyDoctor: doctor ? { doctorName: doctor.doctor_name, clinic: doctor.clinic, signedOn: doctor.signed_on, expiresOn: doctor.expires_on } : null,
      chronicConditions: chronic.map((c) => ({ icd10: c.icd10, name: c.name, diagnosedOn: c.diagnosed_on, managed: c.managed })),
      vaccinations: vaccinations.map((v) => ({ vaccine: v.vaccine, dose: v.dose, givenOn: v.given_on })),
      birth: birth ? { certificateNumber: birth.certificate_no, bornOn: birth.born_on, hospital: birth.hospital, weightGrams: birth.weight_grams } : null,
      death: death ? { certificateNumber: death.certificate_no, diedOn: death.died_on, causeIcd10: death.cause_icd10, cause: death.cause } : null,
    },
  };
}

function groupBy(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) map.set(r.id_number, [...(map.get(r.id_number) ?? []), r]);
  return map;
}

/** The household file with its members (same content as the hub's HOUSEHOLD_FILE query), or null. */
export async function householdFile(p: FloorPools, hubId: string) {
  const [entry] = await p.query('hub', 'SELECT id, household_no FROM household_index WHERE id = $1::uuid', [hubId]);
  if (!entry) return null;
  const [[household], members] = await Promise.all([
    p.query('police', 'SELECT household_no, building_code, room, kind, registered_on FROM households WHERE household_no = ANY($1::text[])', [[entry.household_no]]),
    p.query('police', `SELECT ${PERSON} FROM persons WHERE household_no = ANY($1::text[]) ORDER BY household_no, relation_to_head = 'HEAD' DESC, birth_date, id_number`, [[entry.household_no]]),
  ]);
  if (!household) return null;
  const ids = members.map((m) => m.id_number);
  const [index, [marital, assistance, disability, elderly], doctors, [building]] = await Promise.all([
    p.query('hub', 'SELECT id, id_number FROM person_index WHERE id_number = ANY($1::bpchar[])', [ids]),
    civil(p, ids),
    p.query('health', 'SELECT id_number, doctor_name, clinic FROM family_doctor_contracts WHERE id_number = ANY($1::bpchar[])', [ids]),
    p.query('hub', BUILDING, [[household.building_code]]),
  ]);
  const [hubIds, maritals, assists, disabilities, elders, doctor] = [index, marital, assistance, disability, elderly, doctors].map(groupBy);
  return {
    id: entry.id, householdNumber: household.household_no, kind: household.kind, registeredOn: household.registered_on, size: members.length,
    address: address(building, household.room),
    members: members.filter((m) => hubIds.has(m.id_number)).map((m) => ({
      ...identity(hubIds.get(m.id_number)![0].id, m),
      civilAffairs: {
        maritalStatus: maritals.get(m.id_number)?.[0].status ?? null,
        assistance: (assists.get(m.id_number) ?? []).map((a) => ({ kind: a.kind, monthlyAmount: Number(a.monthly_amount), status: a.status })),
        disability: disabilities.get(m.id_number)?.map((d) => ({ category: d.category, grade: d.grade }))[0] ?? null,
        elderlyCare: elders.get(m.id_number)?.map((e) => ({ livesAlone: e.lives_alone, careLevel: e.care_level }))[0] ?? null,
      },
      health: { familyDoctor: doctor.get(m.id_number)?.map((d) => ({ doctorName: d.doctor_name, clinic: d.clinic }))[0] ?? null },
    })),
  };
}

/** A running floor server. */
export interface Floor {
  server: http.Server;
  url: string;
  pools: FloorPools;
  close(): Promise<void>;
}

/** Serves `GET /person/<id>` and `GET /household/<id>` as JSON on 127.0.0.1 (port 0: a free one). */
export async function startFloor(urls: DatabaseUrls, options: { port: number; poolMax: number }): Promise<Floor> {
  const pools = openFloorPools(urls, options.poolMax);
  const server = http.createServer((req, res) => {
    const [, kind, id] = (req.url ?? '').split('/');
    const file = kind === 'person' ? personFile(pools, id) : kind === 'household' ? householdFile(pools, id) : Promise.resolve(undefined);
    file.then(
      (body) => {
        res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body === undefined ? { error: 'not found' } : { data: body }));
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: err.message }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    server,
    pools,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await pools.end();
    },
  };
}
