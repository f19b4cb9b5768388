import { openDatabases } from '../src/db/databases';
import { EMERGENCY_OFFICER, headersFor } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { testDatabaseUrls } from './support/testDatabases';

const FILE = `query($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) {
    name
    civilAffairs { maritalStatus disability { grade } }
    health { familyDoctor { clinic } }
  }
}`;

async function someAdultIdNumber(t: TestHub): Promise<string> {
  const { rows } = await t.dbs.civil.raw('SELECT id_number FROM marital_status ORDER BY id_number LIMIT 1');
  return rows[0].id_number;
}

describe('errors reach clients coded and without internals', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('reports a failing department query as SOURCE_UNAVAILABLE on its fields only, without SQL text, and keeps serving', async () => {
    const idNumber = await someAdultIdNumber(t);
    await t.dbs.civil.raw('ALTER TABLE disabilities RENAME TO disabilities_offline');
    try {
      const res = await t.query(FILE, { idNumber });
      expect(res.status).toBe(200);
      expect(res.data!.personByIdNumber.name).toEqual(expect.any(String));
      expect(res.data!.personByIdNumber.civilAffairs.disability).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toEqual({
        message: 'The civil affairs records are temporarily unavailable.',
        path: ['personByIdNumber', 'civilAffairs', 'disability'],
        locations: expect.any(Array),
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'civil affairs' },
      });
      expect(res.text).not.toMatch(/select|relation|disabilities|stack/i);
    } finally {
      await t.dbs.civil.raw('ALTER TABLE disabilities_offline RENAME TO disabilities');
    }
    const again = await t.query(FILE, { idNumber });
    expect(again.errors).toBeUndefined();
  });

  it('keeps answering from the other departments when a whole department database is unreachable', async () => {
    const urls = testDatabaseUrls();
    const dbs = openDatabases({ ...urls, health: urls.health.replace(/\/[^/]+$/, '/onefile_no_such_database') }, { poolMax: 2 });
    const broken = await startTestHub(dbs);
    try {
      const res = await broken.query(FILE, { idNumber: await someAdultIdNumber(t) });
      expect(res.data!.personByIdNumber.name).toEqual(expect.any(String));
      expect(res.data!.personByIdNumber.health.familyDoctor).toBeNull();
      expect(res.errors!.map((e) => e.extensions!.code)).toEqual(['SOURCE_UNAVAILABLE']);
      expect(res.text).not.toContain('onefile_no_such_database');
    } finally {
      await broken.close();
    }
  });

  it('answers a body that is not JSON with a coded 400', async () => {
    const headers = { 'content-type': 'application/json', ...(await headersFor(EMERGENCY_OFFICER)) };
    const res = await fetch(t.hub.url, { method: 'POST', headers, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers a syntax error and an unknown field with coded errors and no field suggestions', async () => {
    const parse = await t.query('{ person(id: "x" { id } }');
    expect(parse.status).toBe(400);
    expect(parse.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await t.query('{ household(id: "00000000-0000-4000-8000-000000000000") { membrs { id } } }');
    expect(unknown.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknown.text).not.toContain('Did you mean');
  });

  it('refuses an oversized document with QUERY_TOO_LARGE before parsing it', async () => {
    const res = await t.query(`{ ${'__typename '.repeat(3000)} }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
  });

  it('refuses a query nested deeper than the limit before touching any database', async () => {
    let nested = 'id';
    for (let i = 0; i < 8; i++) nested = `members { household { ${nested} } }`;
    const res = await t.query(`{ household(id: "00000000-0000-4000-8000-000000000000") { ${nested} } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors!.map((e) => e.extensions!.code)).toEqual(['QUERY_TOO_DEEP']);
  });
});
