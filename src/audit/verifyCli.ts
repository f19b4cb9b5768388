import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import { ConfigError, loadConfig } from '../config';
import { connectDatabases } from '../db/connect';
import { loadCheckpointKeys } from './checkpoints';
import { verifyChain } from './verifyChain';

/**
 * `npm run --silent audit:verify`: walks the access log's hash chain and its signed checkpoints.
 * Exits 0 when intact, 1 naming the first broken link, 2 when it cannot run. The verification
 * key is AUDIT_VERIFY_KEY_FILE (PEM, Ed25519 public key) or the development key pair.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const publicKey = process.env.AUDIT_VERIFY_KEY_FILE
    ? createPublicKey(fs.readFileSync(process.env.AUDIT_VERIFY_KEY_FILE))
    : loadCheckpointKeys(config.auth.keysDir).publicKey;
  const connected = await connectDatabases(config, 2);
  try {
    const result = await verifyChain(connected.dbs.hub, publicKey);
    if (result.ok) {
      process.stdout.write(`access log intact: ${result.records} records, ${result.checkpoints} signed checkpoints, last record ${result.lastSeq}\n`);
      return 0;
    }
    process.stdout.write(`access log BROKEN at record ${result.broken!.seq}: ${result.broken!.reason}\n`);
    return 1;
  } finally {
    await connected.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? 'Configuration error: ' : ''}${(err as Error).message}\n`);
    process.exit(2);
  },
);
