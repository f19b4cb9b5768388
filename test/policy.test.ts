import { graphql, GraphQLObjectType } from 'graphql';
import { principalFromClaims } from '../src/auth/principal';
import { CLAIMS_ONLY_PURPOSES, LOOKUP_ONLY_PURPOSES, Purpose, Role, ROLE_DEPARTMENT } from '../src/auth/vocabulary';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { matrixColumns, matrixDecision } from '../src/policy/accessMatrix';
import { initialAccess } from '../src/policy/access';
import { readDeclarations } from '../src/policy/declarations';
import { rowScopeFor } from '../src/policy/rowScopeFor';
import { buildOneFileSchema } from '../src/schema/buildSchema';
import { createLoaders } from '../src/sources/loaders';
import { Caller, headersFor } from './support/auth';
import { fullSelection } from './support/fullSelection';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { compareWithOracle } from './support/policyOracle';

const raw = buildOneFileSchema();
const declarations = readDeclarations(raw);
const PERSON = raw.getType('Person') as GraphQLObjectType;
const HOUSEHOLD = raw.getType('Household') as GraphQLObjectType;
// By hub id: a look-up by ID number is itself gated on Person.idNumber (test/identifierLookups.test.ts).
const PERSON_QUERY = `query($id: ID!) { person(id: $id) { ${fullSelection(raw, PERSON)} } }`;
const HOUSEHOLD_QUERY = `query($id: ID!) { household(id: $id) { ${fullSelection(raw, HOUSEHOLD)} } }`;
const FULL_ID_NUMBER = /\d{17}[\dX]/;
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

interface Subject {
  label: string;
  idNumber: string;
  hubId: string;
  householdId: string | null;
  gridId: string;
}

describe('field-level policy over HTTP, against the access matrix', () => {
  let t: TestHub;
  const subjects: Subject[] = [];
  /** Open tickets by `role|household`: a read under TICKET_HANDLING names one (x-ticket-id). */
  const tickets = new Map<string, string>();

  async function subject(label: string, sql: string): Promise<Subject> {
    const { rows } = await t.dbs.police.raw(sql);
    expect(rows).toHaveLength(1);
    const { id_number: idNumber, household_no: householdNo, building_code: buildingCode } = rows[0];
    const person = await t.dbs.hub('person_index').where({ id_number: idNumber }).first();
    const household = householdNo ? await t.dbs.hub('household_index').where({ household_no: householdNo }).first() : null;
    const building = await t.dbs.hub('buildings').where({ code: buildingCode }).first();
    return { label, idNumber, hubId: person.id, householdId: household?.id ?? null, gridId: building.grid_id };
  }

  beforeAll(async () => {
    t = await startTestHub();
    const civil = await t.dbs.civil.raw(`SELECT a.id_number FROM assistance a JOIN disabilities d USING (id_number) ORDER BY 1`);
    const health = await t.dbs.health.raw(`SELECT id_number FROM chronic_conditions INTERSECT SELECT id_number FROM family_doctor_contracts`);
    const rich = new Set(health.rows.map((r: { id_number: string }) => r.id_number));
    const elder = civil.rows.map((r: { id_number: string }) => r.id_number).find((n: string) => rich.has(n)) ?? civil.rows[0].id_number;
    const child = (await t.dbs.health.raw(`SELECT child_id_number FROM births WHERE child_id_number IS NOT NULL ORDER BY 1 LIMIT 1`)).rows[0].child_id_number;
    subjects.push(
      await subject('an elder on assistance with a disability', `SELECT p.id_number, p.household_no, h.building_code FROM persons p JOIN households h USING (household_no) WHERE p.id_number = '${elder}'`),
      await subject('a newborn', `SELECT p.id_number, p.household_no, h.building_code FROM persons p JOIN households h USING (household_no) WHERE p.id_number = '${child}'`),
      await subject('a floating resident with a permit', `
        SELECT p.id_number, p.household_no, r.building_code FROM persons p JOIN residence_registrations r USING (id_number)
        WHERE p.household_no IS NULL AND r.status = 'ACTIVE' AND p.phone IS NOT NULL ORDER BY p.id_number LIMIT 1`),
    );
    for (const { role } of columns.filter((c) => c.purpose === 'TICKET_HANDLING')) {
      const department = role === 'STREET_STAFF' ? 'street' : ROLE_DEPARTMENT[role];
      for (const s of subjects.filter((x) => x.householdId !== null)) {
        const caller: Caller = { role, purpose: 'TICKET_HANDLING', ...(role === 'STREET_STAFF' ? { grids: [s.gridId] } : {}) };
        const res = await postGraphQL(t.hub.url, 'mutation File($input: CreateTicketInput!) { createTicket(input: $input) { id } }', {
          input: { householdId: s.householdId, item: NEED_ITEMS.find((i) => i.department === department)!.code, idempotencyKey: `policy-${role.slice(0, 6)}-${s.householdId}` },
        }, await headersFor(caller));
        tickets.set(`${role}|${s.householdId}`, res.data!.createTicket.id);
      }
    }
  });
  afterAll(() => t.close());

  function callerFor(role: Role, purpose: Purpose, s: Subject): Caller {
    const caller: Caller = { role, purpose };
    if (role === 'STREET_STAFF') caller.grids = [s.gridId];
    if (role === 'RESIDENT') caller.subject = s.hubId;
    if (purpose === 'CASE_INVESTIGATION') caller.caseNumber = 'XS-2026-0042';
    if (purpose === 'TICKET_HANDLING') caller.ticketId = tickets.get(`${role}|${s.householdId}`);
    return caller;
  }

  /**
   * The same query through the schema without policy, with the caller's row scope: the oracle. It
   * carries the caller's decisions only because ages are reckoned by them (policy/ageDay.ts).
   */
  async function oracle(caller: Caller, query: string, variables: Record<string, unknown>) {
    const principal = principalFromClaims({ sub: caller.subject ?? `test-${caller.role.toLowerCase()}`, role: caller.role, grids: caller.grids });
    const decisions = new Map([...declarations].map(([key, d]) => [key, matrixDecision(caller.role, caller.purpose as Purpose, d)]));
    const access = { ...initialAccess(principal, null, null), purpose: caller.purpose as Purpose, decisions };
    const contextValue = { requestId: 'oracle', access, loaders: createLoaders(t.dbs, rowScopeFor(principal)) };
    const result = await graphql({ schema: raw, source: query, variableValues: variables, contextValue });
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  }

  // Lookup-only purposes (ID_VERIFICATION) answer nothing but a look-up by ID number: test/identifierLookups.test.ts.
  // Look-up-only purposes: test/identifierLookups.test.ts; claims-only purposes (no file at all): test/claimRefusals.test.ts, test/claims.test.ts.
  const columns = matrixColumns().filter((c): c is { role: Role; purpose: Purpose } => c.purpose !== null && !LOOKUP_ONLY_PURPOSES.has(c.purpose) && !CLAIMS_ONLY_PURPOSES.has(c.purpose));

  describe.each(columns)('$role acting for $purpose', ({ role, purpose }) => {
    const decisionOf = (key: string) => matrixDecision(role, purpose, declarations.get(key)!);

    it('gets every declared field of a person file as the matrix says, and nothing more', async () => {
      // A ticket is about a registered household: a resident with none is out of reach under TICKET_HANDLING.
      for (const s of subjects.filter((x) => purpose !== 'TICKET_HANDLING' || x.householdId !== null)) {
        const caller = callerFor(role, purpose, s);
        const res = await t.as(caller)(PERSON_QUERY, { id: s.hubId });
        const expected = await oracle(caller, PERSON_QUERY, { id: s.hubId });
        expect(res.status).toBe(200);
        expect(expected.person).not.toBeNull();
        const mismatches = compareWithOracle(raw, PERSON, expected.person, res.data!.person, res.errors ?? [], decisionOf, declarations, ['person']);
        expect({ subject: s.label, mismatches }).toEqual({ subject: s.label, mismatches: [] });
        if (decisionOf('Person.idNumber') !== 'ALLOW') expect(res.text).not.toMatch(FULL_ID_NUMBER);
        if (decisionOf('Person.phone') !== 'ALLOW') expect(res.text).not.toMatch(FULL_PHONE);
      }
    });

    it('gets the same decisions on nested paths: household { members { … } }', async () => {
      const s = subjects[0];
      const caller = callerFor(role, purpose, s);
      const res = await t.as(caller)(HOUSEHOLD_QUERY, { id: s.householdId });
      const expected = await oracle(caller, HOUSEHOLD_QUERY, { id: s.householdId });
      expect(expected.household).not.toBeNull();
      const mismatches = compareWithOracle(raw, HOUSEHOLD, expected.household, res.data!.household, res.errors ?? [], decisionOf, declarations, ['household']);
      expect(mismatches).toEqual([]);
      if (decisionOf('Person.idNumber') !== 'ALLOW') expect(res.text).not.toMatch(FULL_ID_NUMBER);
      if (decisionOf('Person.phone') !== 'ALLOW') expect(res.text).not.toMatch(FULL_PHONE);
    });

    it('gets the same decisions through the Node interface and under aliases', async () => {
      const s = subjects[0];
      const caller = callerFor(role, purpose, s);
      const query = `query($id: ID!) { node(id: $id) { id ... on Person { secret: idNumber again: idNumber call: phone who: name } } }`;
      const res = await t.as(caller)(query, { id: s.hubId });
      const expected = await oracle(caller, `query($id: ID!) { person(id: $id) { idNumber phone name } }`, { id: s.hubId });
      const direct = (field: string) => {
        const decision = decisionOf(`Person.${field}`);
        const value = expected.person[field];
        if (decision === 'DENY') return null;
        return decision === 'MASK' ? require('../src/policy/masks').applyMask(declarations.get(`Person.${field}`)!.mask, value, null) : value;
      };
      expect(res.data!.node).toEqual({ id: s.hubId, secret: direct('idNumber'), again: direct('idNumber'), call: direct('phone'), who: direct('name') });
      const deniedPaths = (res.errors ?? []).map((e) => e.path!.join('.')).sort();
      const expectedDenied = [['secret', 'idNumber'], ['again', 'idNumber'], ['call', 'phone'], ['who', 'name']]
        .filter(([, f]) => decisionOf(`Person.${f}`) === 'DENY')
        .map(([alias]) => `node.${alias}`)
        .sort();
      expect(deniedPaths).toEqual(expectedDenied);
    });
  });

  it.each(['AUDITOR', 'ADMIN'] as const)('gives %s no resident data at all, whatever purpose it declares', async (role) => {
    for (const purpose of ['HOME_VISIT', 'SELF_SERVICE']) {
      const res = await t.as({ role, purpose })(PERSON_QUERY, { id: subjects[0].hubId });
      expect(res.status).toBe(403);
      expect(res.data).toBeUndefined();
      expect(res.errors![0].extensions!.code).toBe('PURPOSE_NOT_GRANTED');
      expect(res.text).not.toMatch(FULL_ID_NUMBER);
    }
  });
});
