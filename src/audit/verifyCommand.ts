import knexFactory from 'knex';
import { loadConfig } from '../config';
import { EmbeddedCluster, startEmbeddedPostgres } from '../db/embeddedPostgres';
import { knexConfig } from '../../knexfile';
import { auditorDatabaseUrl, openWitnesses } from './auditLogins';
import type { SignedCheckpoint } from './checkpoints';
import { verificationKey, VerifyError } from './verificationKeyFile';
import { redactedUrl } from './witness';
import { verifyChain, VerifyResult } from './verifyChain';

/** Exit codes of `audit:verify`. */
export const VERIFY_INTACT = 0;
export const VERIFY_BROKEN = 1;
export const VERIFY_CANNOT_RUN = 2;

export { VerifyError };

/** The lines `audit:verify` prints for a result, and its exit code. */
export function describeResult(result: VerifyResult, witnesses: string[]): { code: number; lines: string[] } {
  if (result.wrongKey) {
    const n = result.checkpoints + result.witnessed;
    return {
      code: VERIFY_CANNOT_RUN,
      lines: [
        `wrong verification key (key id ${result.wrongKey.keyId}): none of the ${n} signed checkpoints verifies with it; they were signed with key id ${result.wrongKey.signedWith.join(', ')}. Nothing was verified: pass the signer's public key (AUDIT_VERIFY_KEY_FILE).`,
      ],
    };
  }
  const where = `${result.witnessed} witnessed in ${witnesses.join(', ')}${result.witnessed ? ` (latest at record ${result.lastWitnessedSeq})` : ''}`;
  if (result.ok) {
    const lines = [`access log intact: ${result.records} records, last record ${result.lastSeq} = chain head; ${result.checkpoints} signed checkpoints in the database, ${where}`];
    if (result.witnessed === 0 && result.checkpoints > 0) {
      lines.push(`warning: no witness holds a checkpoint, so a deleted tail would go unseen: is ${witnesses.join(', ')} the signer's witness (AUDIT_WITNESS_FILE, AUDIT_WITNESS_DATABASE_URL)?`);
    }
    return { code: VERIFY_INTACT, lines };
  }
  return { code: VERIFY_BROKEN, lines: [`access log BROKEN at record ${result.broken!.seq}: ${result.broken!.reason}`] };
}

/**
 * `audit:verify` without the process around it: reads the witnesses, then verifies the log in one
 * read-only snapshot as the auditor's login (AUDIT_VERIFY_DATABASE_URL, else `onefile_auditor` on
 * HUB_DATABASE_URL, else on the embedded development database). Runs no migration and needs no
 * write right. Prints through `print`; returns the exit code.
 */
export async function runVerify(env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const publicKey = verificationKey(env);
  const witnesses = openWitnesses(env, { create: false });
  let cluster: EmbeddedCluster | undefined;
  try {
    const witnessed: SignedCheckpoint[] = [];
    for (const w of witnesses) witnessed.push(...(await w.readAll()));
    let hubUrl = env.HUB_DATABASE_URL;
    if (!env.AUDIT_VERIFY_DATABASE_URL && !hubUrl) {
      const config = loadConfig(env);
      cluster = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
      hubUrl = cluster.urls.hub;
    }
    const url = auditorDatabaseUrl(hubUrl, env);
    const db = knexFactory(knexConfig('hub', url, { min: 0, max: 1 }));
    try {
      const result = await verifyChain(db, publicKey, witnessed).catch((err: Error & { code?: string }) => {
        throw new VerifyError(`cannot read the access log as ${redactedUrl(url)}: ${err.message}`);
      });
      const { code, lines } = describeResult(result, witnesses.map((w) => w.where));
      lines.forEach(print);
      return code;
    } finally {
      await db.destroy();
    }
  } finally {
    for (const w of witnesses) await w.close().catch(() => undefined);
    await cluster?.stop();
  }
}

