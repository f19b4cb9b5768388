import { TestHub, startTestHub } from '../support/http';
import { EMERGENCY_OFFICER, headersFor } from '../support/auth';
import { DEFAULT_LIMITS } from '../../src/limits/limitSettings';
import { Answer, ask, codes, expectNoLeak, send } from './attackClient';

/**
 * Attacks on the query limits, over real HTTP against the demo seed, each refused before any
 * resolver runs with one coded error whose message names no type or field of the schema.
 * (Introspection per role and production refusals are covered by the production-mode suite.)
 */
describe('attacks: query and request limits', () => {
  let t: TestHub;
  let ids: string[];
  beforeAll(async () => {
    t = await startTestHub();
    ids = (await t.dbs.hub('person_index').select('id').orderBy('id').limit(500)).map((r: { id: string }) => r.id);
  });
  afterAll(() => t.close());

  /** The response is a single coded refusal whose message maps nothing of the schema. */
  function expectRefused(a: Answer, code: string, status = 400) {
    expect(a.status).toBe(status);
    expect(codes(a)).toEqual([code]);
    expect(a.body.data).toBeUndefined();
    expect(a.body.errors[0].message).not.toMatch(/Person|Household|Query|persons|searchPersons|members|"/);
    expectNoLeak(a);
  }

  it('gives no suggestions for a misspelt field, argument, type, input field or enum value', async () => {
    const misspelt = [
      ['{ persn(id: "x") { nam } }', /"person"|"name"/],
      ['{ person(idz: "x") { id } }', /"id"\?/],
      ['query($f: SearchFiltr) { viewer { role } }', /"SearchFilter"/],
      ['{ searchPersons(filter: { nam: "x" }) { totalCount } }', /"name"/],
      ['{ searchPersons(filter: { name: "王", tags: [LOW_INCOM] }) { totalCount } }', /"LOW_INCOME"/],
      ['{ node(id: "x") { ... on Persn { id } } }', /"Person"/],
    ] as const;
    for (const [query, hint] of misspelt) {
      const a = await ask(t.hub.url, query);
      expect(a.status).toBe(400);
      expect(a.text).not.toMatch(/Did you mean/i);
      expect(a.text).not.toMatch(hint);
    }
  });

  it('refuses more than 15 aliases, counting __typename', async () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ');
    expect((await ask(t.hub.url, `{ ${fifteen} }`)).status).toBe(200);
    expectRefused(await ask(t.hub.url, `{ ${fifteen} t15: __typename }`), 'TOO_MANY_ALIASES');
  });

  it('answers a flood of 60 unknown directives with one error', async () => {
    const directives = Array.from({ length: 60 }, (_, i) => `@d${i}`).join(' ');
    expectRefused(await ask(t.hub.url, `{ viewer { role ${directives} } }`), 'TOO_MANY_DIRECTIVES');
  });

  it('refuses a query nested deeper than 6 levels and accepts 6', async () => {
    const six = `{ person(id: "${ids[0]}") { household { members { household { members { id } } } } } }`;
    const seven = `{ person(id: "${ids[0]}") { household { members { household { members { household { id } } } } } } }`;
    const ok = await ask(t.hub.url, six);
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    expectRefused(await ask(t.hub.url, seven), 'QUERY_TOO_DEEP');
  });

  it('refuses a token flood with HTTP 400, not 500', async () => {
    const flood = `{ viewer { ${'role '.repeat(DEFAULT_LIMITS.query.maxTokens)} } }`;
    expectRefused(await ask(t.hub.url, flood), 'QUERY_TOO_LARGE');
  });

  it('answers a body over the limit with 413 and a coded error, not a connection reset', async () => {
    const headers = { 'content-type': 'application/json', ...(await headersFor(EMERGENCY_OFFICER)) };
    for (const size of [DEFAULT_LIMITS.query.maxBodyBytes, 4 * 1024 * 1024]) {
      const body = JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(size) } });
      const a = await send(t.hub.url, { body, headers });
      expect(a.status).toBe(413);
      expect(codes(a)).toEqual(['PAYLOAD_TOO_LARGE']);
    }
    // The connection is still usable afterwards.
    expect((await ask(t.hub.url, '{ viewer { role } }')).status).toBe(200);
  });

  it('cuts an error flood to the error cap', async () => {
    const bad = Array.from({ length: 40 }, (_, i) => `nope${i}`).join(' ');
    const a = await ask(t.hub.url, `{ viewer { role } ${bad} }`);
    expect(a.status).toBe(400);
    expect(a.body.errors).toHaveLength(DEFAULT_LIMITS.query.maxErrors);
    expect(codes(a).at(-1)).toBe('TOO_MANY_ERRORS');
  });

  it('refuses list amplification: 29 aliases × persons(ids: [500]) (14,500 files), and 5 × 500 within the alias limit', async () => {
    const aliases = (n: number, ids: string) => Array.from({ length: n }, (_, i) => `p${i}: persons(ids: ${ids}) { name }`).join(' ');
    // As the issue sent it (one list variable, 29 aliases): the alias limit refuses it first...
    const flood = await ask(t.hub.url, `query($ids: [ID!]!) { ${aliases(29, '$ids')} }`, { ids });
    expectRefused(flood, 'TOO_MANY_ALIASES');
    // Refused at validation, before the operation was resolved, and still on the record.
    const record = await t.dbs.hub('access_log').where({ request_id: flood.headers.get('x-request-id') }).first();
    expect(record).toMatchObject({ outcome: 'REFUSED', refusal: 'TOO_MANY_ALIASES', residents: [], misses: 0 });
    // ...and within the alias limit the file cap does: 5 × 500 are 2,500 files.
    expectRefused(await ask(t.hub.url, `query($ids: [ID!]!) { ${aliases(5, '$ids')} }`, { ids }), 'TOO_MANY_FILES');
    // A household page counts its members too (10 assumed per household): 100 pages' worth is refused.
    const pages = Array.from({ length: 2 }, (_, i) => `h${i}: searchHouseholds(first: 100, filter: { name: "王" }) { edges { node { members { name } } } }`).join(' ');
    expectRefused(await ask(t.hub.url, `{ ${pages} }`), 'TOO_MANY_FILES');
  });

  it('counts list sizes passed as variables: persons(ids: $a) × 5 with 500 ids each is refused, with 300 each answered', async () => {
    const q = `query($a: [ID!]!) { ${['a', 'b', 'c', 'd', 'e'].map((x) => `${x}: persons(ids: $a) { name }`).join(' ')} }`;
    const refused = await ask(t.hub.url, q, { a: ids });
    expectRefused(refused, 'TOO_MANY_FILES');
    // The attempt is on the record: REFUSED, with the limit as its refusal, and no resident touched.
    const record = await t.dbs.hub('access_log').where({ request_id: refused.headers.get('x-request-id') }).first();
    expect(record).toMatchObject({ outcome: 'REFUSED', refusal: 'TOO_MANY_FILES', residents: [], misses: 0 });
    const ok = await ask(t.hub.url, q, { a: ids.slice(0, 300) });
    expect(ok.status).toBe(200);
    expect(ok.body.data.a).toHaveLength(300);
  });

  it('counts `first` passed as a variable: the cost of a page of $n is computed with n, not skipped', async () => {
    const q = 'query($n: Int) { searchHouseholds(first: $n, filter: { name: "王" }) { edges { node { members { name } } } } }';
    // 200 households × (1 + 10 members) = 2,200 files: refused before the resolver's page check runs.
    expectRefused(await ask(t.hub.url, q, { n: 200 }), 'TOO_MANY_FILES');
    const ok = await ask(t.hub.url, q, { n: 5 });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
  });

  it('refuses a fragment fan-out (6 fragments, each spreading the next 150 times) for its cost, without walking the tree it stands for', async () => {
    let doc = '{ viewer { ...F0 } }';
    for (let i = 0; i < 6; i += 1) doc += ` fragment F${i} on Viewer { ${i === 5 ? 'role' : Array(150).fill(`...F${i + 1}`).join(' ')} }`;
    // 150^5 ≈ 7.6e10 fields if expanded (a walk that expanded them would never answer within the
    // test's timeout); the cost comes from one walk of the document instead.
    expectRefused(await ask(t.hub.url, doc), 'QUERY_TOO_COSTLY');
  });

  it('does not count fragments as depth: a six-level answer written with fragments passes', async () => {
    const q = `{ person(id: "${ids[0]}") { ...H } } fragment H on Person { household { ...M } } fragment M on Household { members { household { members { id } } } }`;
    const a = await ask(t.hub.url, q);
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
  });

  it('refuses cyclic fragments at validation', async () => {
    const a = await ask(t.hub.url, '{ viewer { ...A } } fragment A on Viewer { role ...B } fragment B on Viewer { subject ...A }');
    expect(a.status).toBe(400);
    expect(codes(a)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoLeak(a);
  });

  it('refuses a batched array of operations', async () => {
    const headers = { 'content-type': 'application/json', ...(await headersFor(EMERGENCY_OFFICER)) };
    const a = await send(t.hub.url, { body: JSON.stringify([{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]), headers });
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['BATCHING_NOT_SUPPORTED']);
  });

  it('refuses a subscription sent by HTTP (served over WebSocket only) with 400 and a coded error', async () => {
    const a = await ask(t.hub.url, 'subscription { ticketEvents(department: "police") { ticketId } }');
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['OPERATION_NOT_SUPPORTED']);
  });
});
