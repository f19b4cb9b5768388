import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { EMERGENCY_OFFICER, headersFor, TEST_AUDIENCE, TEST_ISSUER, testKeys, testToken } from './support/auth';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { countQueries } from './support/queryCounter';

const VIEWER = '{ viewer { role } }';

describe('authentication: a valid bearer token or HTTP 401 before any resolver runs', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  async function expect401(headers: Record<string, string>, reason: string) {
    const counter = countQueries(t.dbs);
    const res = await postGraphQL(t.hub.url, VIEWER, undefined, headers);
    counter.stop();
    expect(res.status).toBe(401);
    expect(res.errors).toEqual([{ message: 'A valid bearer token is required.', extensions: { code: 'UNAUTHENTICATED', reason } }]);
    expect(res.data).toBeUndefined();
    expect(counter.total()).toBe(0);
  }

  it('refuses a request without a token', () => expect401({}, 'MISSING'));

  it('marks every answer uncacheable, resident data and refusals alike', async () => {
    const ask = async (headers: Record<string, string>) => {
      const res = await fetch(t.hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ persons(ids: []) { name } }' }) });
      await res.text();
      return { status: res.status, cacheControl: res.headers.get('cache-control') };
    };
    expect(await ask(await headersFor(EMERGENCY_OFFICER))).toEqual({ status: 200, cacheControl: 'no-store' });
    expect(await ask({})).toEqual({ status: 401, cacheControl: 'no-store' });
  });

  it('refuses a header that is not a bearer JWT', () => expect401({ authorization: 'Basic dXNlcjpwYXNz' }, 'MALFORMED'));

  it('refuses an expired token', async () => {
    const { privateKey } = await testKeys();
    const token = await new SignJWT({ role: 'POLICE_OFFICER' })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject('p1').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(privateKey);
    await expect401({ authorization: `Bearer ${token}` }, 'EXPIRED');
  });

  it('refuses a token signed with another key', async () => {
    const other = await generateKeyPair('EdDSA');
    const token = await new SignJWT({ role: 'POLICE_OFFICER' })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject('p1').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('1h')
      .sign(other.privateKey);
    await expect401({ authorization: `Bearer ${token}` }, 'INVALID');
  });

  it('refuses an unsigned alg:none token', async () => {
    const token = new UnsecuredJWT({ role: 'POLICE_OFFICER' }).setSubject('p1').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('1h').encode();
    await expect401({ authorization: `Bearer ${token}` }, 'INVALID');
  });

  it('refuses a token for another audience', async () => {
    const { privateKey } = await testKeys();
    const token = await new SignJWT({ role: 'POLICE_OFFICER' })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject('p1').setIssuer(TEST_ISSUER).setAudience('some-other-api').setExpirationTime('1h')
      .sign(privateKey);
    await expect401({ authorization: `Bearer ${token}` }, 'INVALID');
  });

  it('refuses a token whose claims name no known role, or street staff without grids', async () => {
    await expect401({ authorization: `Bearer ${await testToken({ role: 'MAYOR' as never, subject: 'x' })}` }, 'INVALID');
    await expect401({ authorization: `Bearer ${await testToken({ role: 'STREET_STAFF', subject: 'x' })}` }, 'INVALID');
  });

  it('accepts a valid token and tells the caller who they are', async () => {
    const res = await t.as({ role: 'STREET_STAFF', grids: ['110101001001-G01'], subject: 'grid-worker-7', clientApp: 'grid-app' })(
      '{ viewer { subject role department clientApp purposes declaredPurpose scope grids { id name community { name } } } }',
    );
    expect(res.status).toBe(200);
    expect(res.data!.viewer).toEqual({
      subject: 'grid-worker-7',
      role: 'STREET_STAFF',
      department: null,
      clientApp: 'grid-app',
      purposes: ['HOME_VISIT', 'SUBSIDY_REVIEW', 'EMERGENCY', 'ID_VERIFICATION', 'SERVICE_APPLICATION', 'TICKET_HANDLING'],
      declaredPurpose: null,
      scope: 'GRIDS',
      grids: [{ id: '110101001001-G01', name: expect.stringContaining('网格'), community: { name: expect.stringContaining('社区') } }],
    });
  });

  it('keeps /healthz open without a token', async () => {
    const res = await fetch(t.hub.url.replace('/graphql', '/healthz'));
    expect(res.status).toBe(200);
  });
});
