import { randomUUID } from 'node:crypto';
import { getNamedType, GraphQLObjectType } from 'graphql';
import { CLAIMS_ONLY_PURPOSES, LOOKUP_ONLY_PURPOSES, Purpose, Role, ROLE_DEPARTMENT, ROLE_PURPOSES, ROLES } from '../src/auth/vocabulary';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { closeDatabases, Databases } from '../src/db/databases';
import { checkCharacter } from '../src/identity/idNumber';
import { DEFAULT_LIMITS } from '../src/limits/limitSettings';
import { matrixColumns } from '../src/policy/accessMatrix';
import { IDENTIFIER_ARGUMENTS, OTHER_TEXT_ARGUMENTS, textArgumentCoordinates, unclassifiedTextArguments } from '../src/policy/identifierArguments';
import { buildServedSchema } from '../src/schema/buildSchema';
import { Caller, headersFor } from './support/auth';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { captureQueries } from './support/queryCounter';
import { openOwnerTestDatabases } from './support/testDatabases';

const served = buildServedSchema();
const GRID = '110101001001-G01';
const LOOKUP = 'query Lookup($n: String!) { personByIdNumber(idNumber: $n) { id } }';
/** The look-up a claims-only purpose (SERVICE_APPLICATION) makes: `verify` by the ID number handed over. */
const CLAIMS_LOOKUP = 'query Lookup($n: String!) { verify(serviceItem: "RESIDENCE_PERMIT_RENEWAL", claims: [ALIVE], idNumber: $n) { residentId } }';

interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  requestId: string;
  /** SQL sent to each database while the request ran. */
  sql: Record<string, string[]>;
}

describe('look-ups by a full identifier (no confirmation oracles)', () => {
  let t: TestHub;
  let owner: Databases;
  let person: { hubId: string; idNumber: string };
  const tickets = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestHub();
    owner = openOwnerTestDatabases();
    const codes: string[] = await t.dbs.hub('buildings').where({ grid_id: GRID }).pluck('code');
    const { rows } = await t.dbs.police.raw(
      `SELECT p.id_number FROM persons p JOIN households h USING (household_no) WHERE h.building_code = ANY(?) ORDER BY 1 LIMIT 1`,
      [codes],
    );
    const entry = await t.dbs.hub('person_index').where({ id_number: rows[0].id_number }).first();
    person = { hubId: entry.id, idNumber: rows[0].id_number };
    // An open ticket about the person's household for each role that handles tickets: a read under
    // TICKET_HANDLING is bound to one (x-ticket-id).
    const householdNo = (await t.dbs.police('persons').where({ id_number: person.idNumber }).first()).household_no;
    const householdId = (await t.dbs.hub('household_index').where({ household_no: householdNo }).first()).id;
    for (const role of ROLES.filter((r) => ROLE_PURPOSES[r].includes('TICKET_HANDLING'))) {
      const department = role === 'STREET_STAFF' ? 'street' : ROLE_DEPARTMENT[role];
      const caller = { role, purpose: 'TICKET_HANDLING', subject: `lookup-ticket-${role}`.toLowerCase(), ...(role === 'STREET_STAFF' ? { grids: [GRID] } : {}) };
      const res = await postGraphQL(t.hub.url, 'mutation File($input: CreateTicketInput!) { createTicket(input: $input) { id } }', {
        input: { householdId, item: NEED_ITEMS.find((i) => i.department === department)!.code, idempotencyKey: randomUUID() },
      }, await headersFor(caller));
      tickets.set(role, res.data!.createTicket.id);
    }
  });
  afterAll(async () => {
    await closeDatabases(owner);
    await t.close();
  });

  /** POSTs as `caller`, noting every SQL statement each database received meanwhile. */
  async function ask(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const { sql, stop } = captureQueries(t.dbs);
    try {
      const res = await fetch(t.hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headersFor(caller)) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, text, body: JSON.parse(text), requestId: res.headers.get('x-request-id')!, sql };
    } finally {
      stop();
    }
  }

  const recordOf = (requestId: string) => owner.hub('access_log').where({ request_id: requestId }).first();

  /** Nothing but the access-log append (and the checkpoint timer) reached any database. */
  function expectNothingRead(sql: Answer['sql']) {
    expect({ police: sql.police, civil: sql.civil, health: sql.health }).toEqual({ police: [], civil: [], health: [] });
    for (const statement of sql.hub) expect(statement).toMatch(/append_access_records|access_log_head|access_log_checkpoints/);
  }

  function callerFor(role: Role, purpose: Purpose, subject: string): Caller {
    const caller: Caller = { role, purpose, subject };
    if (role === 'STREET_STAFF') caller.grids = [GRID];
    if (purpose === 'TICKET_HANDLING') caller.ticketId = tickets.get(role);
    if (role === 'RESIDENT') caller.subject = person.hubId;
    if (purpose === 'CASE_INVESTIGATION') caller.caseNumber = 'XS-2026-0042';
    return caller;
  }

  describe('which arguments are look-ups', () => {
    it('classifies every argument and input field that could hold an ID or phone number (a new one fails here until classified)', () => {
      expect(unclassifiedTextArguments(served.schema)).toEqual([]);
      const present = new Set(textArgumentCoordinates(served.schema));
      const stale = [...IDENTIFIER_ARGUMENTS.map((a) => a.coordinate), ...Object.keys(OTHER_TEXT_ARGUMENTS)].filter((c) => !present.has(c));
      expect(stale).toEqual([]);
    });

    it('gates each identifier argument on a declared field that holds that identifier', () => {
      for (const a of IDENTIFIER_ARGUMENTS) {
        expect(served.declarations.has(a.field)).toBe(true);
        expect(served.declarations.get(a.field)!.mask).toBe(a.kind);
      }
      expect(IDENTIFIER_ARGUMENTS.map((a) => a.coordinate)).toContain('Query.personByIdNumber(idNumber:)');
    });
  });

  // What the issue's counter-examples need, written out by hand (an oracle independent of the table).
  it.each([
    ['HEALTH_WORKER', 'HEALTH_FOLLOW_UP', false],
    ['STREET_STAFF', 'HOME_VISIT', false],
    ['CIVIL_AFFAIRS_OFFICER', 'HOME_VISIT', false],
    ['CIVIL_AFFAIRS_OFFICER', 'SUBSIDY_REVIEW', true],
    ['STREET_STAFF', 'ID_VERIFICATION', true],
    ['CIVIL_AFFAIRS_OFFICER', 'ID_VERIFICATION', true],
    ['POLICE_OFFICER', 'CASE_INVESTIGATION', true],
  ] as const)('lets %s acting for %s look a resident up by ID number: %p', async (role, purpose, allowed) => {
    const res = await ask(callerFor(role, purpose, `lookup-${role}`), LOOKUP, { n: person.idNumber });
    if (allowed) expect(res.body.data!.personByIdNumber).toEqual({ id: person.hubId });
    else expect(res.body.errors![0].extensions!.code).toBe('FILTER_NOT_PERMITTED');
  });

  const columns = matrixColumns().filter((c): c is { role: Role; purpose: Purpose } => c.purpose !== null);

  describe.each(columns)('$role acting for $purpose', ({ role, purpose }) => {
    const allowed = served.engine.decisionsFor(role, purpose).get('Person.idNumber') === 'ALLOW';

    it(`${allowed ? 'finds' : 'refuses before reading anything, and records as refused,'} a look-up by ID number, as Person.idNumber's decision says`, async () => {
      const subject = `lookup-${role}-${purpose}`.toLowerCase();
      const claimsOnly = CLAIMS_ONLY_PURPOSES.has(purpose);
      const res = await ask(callerFor(role, purpose, subject), claimsOnly ? CLAIMS_LOOKUP : LOOKUP, { n: person.idNumber });
      const record = await recordOf(res.requestId);
      expect(record).toMatchObject({ role, purpose, operation_name: 'Lookup' });
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
        if (claimsOnly) expect(res.body.data!.verify).toEqual({ residentId: person.hubId });
        else expect(res.body.data!.personByIdNumber).toEqual({ id: person.hubId });
        expect(record).toMatchObject({ outcome: 'DISCLOSED', refusal: null, residents: [person.hubId] });
        return;
      }
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        { message: 'Your role may not look residents up by a full ID number for the declared purpose.', extensions: { code: 'FILTER_NOT_PERMITTED', argument: 'idNumber' } },
      ]);
      expect(res.text).not.toContain(person.idNumber);
      expectNothingRead(res.sql);
      expect(record).toMatchObject({ outcome: 'REFUSED', refusal: 'FILTER_NOT_PERMITTED', residents: [], households: [], misses: 0, disclosures: [] });
    });
  });

  describe('floods and disguises', () => {
    const health: Caller = { role: 'HEALTH_WORKER', purpose: 'HEALTH_FOLLOW_UP', subject: 'lookup-flood' };

    /** The 30 checksum-valid candidates a health worker would try: the real number among 29 siblings. */
    function candidates(): string[] {
      const first14 = person.idNumber.slice(0, 14);
      const seq = Number(person.idNumber.slice(14, 17));
      // As many as the alias limit lets through (more are refused with TOO_MANY_ALIASES before this gate).
      return Array.from({ length: DEFAULT_LIMITS.query.maxAliases }, (_, i) => {
        const first17 = first14 + String((seq + i * 2) % 1000).padStart(3, '0');
        return first17 + checkCharacter(first17);
      });
    }

    it('refuses 15 aliased candidates with one coded error for the request, reads nothing and records one refusal', async () => {
      const list = candidates();
      expect(list).toContain(person.idNumber);
      const query = `query Flood { ${list.map((n, i) => `c${i}: personByIdNumber(idNumber: "${n}") { id }`).join(' ')} }`;
      const before = Number((await owner.hub('access_log').max('seq as seq').first())!.seq);
      const res = await ask(health, query);
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0].extensions).toEqual({ code: 'FILTER_NOT_PERMITTED', argument: 'idNumber' });
      for (const n of list) expect(res.text).not.toContain(n);
      expectNothingRead(res.sql);
      const written = await owner.hub('access_log').where('seq', '>', before).where({ subject: 'lookup-flood' });
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({ outcome: 'REFUSED', refusal: 'FILTER_NOT_PERMITTED', residents: [], misses: 0 });
      expect(JSON.stringify(written[0])).not.toContain(person.idNumber.slice(6, 14));
    });

    it.each([
      ['through a fragment on Query', 'query F($n: String!) { ...L } fragment L on Query { personByIdNumber(idNumber: $n) { id } }'],
      ['next to an allowed read by hub id', 'query M($n: String!, $id: ID!) { person(id: $id) { ageBand } personByIdNumber(idNumber: $n) { id } }'],
    ])('refuses the look-up %s just the same', async (_label, query) => {
      const res = await ask(health, query, { n: person.idNumber, id: person.hubId });
      expect(res.body.errors!.map((e) => e.extensions!.code)).toEqual(['FILTER_NOT_PERMITTED']);
      expect(res.body.data).toBeUndefined();
      expectNothingRead(res.sql);
    });

    it('refuses an operation name shaped like an identifier, reads nothing and stores neither the name nor the number', async () => {
      const res = await ask({ role: 'POLICE_OFFICER', purpose: 'EMERGENCY', subject: 'lookup-opname' }, `query q${person.idNumber}($n: String!) { personByIdNumber(idNumber: $n) { id } }`, { n: person.idNumber });
      expect(res.status).toBe(400);
      expect(res.body.errors!.map((e) => e.extensions!.code)).toEqual(['INVALID_OPERATION_NAME']);
      expect(res.text).not.toContain(person.idNumber);
      expectNothingRead(res.sql);
      const record = await recordOf(res.requestId);
      expect(record).toMatchObject({ operation_name: null, outcome: 'REFUSED', refusal: 'INVALID_OPERATION_NAME' });
      expect(JSON.stringify(record)).not.toContain(person.idNumber);
    });

    it('records a search filter the caller may not use as refused, with the same code', async () => {
      const res = await ask(health, '{ searchPersons(filter: { name: "王" }) { totalCount } }');
      expect(res.body.errors!.map((e) => e.extensions!.code)).toEqual(['FILTER_NOT_PERMITTED']);
      expect({ police: res.sql.police, civil: res.sql.civil, health: res.sql.health }).toEqual({ police: [], civil: [], health: [] });
      expect(await recordOf(res.requestId)).toMatchObject({ purpose: 'HEALTH_FOLLOW_UP', outcome: 'REFUSED', refusal: 'FILTER_NOT_PERMITTED', residents: [] });
    });

    it('echoes neither a malformed number nor a literal of the wrong type in its errors', async () => {
      const officer: Caller = { role: 'POLICE_OFFICER', purpose: 'EMERGENCY', subject: 'lookup-echo' };
      const wrong = `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '0' ? '1' : '0'}`;
      const bad = await ask(officer, LOOKUP, { n: wrong });
      expect(bad.body.errors![0].extensions).toMatchObject({ code: 'INVALID_ID_NUMBER' });
      const typed = await ask(officer, `{ personByIdNumber(idNumber: ${person.idNumber.slice(0, 17)}) { id } }`);
      expect(typed.status).toBe(400);
      const phone = await ask(officer, 'query($n: String!) { personByIdNumber(idNumber: $n) { id } }', { n: 13812345678 });
      const name = await ask(officer, '{ searchPersons(filter: { minAge: "张伟" }) { totalCount } }');
      expect(name.status).toBe(400);
      expect(name.text).not.toContain('张伟');
      for (const res of [bad, typed, phone]) {
        expect(res.text).not.toContain(wrong);
        expect(res.text).not.toContain(person.idNumber.slice(0, 17));
        expect(res.text).not.toContain('13812345678');
      }
    });
  });

  describe('ID_VERIFICATION (a counter clerk confirming an ID card)', () => {
    const clerk: Caller = { role: 'STREET_STAFF', purpose: 'ID_VERIFICATION', grids: [GRID], subject: 'lookup-counter' };

    it('is granted to the counter roles only', () => {
      const granted = columns.filter((c) => LOOKUP_ONLY_PURPOSES.has(c.purpose)).map((c) => c.role).sort();
      expect(granted).toEqual(['CIVIL_AFFAIRS_OFFICER', 'STREET_STAFF']);
    });

    it("answers the card's own facts in full, and is logged as ID_VERIFICATION", async () => {
      const res = await ask(clerk, 'query Verify($n: String!) { personByIdNumber(idNumber: $n) { id idNumber name sex birthDate } }', { n: person.idNumber });
      expect(res.body.errors).toBeUndefined();
      const police = await t.dbs.police('persons').where({ id_number: person.idNumber }).first();
      expect(res.body.data!.personByIdNumber).toEqual({
        id: person.hubId, idNumber: person.idNumber, name: police.name, sex: police.sex === 'M' ? 'MALE' : 'FEMALE', birthDate: police.birth_date,
      });
      expect(await recordOf(res.requestId)).toMatchObject({ purpose: 'ID_VERIFICATION', outcome: 'DISCLOSED', residents: [person.hubId] });
    });

    it('answers nothing of other departments for the card', async () => {
      const res = await ask(clerk, 'query($n: String!) { personByIdNumber(idNumber: $n) { civilAffairs { maritalStatus } } }', { n: person.idNumber });
      expect(res.body.data!.personByIdNumber.civilAffairs).toBeNull();
      expect(res.body.errors!.map((e) => e.extensions!.code)).toEqual(['FIELD_DENIED']);
    });

    it.each([
      ['a search', 'query { searchPersons(first: 5) { edges { node { idNumber } } } }'],
      ['a read by hub id', 'query($id: ID!) { person(id: $id) { idNumber } }'],
      ['a link to the household and its members', 'query($n: String!) { personByIdNumber(idNumber: $n) { household { members { idNumber } } } }'],
      ['a write', 'mutation($id: ID!) { createTicket(input: { householdId: $id, idempotencyKey: "k-lookup-only", item: "MEAL_ASSISTANCE" }) { id } }'],
    ])('refuses %s under ID_VERIFICATION before reading anything', async (_label, query) => {
      const res = await ask(clerk, query, { n: person.idNumber, id: person.hubId });
      expect(res.status).toBe(403);
      expect(res.body.errors!.map((e) => e.extensions!.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
      expectNothingRead(res.sql);
      expect(await recordOf(res.requestId)).toMatchObject({ purpose: 'ID_VERIFICATION', outcome: 'REFUSED', refusal: 'PURPOSE_NOT_APPLICABLE' });
    });

    it('finds nobody outside the clerk’s grids, like a number that does not exist', async () => {
      const codes: string[] = await t.dbs.hub('buildings').whereNot({ grid_id: GRID }).pluck('code');
      const { rows } = await t.dbs.police.raw(
        `SELECT p.id_number FROM persons p JOIN households h USING (household_no) WHERE h.building_code = ANY(?)
          AND NOT EXISTS (SELECT 1 FROM residence_registrations r WHERE r.id_number = p.id_number) ORDER BY 1 LIMIT 1`,
        [codes],
      );
      const res = await ask(clerk, LOOKUP, { n: rows[0].id_number });
      expect(res.body).toEqual({ data: { personByIdNumber: null } });
      expect(await recordOf(res.requestId)).toMatchObject({ outcome: 'NOTHING_FOUND', misses: 1 });
    });
  });

  it('keeps every identifier look-up root on a type whose file the policy decides', () => {
    const query = served.schema.getQueryType()!;
    for (const a of IDENTIFIER_ARGUMENTS.filter((x) => x.coordinate.startsWith('Query.'))) {
      const field = query.getFields()[a.coordinate.slice(6, a.coordinate.indexOf('('))];
      expect(served.residentRootFields.has(field.name)).toBe(true);
      // A claims look-up (verify) answers about the person found, never with their file.
      expect((getNamedType(field.type) as GraphQLObjectType).name).toBe(field.name === 'verify' ? 'ClaimVerification' : a.field.split('.')[0]);
    }
  });
});
