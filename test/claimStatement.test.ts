import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkStatement, signStatement, STATEMENT_TTL_SECONDS } from '../src/claims/statement';
import { StatementKeys, statementKeys, statementKeysFromPem, STATEMENT_JWKS_FILE } from '../src/claims/statementKeys';
import { runVerifyStatement } from '../src/claims/verifyStatementCommand';

/** Claim statements checked offline: the published key set alone tells a kept statement from a forged, altered or stale one. */
async function newKeys(): Promise<StatementKeys> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return statementKeysFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 'test key');
}

const CONTENT = {
  sub: '98d69cc7-f30f-44bb-a77f-d9f15a62c6e0', jti: 'req-1', serviceItem: 'ELDERLY_PREFERENTIAL_CARD',
  answers: { AGED_60_OR_OVER: true, ALIVE: true }, sources: { AGED_60_OR_OVER: 'police', ALIVE: 'health' },
  verifier: { role: 'CIVIL_AFFAIRS_OFFICER', department: 'civil' },
};

/** The statement with its payload replaced (signature kept): what someone editing a kept statement would produce. */
function tampered(jws: string, change: (p: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jws.split('.');
  const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  change(p);
  return [header, Buffer.from(JSON.stringify(p)).toString('base64url'), signature].join('.');
}

describe('a claim statement checked offline', () => {
  let keys: StatementKeys;
  let jws: string;
  beforeAll(async () => {
    keys = await newKeys();
    jws = await signStatement(keys, CONTENT);
  });

  it('is accepted with the published key set and says what was verified, and nothing else', async () => {
    const check = await checkStatement(jws, keys.jwks);
    expect(check).toMatchObject({ ok: true, keyId: keys.keyId, statement: { ...CONTENT, iss: 'onefile' } });
    if (!check.ok) return;
    expect(Object.keys(check.statement).sort()).toEqual(['answers', 'exp', 'iat', 'iss', 'jti', 'serviceItem', 'sources', 'sub', 'verifier']);
    expect(check.statement.exp - check.statement.iat).toBe(STATEMENT_TTL_SECONDS);
  });

  it('is refused with a key set that does not hold its key (UNKNOWN_KEY)', async () => {
    expect(await checkStatement(jws, (await newKeys()).jwks)).toMatchObject({ ok: false, reason: 'UNKNOWN_KEY' });
  });

  it('is refused when another key is published under its key id (BAD_SIGNATURE)', async () => {
    const other = await newKeys();
    const impostor = { keys: [{ ...other.jwks.keys[0], kid: keys.keyId }] };
    expect(await checkStatement(jws, impostor)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('is refused when an answer or the resident was changed after signing (BAD_SIGNATURE)', async () => {
    expect(await checkStatement(tampered(jws, (p) => ((p.answers as Record<string, boolean>).AGED_60_OR_OVER = false)), keys.jwks)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(await checkStatement(tampered(jws, (p) => (p.sub = '00000000-0000-4000-8000-000000000000')), keys.jwks)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('is refused once expired (EXPIRED), and accepted the second before', async () => {
    const signedAt = new Date('2026-01-01T00:00:00Z');
    const old = await signStatement(keys, CONTENT, signedAt);
    const expiry = signedAt.getTime() + STATEMENT_TTL_SECONDS * 1000;
    expect(await checkStatement(old, keys.jwks, new Date(expiry - 1000))).toMatchObject({ ok: true });
    expect(await checkStatement(old, keys.jwks, new Date(expiry + 1000))).toMatchObject({ ok: false, reason: 'EXPIRED' });
  });

  it('refuses text that is not a JWS (MALFORMED), never throwing', async () => {
    for (const text of ['', 'not a statement', 'a.b', `${jws}.extra`]) expect(await checkStatement(text, keys.jwks)).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });
});

describe('npm run verify:statement', () => {
  let dir: string;
  let keys: StatementKeys;
  let file: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-'));
    keys = await statementKeys({ ONEFILE_KEYS_DIR: dir });
    file = path.join(dir, 'statement.jws');
    fs.writeFileSync(file, `${await signStatement(keys, CONTENT)}\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[], stdin = ''): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await runVerifyStatement(args, { ONEFILE_KEYS_DIR: dir }, () => stdin, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  }

  it('finds the development key set the hub published in the keys folder, the private key beside it at mode 0600', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(dir, STATEMENT_JWKS_FILE), 'utf8'))).toEqual(keys.jwks);
    expect((fs.statSync(path.join(dir, 'claims-signing-private.pem')).mode & 0o777).toString(8)).toBe('600');
  });

  it('prints the claims and answers of a valid statement from a file or stdin, exit 0', async () => {
    const fromFile = await run([file]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toContain(`VALID statement, key ${keys.keyId}`);
    expect(fromFile.out).toContain('AGED_60_OR_OVER: yes (police)');
    expect(fromFile.out).toContain('service item: ELDERLY_PREFERENTIAL_CARD');
    expect(await run(['-'], fs.readFileSync(file, 'utf8'))).toEqual(fromFile);
  });

  it('refuses a tampered statement and a foreign key set with the reason, exit 1; cannot check without a key set, exit 2', async () => {
    const altered = path.join(dir, 'altered.jws');
    fs.writeFileSync(altered, tampered(fs.readFileSync(file, 'utf8').trim(), (p) => ((p.answers as Record<string, boolean>).ALIVE = false)));
    expect(await run([altered])).toEqual({ code: 1, out: expect.stringContaining('REFUSED (BAD_SIGNATURE)') });
    const foreign = path.join(dir, 'foreign.json');
    fs.writeFileSync(foreign, JSON.stringify((await newKeys()).jwks));
    expect(await run([file, '--jwks', foreign])).toEqual({ code: 1, out: expect.stringContaining('REFUSED (UNKNOWN_KEY)') });
    expect(await run([file, '--jwks', path.join(dir, 'none.json')])).toEqual({ code: 2, out: expect.stringContaining('cannot read the published key set') });
    expect((await run([])).code).toBe(2);
  });

  it('refuses to run in production without CLAIMS_SIGNING_KEY_FILE, and refuses a key that is not Ed25519', async () => {
    await expect(statementKeys({ NODE_ENV: 'production', ONEFILE_KEYS_DIR: dir })).rejects.toThrow(/CLAIMS_SIGNING_KEY_FILE is required/);
    const rsa = path.join(dir, 'rsa.pem');
    fs.writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    await expect(statementKeys({ CLAIMS_SIGNING_KEY_FILE: rsa, ONEFILE_KEYS_DIR: dir })).rejects.toThrow(/must be an Ed25519 key/);
  });
});
