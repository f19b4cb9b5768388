import { randomUUID } from 'node:crypto';
import { ROLE_PURPOSES, ROLES } from '../src/auth/vocabulary';
import { buildServedSchema } from '../src/schema/buildSchema';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';

/**
 * What `verify` refuses, and what the access log and the resident's own history keep of a
 * verification: coded errors for bad input (nothing read, the refusal recorded), no oracle for
 * residents out of reach, SERVICE_APPLICATION kept to `verify`, the service item recorded like a
 * case number, and "civil affairs verified: …" in the resident's history without any value.
 */
const GRID = '110101001001-G01';
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SERVICE_APPLICATION' };
const STREET: Caller = { role: 'STREET_STAFF', purpose: 'SERVICE_APPLICATION', grids: [GRID] };
const CARD = ['AGED_60_OR_OVER', 'ALIVE', 'REGISTERED_IN_DISTRICT'];

const VERIFY = `query Verify($item: String!, $claims: [Claim!]!, $id: ID, $idNumber: String) {
  verify(serviceItem: $item, claims: $claims, residentId: $id, idNumber: $idNumber) { residentId statement answers { agedSixtyOrOver alive registeredInDistrict } }
}`;

describe('verify refuses, records and tells the resident', () => {
  let t: TestHub;
  let inGrid: { hubId: string; idNumber: string };
  let outside: { hubId: string; idNumber: string };

  async function recordOf(operation: string) {
    const rows = await t.dbs.hub('access_log').where({ operation_name: operation }).orderBy('seq', 'desc').limit(1).select('*');
    return rows[0];
  }

  beforeAll(async () => {
    t = await startTestHub();
    const gridOf = new Map<string, string>((await t.dbs.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]));
    const persons = (await t.dbs.police.raw(`SELECT p.id_number, h.building_code FROM persons p JOIN households h USING (household_no) WHERE p.birth_date < '1955-01-01' ORDER BY p.id_number`)).rows as Array<{ id_number: string; building_code: string }>;
    const index = async (idNumber: string) => ({ idNumber, hubId: (await t.dbs.hub('person_index').where({ id_number: idNumber }).first('id')).id as string });
    inGrid = await index(persons.find((p) => gridOf.get(p.building_code) === GRID)!.id_number);
    outside = await index(persons.find((p) => gridOf.get(p.building_code) !== GRID)!.id_number);
  });
  afterAll(() => t.close());

  it.each([
    ['an unknown service item', CIVIL, { item: 'PASSPORT', claims: CARD }, 'UNKNOWN_SERVICE_ITEM'],
    ['a claim the service item does not declare', CIVIL, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: [...CARD, 'DISABILITY_CERTIFIED'] }, 'CLAIM_NOT_IN_SERVICE_ITEM'],
    ['no claim', CIVIL, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: [] }, 'CLAIMS_REQUIRED'],
    ['a claim the role may not ask (police and civil affairs\' disability)', { role: 'POLICE_OFFICER', purpose: 'SERVICE_APPLICATION' }, { item: 'LOW_INCOME_APPLICATION', claims: ['DISABILITY_CERTIFIED'] }, 'CLAIM_NOT_PERMITTED'],
  ] as const)('refuses %s with a coded error, reads nothing, and records the refusal', async (_what, caller, vars, code) => {
    const operation = `Refused${code.replace(/_/g, '')}`;
    const res = await t.as(caller)(VERIFY.replace('query Verify', `query ${operation}`), { ...vars, id: inGrid.hubId });
    expect(res.data).toEqual({ verify: null });
    expect(res.errors!.map((e) => e.extensions!.code)).toEqual([code]);
    expect(res.text).not.toContain('PASSPORT');
    const record = await recordOf(operation);
    expect(record).toMatchObject({ outcome: 'REFUSED', refusal: code, purpose: 'SERVICE_APPLICATION', residents: [] });
    // The service item is recorded only once it is known to be one of the catalogue's codes.
    expect(record.case_number).toBe(code === 'UNKNOWN_SERVICE_ITEM' ? null : vars.item);
  });

  it('answers a resident outside the caller\'s grids exactly as one who does not exist, by hub id and by ID number', async () => {
    const ask = t.as(STREET);
    const strip = (text: string) => JSON.parse(text);
    const byId = await Promise.all([outside.hubId, randomUUID()].map((id) => ask(VERIFY, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: CARD, id })));
    expect(strip(byId[0].text)).toEqual(strip(byId[1].text));
    expect(byId[0].errors!.map((e) => e.extensions!.code)).toEqual(['RESIDENT_NOT_FOUND']);
    // A valid ID number nobody holds: the check character recomputed (GB 11643).
    const body = '11010119000101999';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const nobody = body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * weights[i], 0) % 11];
    const byNumber = await Promise.all([outside.idNumber, nobody].map((idNumber) => ask(VERIFY, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: CARD, idNumber })));
    expect(strip(byNumber[0].text)).toEqual(strip(byNumber[1].text));
    expect(byNumber[0].errors!.map((e) => e.extensions!.code)).toEqual(['RESIDENT_NOT_FOUND']);
    const inside = await ask(VERIFY, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: CARD, idNumber: inGrid.idNumber });
    expect(inside.data!.verify.residentId).toBe(inGrid.hubId);
  });

  it('keeps SERVICE_APPLICATION to verify, and verify to SERVICE_APPLICATION', async () => {
    const file = await t.as(STREET)(`query FileUnderService($id: ID!) { person(id: $id) { name birthDate } }`, { id: inGrid.hubId });
    expect(file.status).toBe(403);
    expect(file.errors!.map((e) => e.extensions!.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
    const both = await t.as(STREET)(`query Both($id: ID!) { verify(serviceItem: "ELDERLY_PREFERENTIAL_CARD", claims: [ALIVE], residentId: $id) { residentId } person(id: $id) { name } }`, { id: inGrid.hubId });
    expect(both.errors!.map((e) => e.extensions!.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
    const wrongPurpose = await t.as({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW' })(VERIFY, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: CARD, id: inGrid.hubId });
    expect(wrongPurpose.status).toBe(403);
    expect(wrongPurpose.errors!.map((e) => e.extensions!.code)).toEqual(['PURPOSE_NOT_APPLICABLE']);
    const health = await t.as({ role: 'HEALTH_WORKER', purpose: 'SERVICE_APPLICATION' })(VERIFY, { item: 'ELDERLY_PREFERENTIAL_CARD', claims: CARD, id: inGrid.hubId });
    expect(health.errors!.map((e) => e.extensions!.code)).toEqual(['PURPOSE_NOT_GRANTED']);
    expect((await recordOf('FileUnderService'))).toMatchObject({ outcome: 'REFUSED', refusal: 'PURPOSE_NOT_APPLICABLE' });
  });

  /** One valid operation per resident-data root (a new root must be added, or the next test fails). */
  const ROOTS: Record<string, (id: string) => string> = {
    person: (id) => `{ person(id: "${id}") { name } }`,
    persons: (id) => `{ persons(ids: ["${id}"]) { name } }`,
    personByIdNumber: () => '{ personByIdNumber(idNumber: "110101194909222648") { name } }',
    household: (id) => `{ household(id: "${id}") { id } }`,
    node: (id) => `{ node(id: "${id}") { id } }`,
    searchPersons: () => '{ searchPersons(filter: { gridIds: ["110101001001-G01"] }, first: 1) { totalCount } }',
    searchHouseholds: () => '{ searchHouseholds(filter: { gridIds: ["110101001001-G01"] }, first: 1) { totalCount } }',
    notLivingHereVisits: () => '{ notLivingHereVisits(first: 1) { pageInfo { hasNextPage } } }',
    recordVisit: (id) => `mutation { recordVisit(input: { householdId: "${id}", visitedAt: "2026-11-29T00:00:00Z", outcome: MET, idempotencyKey: "claims-gate-1" }) { id } }`,
    createTicket: (id) => `mutation { createTicket(input: { householdId: "${id}", item: "MEAL_ASSISTANCE", idempotencyKey: "claims-gate-2" }) { id } }`,
    submitNeed: () => 'mutation { submitNeed(input: { item: "HOUSING_REPAIR", idempotencyKey: "claims-gate-3" }) { id } }',
    transitionTicket: (id) => `mutation { transitionTicket(input: { id: "${id}", to: ACCEPTED, expectedVersion: 1 }) { id } }`,
    confirmTicket: (id) => `mutation { confirmTicket(input: { id: "${id}", expectedVersion: 1 }) { id } }`,
    reopenTicket: (id) => `mutation { reopenTicket(input: { id: "${id}", expectedVersion: 1, reason: "x" }) { id } }`,
    rateTicket: (id) => `mutation { rateTicket(input: { id: "${id}", expectedVersion: 1, rating: 5 }) { id } }`,
    ticket: (id) => `{ ticket(id: "${id}") { id } }`,
    ticketQueue: () => '{ ticketQueue(first: 1) { totalCount } }',
    myTickets: () => '{ myTickets(first: 1) { totalCount } }',
    discrepancies: () => '{ discrepancies(first: 1) { totalCount } }',
  };

  it('refuses every resident-data root but verify under SERVICE_APPLICATION, for every role granted it, before reading anything', async () => {
    const roots = [...buildServedSchema().residentRootFields].filter((f) => f !== 'verify').sort();
    expect(Object.keys(ROOTS).sort()).toEqual(roots);
    const granted = ROLES.filter((role) => ROLE_PURPOSES[role].includes('SERVICE_APPLICATION'));
    expect(granted.sort()).toEqual(['CIVIL_AFFAIRS_OFFICER', 'POLICE_OFFICER', 'STREET_STAFF']);
    for (const role of granted) {
      const ask = t.as({ role, purpose: 'SERVICE_APPLICATION', grids: role === 'STREET_STAFF' ? [GRID] : undefined });
      for (const [root, query] of Object.entries(ROOTS)) {
        const res = await ask(query(inGrid.hubId));
        expect([root, res.status, res.errors?.map((e) => e.extensions!.code)]).toEqual([root, 403, ['PURPOSE_NOT_APPLICABLE']]);
        expect(res.data ?? null).toBeNull();
      }
    }
  });

  it('records the service item and the claims disclosed, and shows the resident "civil affairs verified: …" with no value', async () => {
    const res = await t.as(CIVIL)(VERIFY.replace('query Verify', 'query CardCounter'), { item: 'ELDERLY_PREFERENTIAL_CARD', claims: CARD, id: inGrid.hubId });
    expect(res.errors).toBeUndefined();
    const record = await recordOf('CardCounter');
    expect(record).toMatchObject({ outcome: 'DISCLOSED', purpose: 'SERVICE_APPLICATION', case_number: 'ELDERLY_PREFERENTIAL_CARD', residents: [inGrid.hubId], department: 'civil' });
    expect(record.disclosures.flatMap((g: { ALLOW: string[] }) => g.ALLOW).filter((f: string) => f.startsWith('ClaimAnswers.')).sort())
      .toEqual(['ClaimAnswers.agedSixtyOrOver', 'ClaimAnswers.alive', 'ClaimAnswers.registeredInDistrict']);
    const audit = await t.as({ role: 'AUDITOR' })(`{ accessLog(first: 1, filter: { operationName: "CardCounter" }) { edges { node { purpose serviceItem caseNumber } } } }`);
    expect(audit.data!.accessLog.edges[0].node).toEqual({ purpose: 'SERVICE_APPLICATION', serviceItem: 'ELDERLY_PREFERENTIAL_CARD', caseNumber: null });
    const mine = await t.as({ role: 'RESIDENT', subject: inGrid.hubId, purpose: 'SELF_SERVICE' })('{ myAccessLog(first: 5) { edges { node { department purpose action summary } } } }');
    const entry = mine.data!.myAccessLog.edges.map((e: { node: Record<string, string> }) => e.node).find((n: Record<string, string>) => n.purpose === 'SERVICE_APPLICATION');
    // The resident's own history: the claims and the answers given (born before 1955, registered here; alive unless health registered a death).
    const alive = (await t.dbs.health('deaths').where({ id_number: inGrid.idNumber }).first()) ? 'no' : 'yes';
    expect(entry).toEqual({
      department: 'civil', purpose: 'SERVICE_APPLICATION', action: 'READ',
      summary: `civil affairs verified for the elderly preferential card (老年人优待卡): aged 60 or over: yes, alive: ${alive}, registered (户籍) in this district: yes`,
    });
  });
});
