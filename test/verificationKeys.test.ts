import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, KeyLike, SignJWT } from 'jose';
import type { AuthConfig } from '../src/config';
import { ConfigError } from '../src/startup/configError';
import { loadAuthSettings } from '../src/auth/keys';
import { closeDatabases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { postGraphQL } from './support/http';
import { openTestDatabases } from './support/testDatabases';

const ISSUER = 'https://idp.city.example';
const AUDIENCE = 'onefile';

async function signed(privateKey: KeyLike, alg: string, kid?: string): Promise<string> {
  return new SignJWT({ role: 'AUDITOR', client_app: 'idp-test' }).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).setSubject('auditor-1')
    .setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(privateKey);
}

/**
 * An identity provider's key, connected the three documented ways (PEM file, JWKS file, JWKS URL):
 * a token it signs is accepted over HTTP; a key that cannot verify AUTH_ALGORITHM is refused at start.
 */
describe('token verification keys from an identity provider', () => {
  const dir = path.resolve('.data', `test-idp-${process.pid}`);
  const dbs = openTestDatabases();
  let jwksServer: http.Server;
  beforeAll(() => fs.mkdirSync(dir, { recursive: true }));
  afterAll(async () => {
    jwksServer?.close();
    await closeDatabases(dbs);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const base = (over: Partial<AuthConfig>): AuthConfig => ({ algorithm: 'EdDSA', issuer: ISSUER, audience: AUDIENCE, keysDir: dir, maxTokenSeconds: 28800, ...over });

  async function accepts(config: AuthConfig, token: string): Promise<number> {
    const hub = await startHub(dbs, { port: 0, auth: await loadAuthSettings(config, 'production') });
    try {
      return (await postGraphQL(hub.url, '{ viewer { role } }', undefined, { authorization: `Bearer ${token}` })).status;
    } finally {
      await hub.close();
    }
  }

  it('accepts tokens verified by an ES256 PEM public key (AUTH_PUBLIC_KEY_FILE)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const file = path.join(dir, 'es256.pem');
    fs.writeFileSync(file, await exportSPKI(publicKey));
    expect(await accepts(base({ publicKeyFile: file, algorithm: 'ES256' }), await signed(privateKey, 'ES256'))).toBe(200);
  });

  it('accepts tokens verified by a JWKS file (AUTH_JWKS_FILE), picking the key by kid', async () => {
    const one = await generateKeyPair('EdDSA');
    const two = await generateKeyPair('EdDSA');
    const file = path.join(dir, 'jwks.json');
    fs.writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(one.publicKey)), kid: 'k1', alg: 'EdDSA' }, { ...(await exportJWK(two.publicKey)), kid: 'k2', alg: 'EdDSA' }] }));
    expect(await accepts(base({ jwksFile: file }), await signed(two.privateKey, 'EdDSA', 'k2'))).toBe(200);
    expect(await accepts(base({ jwksFile: file }), await signed((await generateKeyPair('EdDSA')).privateKey, 'EdDSA', 'k2'))).toBe(401);
  });

  it('accepts tokens verified by keys fetched from a JWKS URL (AUTH_JWKS_URL)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'rsa-1', alg: 'RS256' }] });
    jwksServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/.well-known/jwks.json`;
    expect(await accepts(base({ jwksUrl: url, algorithm: 'RS256' }), await signed(privateKey, 'RS256', 'rsa-1'))).toBe(200);
  });

  it('refuses at start a key that cannot verify AUTH_ALGORITHM, and a JWKS without such a key', async () => {
    const rsa = await generateKeyPair('RS256');
    const file = path.join(dir, 'rsa.pem');
    fs.writeFileSync(file, await exportSPKI(rsa.publicKey));
    await expect(loadAuthSettings(base({ publicKeyFile: file, algorithm: 'ES256' }))).rejects.toThrow(new ConfigError('AUTH_PUBLIC_KEY_FILE holds a rsa key, which cannot verify AUTH_ALGORITHM=ES256'));
    const jwksFile = path.join(dir, 'rsa-jwks.json');
    fs.writeFileSync(jwksFile, JSON.stringify({ keys: [await exportJWK(rsa.publicKey)] }));
    await expect(loadAuthSettings(base({ jwksFile, algorithm: 'EdDSA' }))).rejects.toThrow(/AUTH_JWKS_FILE=.* has no public key for AUTH_ALGORITHM=EdDSA/);
  });

  it('never creates or loads development keys in production', async () => {
    await expect(loadAuthSettings(base({}), 'production')).rejects.toThrow(ConfigError);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('dev-'))).toEqual([]);
  });
});
