import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { openDatabases } from '../../src/db/databases';
import { TEST_AUDIENCE, TEST_ISSUER, testKeys } from '../support/auth';
import { TestHub, startTestHub } from '../support/http';
import { testDatabaseUrls } from '../support/testDatabases';
import { ask, codes, expectNoLeak, send } from './attackClient';

/**
 * Bad tokens and error leakage, over real HTTP. Long-lived tokens, future `iat` and development
 * keys in production belong to the production-mode suite, as does introspection per role.
 */
describe('attacks: bad tokens', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const signed = async (edit: (jwt: SignJWT) => SignJWT, key?: Parameters<SignJWT['sign']>[0]) =>
    edit(new SignJWT({ role: 'POLICE_OFFICER' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('attacker').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setIssuedAt().setExpirationTime('1h'))
      .sign(key ?? (await testKeys()).privateKey);

  const CASES: Array<[string, () => Promise<string>]> = [
    ['alg none', async () => new UnsecuredJWT({ role: 'POLICE_OFFICER' }).setSubject('attacker').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('1h').encode()],
    ['a key that is not the configured one', async () => signed((j) => j, (await generateKeyPair('EdDSA')).privateKey)],
    ['HS256 keyed with a guessable secret (algorithm confusion)', async () =>
      new SignJWT({ role: 'POLICE_OFFICER' }).setProtectedHeader({ alg: 'HS256' }).setSubject('attacker').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('1h').sign(new TextEncoder().encode('onefile'))],
    ['an expired token', async () => signed((j) => j.setIssuedAt(now() - 7200).setExpirationTime(now() - 3600))],
    ['another issuer', async () => signed((j) => j.setIssuer('https://evil.example'))],
    ['another audience', async () => signed((j) => j.setAudience('some-other-api'))],
    ['a role the hub does not know', async () => new SignJWT({ role: 'ADMINISTRATOR' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('attacker').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('1h').sign((await testKeys()).privateKey)],
  ];

  it.each(CASES)('refuses %s with 401 and no data', async (_name, token) => {
    const a = await send(t.hub.url, { body: JSON.stringify({ query: '{ viewer { role } }' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` } });
    expect(a.status).toBe(401);
    expect(codes(a)).toEqual(['UNAUTHENTICATED']);
    expect(a.body.data).toBeUndefined();
    expect(a.headers.get('www-authenticate')).toContain('Bearer');
  });
});

describe('attacks: error leakage after a forced database error', () => {
  it('answers SOURCE_UNAVAILABLE without SQL text, driver messages, hosts or a stack when the police database is down', async () => {
    const urls = testDatabaseUrls();
    const dbs = openDatabases({ ...urls, police: urls.police.replace(/@[^/]+\//, '@127.0.0.1:1/') }, { poolMax: 1 });
    const broken = await startTestHub(dbs);
    try {
      const a = await ask(broken.hub.url, '{ personByIdNumber(idNumber: "11010119490922264X") { name } searchPersons(filter: { name: "zhang" }) { edges { node { name } } } }');
      expectNoLeak(a);
      expect(codes(a)).toContain('SOURCE_UNAVAILABLE');
      expect(a.text).not.toMatch(/127\.0\.0\.1|:1\/|onefile_test|password|connect/i);
    } finally {
      await broken.close();
    }
  });
});
