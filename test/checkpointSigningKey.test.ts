import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSignerKeys } from '../src/audit/auditLogins';
import { keyIdOf } from '../src/audit/checkpoints';
import type { Config } from '../src/config';
import { checkpointKeysFor } from '../src/startup/preflight';
import { ConfigError } from '../src/startup/configError';

/** One signing key file, read by the hub's preflight and by the signer process alike. */
describe('a checkpoint signing key file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-signing-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, pem: string | Buffer): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, pem, { mode: 0o600 });
    return file;
  }

  const configWith = (file: string) => ({ checkpointKeyFile: file, mode: 'production', auth: { keysDir: dir } }) as unknown as Config;

  it('names the same key id wherever it is loaded: preflight, the signer, and a verifier holding the public key', () => {
    const pair = generateKeyPairSync('ed25519');
    const file = write('signing.pem', pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const hub = checkpointKeysFor(configWith(file));
    const signer = loadSignerKeys({ AUDIT_SIGNING_KEY_FILE: file, NODE_ENV: 'production' });
    expect(hub.keyId).toBe(keyIdOf(pair.publicKey));
    expect(signer.keyId).toBe(hub.keyId);
  });

  it('is refused with a ConfigError naming the variable when missing, not a key, or not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases = [
      [path.join(dir, 'absent.pem'), /AUDIT_SIGNING_KEY_FILE=.* cannot be read \(no such file\)/],
      [write('garbage.pem', 'not a key'), /AUDIT_SIGNING_KEY_FILE=.* is not a PEM private key/],
      [write('rsa.pem', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })), /AUDIT_SIGNING_KEY_FILE holds a rsa key/],
    ] as const;
    for (const [file, message] of cases) {
      expect(() => checkpointKeysFor(configWith(file))).toThrow(ConfigError);
      expect(() => loadSignerKeys({ AUDIT_SIGNING_KEY_FILE: file })).toThrow(message);
    }
  });
});
