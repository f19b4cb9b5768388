import { closeDatabases, Databases } from '../src/db/databases';
import { civilParts } from '../src/departments/civil/civilWaveParts';
import { policeParts } from '../src/departments/police/policeWaveParts';
import { createDepartmentWave, jsonRows } from '../src/sources/departmentWave';
import { hubParts } from '../src/sources/hub/hubWaveParts';
import { ResolvedScope, scopeResolver } from '../src/sources/rowScope';
import { runSql } from '../src/sources/runSql';
import { waveSharing } from '../src/sources/sharedWaves';
import type { WavePart } from '../src/sources/waveTypes';
import { Caller, EMERGENCY_OFFICER } from './support/auth';
import { startTestHub, TestHub } from './support/http';
import { countQueries } from './support/queryCounter';
import { openOwnerTestDatabases, openTestDatabases } from './support/testDatabases';

/**
 * Waves of concurrent requests read together (src/sources/sharedWaves.ts): each request gets
 * exactly what it gets alone — the rows of its own keys under its own row scope — while the
 * statements are fewer; a statement error caused by one request's keys stays with that request.
 * `maxInFlight = 1` makes every wave that arrives during a read wait for the next one, so
 * the sharing these tests rely on happens on every run.
 */
describe('waves of concurrent requests read together', () => {
  const shipped = { ...waveSharing };
  afterEach(() => Object.assign(waveSharing, shipped));

  describe('at the wave', () => {
    let dbs: Databases;
    beforeAll(() => {
      dbs = openTestDatabases();
    });
    afterAll(() => closeDatabases(dbs));

    it.each([
      ['persons by ID number', 'personByIdNumber', 'id_number'],
      ['household members', 'membersByHouseholdNo', 'household_no'],
      ['households', 'householdByNo', 'household_no'],
    ] as const)('give each request only the rows of its own keys under its own row scope, in fewer statements: %s', async (_, part, column) => {
      const { rows } = await dbs.police.raw(`SELECT p.id_number, p.household_no, h.building_code FROM persons p JOIN households h USING (household_no)
          ORDER BY p.household_no, p.id_number LIMIT 40`);
      const keys: string[] = [...new Set<string>(rows.map((r: Record<string, string>) => r[column]))];
      const building = rows[0].building_code as string;
      const scopes: ResolvedScope[] = [{ kind: 'all' }, { kind: 'buildings', buildingCodes: [building] }, { kind: 'all' }, { kind: 'buildings', buildingCodes: [building] }];
      // Overlapping key sets: request i asks for a quarter of the keys and half of the next quarter.
      const step = Math.max(1, Math.floor(keys.length / 4));
      const keysOf = (i: number) => keys.slice(i * step, i * step + step + Math.ceil(step / 2)).sort();
      const alone = await Promise.all(scopes.map((s, i) => policeParts(dbs.police, async () => s)[part].alone(keysOf(i))));
      expect(alone[0].length).toBeGreaterThan(0);
      expect(alone[1].length).toBeLessThan(alone[0].length); // the building scope really narrows

      waveSharing.maxInFlight = 1;
      const counter = countQueries(dbs);
      const blocker = createDepartmentWave(dbs.police).read(policeParts(dbs.police, async () => ({ kind: 'all' })).residenceByIdNumber)([rows[0].id_number]);
      const shared = await Promise.all(scopes.map((s, i) => {
        const parts = policeParts(dbs.police, async () => s);
        const wave = createDepartmentWave(dbs.police);
        return (wave.read(parts[part] as WavePart<unknown>) as (keys: string[]) => Promise<unknown[]>)(keysOf(i));
      }));
      await blocker;
      counter.stop();
      expect(JSON.stringify(shared)).toBe(JSON.stringify(alone));
      // The blocker's statement, then the four waves in one (two scopes: two subqueries).
      expect(counter.counts.police).toBe(2);
    });

    it('keep a statement error with the request whose keys cause it', async () => {
      const { rows } = await dbs.hub.raw('SELECT id, household_no FROM household_index ORDER BY household_no LIMIT 3');
      waveSharing.maxInFlight = 1;
      const read = (keys: string[]) => createDepartmentWave(dbs.hub).read(hubParts(dbs.hub).householdIndexByHubId)(keys);
      const blocker = read([rows[0].id]);
      const results = await Promise.allSettled([read([rows[1].id]), read(['not-a-uuid']), read([rows[2].id, rows[1].id].sort())]);
      await blocker;
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const values = results.map((r) => (r.status === 'fulfilled' ? (r.value as Array<{ id: string }>).map((x) => x.id) : null));
      expect(values[0]).toEqual([rows[1].id]);
      expect([...values[2]!].sort()).toEqual([rows[1].id, rows[2].id].sort());
    });

    it('after a statement error, read again only the requests still waiting (not one already failed)', async () => {
      const { rows } = await dbs.civil.raw('SELECT id_number FROM marital_status ORDER BY id_number LIMIT 1');
      const aloneCalls: string[] = [];
      const part = (name: string, combined: WavePart<unknown>['combined'], alone: WavePart<unknown>['alone']): WavePart<unknown> => ({
        name, columns: ['x'], key: 'x', shareKey: () => '',
        combined, alone: (keys) => (aloneCalls.push(name), alone(keys)),
      });
      // Its SQL cannot be built (as when a row scope fails to resolve): it fails at once, alone.
      const unbuildable = part('a_unbuildable', () => Promise.reject(new Error('scope failed')), async () => []);
      // Its SQL breaks the shared statement (42703): every request still waiting is read again alone.
      const broken = part('b_broken', () => ({ text: 'SELECT no_such_column FROM marital_status', values: [] }),
        () => Promise.reject(Object.assign(new Error('column does not exist'), { code: '42703' })));
      const wave = createDepartmentWave(dbs.civil);
      const results = await Promise.allSettled([
        wave.read(unbuildable)(['1']),
        wave.read(broken)(['2']),
        wave.read(civilParts(dbs.civil).maritalStatus)([rows[0].id_number]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
      expect((results[0] as PromiseRejectedResult).reason.message).toBe('scope failed');
      expect(aloneCalls).toEqual(['b_broken']);
    });
  });

  describe('over HTTP', () => {
    let t: TestHub;
    const households: string[] = [];
    let grids: [string, string];
    let residentId: string;
    beforeAll(async () => {
      t = await startTestHub();
      const { rows } = await t.dbs.police.raw(`SELECT h.household_no, h.building_code FROM households h
          WHERE (SELECT count(*) FROM persons p WHERE p.household_no = h.household_no) >= 2 ORDER BY h.household_no`);
      const gridOf = new Map<string, string>((await t.dbs.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]));
      const first = gridOf.get(rows[0].building_code)!;
      const second = rows.find((r: { building_code: string }) => gridOf.get(r.building_code) !== first);
      grids = [first, gridOf.get(second.building_code)!];
      const picked = [...rows.filter((r: { building_code: string }) => gridOf.get(r.building_code) === grids[0]).slice(0, 2),
        ...rows.filter((r: { building_code: string }) => gridOf.get(r.building_code) === grids[1]).slice(0, 2)];
      for (const h of picked) households.push((await t.dbs.hub('household_index').where({ household_no: h.household_no }).first()).id);
      const member = await t.dbs.police('persons').where({ household_no: picked[0].household_no }).first();
      residentId = (await t.dbs.hub('person_index').where({ id_number: member.id_number }).first()).id;
    });
    afterAll(() => t.close());

    const HOUSEHOLD = /* GraphQL */ `query ($id: ID!) { household(id: $id) { id grid { id } members { id name idNumber phone
        civilAffairs { maritalStatus disability { category } } health { familyDoctor { doctorName } chronicConditions { name } } } } }`;
    const PERSON = /* GraphQL */ `query ($id: ID!) { person(id: $id) { id name idNumber civilAffairs { maritalStatus } health { vaccinations { vaccine } } } }`;

    /** Every caller asks for every household (and a resident for their own file and another's). */
    function requests(): Array<{ caller: Caller; query: string; id: string }> {
      const callers: Caller[] = [
        EMERGENCY_OFFICER,
        { role: 'STREET_STAFF', grids: [grids[0]], purpose: 'HOME_VISIT' },
        { role: 'STREET_STAFF', grids: [grids[1]], purpose: 'HOME_VISIT' },
        { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SERVICE_APPLICATION' },
      ];
      const list = callers.flatMap((caller) => households.map((id) => ({ caller, query: HOUSEHOLD, id })));
      const resident: Caller = { role: 'RESIDENT', subject: residentId, purpose: 'SELF_SERVICE' };
      return [...list, { caller: resident, query: PERSON, id: residentId }, { caller: resident, query: HOUSEHOLD, id: households[3] }];
    }

    async function answer(r: { caller: Caller; query: string; id: string }): Promise<unknown> {
      const res = await t.as(r.caller)(r.query, { id: r.id });
      return JSON.parse(res.text);
    }

    it('answer every caller exactly as when each request runs alone, with fewer statements', async () => {
      const list = requests();
      const aloneCounter = countQueries(t.dbs);
      const alone: unknown[] = [];
      for (const r of list) alone.push(await answer(r));
      aloneCounter.stop();
      // The fixture means something: street staff see one grid's households and not the other's.
      expect(JSON.stringify(alone[4 + 0])).toContain(households[0]);
      expect((alone[4 + 2] as { data: { household: unknown } }).data.household).toBeNull();

      waveSharing.maxInFlight = 1;
      for (let round = 0; round < 3; round += 1) {
        const counter = countQueries(t.dbs);
        const together = await Promise.all(list.map(answer));
        counter.stop();
        expect(together).toEqual(alone);
        const departments = (c: { counts: Record<string, number> }) => c.counts.police + c.counts.civil + c.counts.health;
        expect(departments(counter)).toBeLessThan(departments(aloneCounter));
      }
    });
  });
});

/**
 * An insider against the shared reader (issue 15 review): a department app's part, or one
 * request's row scope, must not change what OTHER requests read with it get, nor make them wait.
 */
describe('waves of concurrent requests read together, against an insider', () => {
  const shipped = { ...waveSharing };
  afterEach(() => Object.assign(waveSharing, shipped));
  let dbs: Databases;
  beforeAll(() => {
    dbs = openTestDatabases();
  });
  afterAll(() => closeDatabases(dbs));

  type Row = { id_number: string; household_no: string | null };
  const COLUMNS = ['id_number', 'household_no'];

  /** A department app's part over police persons with one value of its caller's scope (`$S` in `condition`). */
  function appPart(name: string, condition: string, scopeValue: unknown): WavePart<Row> {
    return {
      name,
      columns: COLUMNS,
      key: 'id_number',
      alone: (keys) => runSql<Row>(dbs.police,
        `SELECT p.id_number, p.household_no FROM persons p WHERE p.id_number = ANY($1::bpchar[]) AND ${condition.replace(/\$S/g, '$2')} ORDER BY p.id_number`,
        [keys, scopeValue]),
      combined: (keys, first) => ({
        text: jsonRows('p', COLUMNS, `persons p WHERE p.id_number = ANY($${first}::bpchar[]) AND ${condition.replace(/\$S/g, `$${first + 1}`)}`, 'p.id_number'),
        values: [keys, scopeValue],
      }),
    };
  }

  /** Keeps the police reader busy for 300 ms, so the waves submitted after it wait and are read together. */
  async function busyReader(): Promise<{ done: Promise<unknown> }> {
    waveSharing.maxInFlight = 1;
    const sleeper: WavePart<unknown> = {
      name: 'sleeper', columns: ['x'], key: 'x',
      alone: () => runSql(dbs.police, 'SELECT 1 AS x FROM pg_sleep(0.3)', []),
      combined: (keys, first) => ({ text: `SELECT json_agg(json_build_array(1)) FROM pg_sleep(0.3) WHERE $${first}::text[] IS NOT NULL`, values: [keys] }),
    };
    const blocker = createDepartmentWave(dbs.police).read(sleeper)(['x']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { done: blocker };
  }

  const byId = <R extends { id_number: string }>(rows: readonly R[]) => [...rows].sort((a, b) => (a.id_number < b.id_number ? -1 : 1));

  const valueOf = <T>(r: PromiseSettledResult<T>): T => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  };

  async function twoHouseholds(): Promise<Array<{ householdNo: string; members: string[] }>> {
    const { rows } = await dbs.police.raw(`SELECT household_no, array_agg(id_number::text ORDER BY id_number) AS members FROM persons
        WHERE household_no IS NOT NULL GROUP BY household_no HAVING count(*) >= 2 ORDER BY household_no LIMIT 2`);
    return rows.map((r: { household_no: string; members: string[] }) => ({ householdNo: r.household_no, members: r.members }));
  }

  it('a part whose values JSON cannot encode (a BigInt) fails no other request read with it', async () => {
    const [h] = await twoHouseholds();
    const bornSince = (keys: string[]) => createDepartmentWave(dbs.police)
      .read(appPart('app_born_since', 'extract(year from p.birth_date) >= $S::bigint', 1900n))(keys);
    const other = (keys: string[]) => createDepartmentWave(dbs.police).read(policeParts(dbs.police, async () => ({ kind: 'all' })).personByIdNumber)(keys);
    const alone = await other(h.members);
    expect(alone.length).toBe(h.members.length);

    const busy = await busyReader();
    const counter = countQueries(dbs);
    const results = await Promise.allSettled([bornSince([h.members[0]]), bornSince([h.members[1]]), other(h.members)]);
    await busy.done;
    counter.stop();
    expect(results[2].status).toBe('fulfilled');
    expect(byId(valueOf(results[2]))).toEqual(byId(alone));
    // pg binds a BigInt as its digits: alone, each of these reads its row; read together, too.
    expect([results[0], results[1]].map((r) => (valueOf(r) as Row[]).map((row) => row.id_number))).toEqual([[h.members[0]], [h.members[1]]]);
    expect(counter.counts.police).toBe(1); // read together, in one statement
  });

  it('scope values JSON cannot tell apart are not one scope: no request reads under another request\'s', async () => {
    const [h1, h2] = await twoHouseholds();
    // A value pg binds through toPostgres() (a custom type): JSON sees the same empty object for every household.
    const household = (householdNo: string) => ({ toPostgres: () => householdNo });
    const read = (householdNo: string, keys: string[]) => createDepartmentWave(dbs.police)
      .read(appPart('app_household_members', 'p.household_no = $S', household(householdNo)))(keys);
    // Each caller asks for one member of each household; its scope is its own household.
    const asked = [h1.members[0], h2.members[0]].sort();
    const alone = [await read(h1.householdNo, asked), await read(h2.householdNo, asked)];
    expect(alone.map((rows) => rows.map((r) => r.id_number))).toEqual([[h1.members[0]], [h2.members[0]]]);

    const busy = await busyReader();
    const counter = countQueries(dbs);
    const shared = await Promise.all([read(h1.householdNo, asked), read(h2.householdNo, asked)]);
    await busy.done;
    counter.stop();
    expect(counter.counts.police).toBe(1); // read together, in one statement
    expect(shared).toEqual(alone);
  });

  it('a request whose row scope is still being resolved holds no read other requests wait behind', async () => {
    const { rows: [building] } = await dbs.police.raw(`SELECT h.building_code, array_agg(p.id_number::text ORDER BY p.id_number) AS members
        FROM households h JOIN persons p USING (household_no) GROUP BY h.building_code ORDER BY h.building_code LIMIT 1`);
    const { grid_id: grid } = await dbs.hub('buildings').where({ code: building.building_code }).first();
    const members: string[] = building.members;
    // A street staff member's first read: the grid's buildings are read from the hub when the scope is first needed.
    const inGrid = () => policeParts(dbs.police, scopeResolver(dbs.hub, { kind: 'grids', gridIds: [grid] })).personByIdNumber;
    const cityWide = policeParts(dbs.police, async () => ({ kind: 'all' })).personByIdNumber;
    const read = <R>(part: WavePart<R>, keys: string[]) => createDepartmentWave(dbs.police).read(part)(keys);
    const alone = { inGrid: await read(inGrid(), members), cityWide: await read(cityWide, members) };
    expect(alone.inGrid.length).toBe(members.length);

    waveSharing.maxInFlight = 2; // as shipped
    const owner = openOwnerTestDatabases();
    const lock = await owner.hub.transaction();
    let timer: NodeJS.Timeout | undefined;
    try {
      // The hub's buildings are briefly locked (a migration, a VACUUM FULL; or just a slow, congested hub):
      // two street staff members' scopes wait for them.
      await lock.raw('LOCK TABLE buildings IN ACCESS EXCLUSIVE MODE');
      const street = [read(inGrid(), members), read(inGrid(), members)];
      for (const s of street) s.catch(() => undefined);
      // A city-wide caller's read of the same database needs nothing from the hub.
      const other = read(cityWide, members);
      const first = await Promise.race([
        other.then(() => 'answered'),
        new Promise((resolve) => { timer = setTimeout(() => resolve('still waiting'), 800); }),
      ]);
      expect(first).toBe('answered');
      await lock.rollback();
      expect(byId(await other)).toEqual(byId(alone.cityWide));
      for (const s of street) expect(byId(await s)).toEqual(byId(alone.inGrid));
    } finally {
      clearTimeout(timer);
      if (!lock.isCompleted()) await lock.rollback();
      await closeDatabases(owner);
    }
  });
});
