import { SignJWT } from 'jose';
import { closeDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import type { HttpHub } from '../src/server/httpServer';
import { TEST_AUDIENCE, TEST_ISSUER, testAuthSettings, testKeys } from './support/auth';
import { postGraphQL } from './support/http';
import { openTestDatabases } from './support/testDatabases';

const VIEWER = '{ viewer { role } }';
const now = () => Math.floor(Date.now() / 1000);

/** A token for ADMIN with the given iat / exp (seconds; `iat: null` leaves the claim out). */
async function token(claims: { iat: number | null; exp: number }): Promise<string> {
  const jwt = new SignJWT({ role: 'ADMIN', client_app: 'test' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('admin-1')
    .setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime(claims.exp);
  if (claims.iat !== null) jwt.setIssuedAt(claims.iat);
  return jwt.sign((await testKeys()).privateKey);
}

/**
 * Token lifetime over real HTTP: `iat` required and not in the future, exp − iat at most
 * AUTH_MAX_TOKEN_SECONDS (default 8 h, a working day), a few seconds of clock tolerance.
 */
describe('token lifetime', () => {
  const hubs: HttpHub[] = [];
  const dbs = openTestDatabases();
  let defaultHub: HttpHub;
  let shortHub: HttpHub;
  beforeAll(async () => {
    defaultHub = await startHub(dbs, { port: 0, auth: await testAuthSettings() });
    shortHub = await startHub(dbs, { port: 0, auth: { ...(await testAuthSettings()), maxTokenSeconds: 600 } });
    hubs.push(defaultHub, shortHub);
  });
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    await closeDatabases(dbs);
  });

  async function status(hub: HttpHub, jwt: string) {
    const res = await postGraphQL(hub.url, VIEWER, undefined, { authorization: `Bearer ${jwt}` });
    return { status: res.status, reason: res.errors?.[0]?.extensions?.reason };
  }

  it('accepts a token living exactly a working day (8 h)', async () => {
    expect(await status(defaultHub, await token({ iat: now(), exp: now() + 8 * 3600 }))).toEqual({ status: 200, reason: undefined });
  });

  it('answers 401 LIFETIME_TOO_LONG to a token living ten years', async () => {
    expect(await status(defaultHub, await token({ iat: now(), exp: now() + 10 * 365 * 86400 }))).toEqual({ status: 401, reason: 'LIFETIME_TOO_LONG' });
  });

  it('answers 401 LIFETIME_TOO_LONG to a token living one second over the configured maximum', async () => {
    expect(await status(shortHub, await token({ iat: now(), exp: now() + 601 }))).toEqual({ status: 401, reason: 'LIFETIME_TOO_LONG' });
    expect(await status(shortHub, await token({ iat: now(), exp: now() + 600 }))).toEqual({ status: 200, reason: undefined });
  });

  it('answers 401 ISSUED_IN_FUTURE to a token issued a day from now', async () => {
    expect(await status(defaultHub, await token({ iat: now() + 86400, exp: now() + 86400 + 3600 }))).toEqual({ status: 401, reason: 'ISSUED_IN_FUTURE' });
  });

  it('tolerates a clock a few seconds ahead of the hub', async () => {
    expect(await status(defaultHub, await token({ iat: now() + 3, exp: now() + 3600 }))).toEqual({ status: 200, reason: undefined });
  });

  it('answers 401 MISSING_IAT to a token without iat', async () => {
    expect(await status(defaultHub, await token({ iat: null, exp: now() + 3600 }))).toEqual({ status: 401, reason: 'MISSING_IAT' });
  });
});
