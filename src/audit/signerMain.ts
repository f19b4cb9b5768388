import knexFactory from 'knex';
import { loadConfig } from '../config';
import { startEmbeddedPostgres, EmbeddedCluster } from '../db/embeddedPostgres';
import { logger } from '../logger';
import { knexConfig } from '../../knexfile';
import { loadSignerKeys, openWitnesses, signerDatabaseUrl } from './auditLogins';
import type { CheckpointOutcome } from './signer';
import { CheckpointSigner } from './signer';

/** Messages between the hub and its signer child (see signerProcess.ts). */
export type SignerMessage =
  | { type: 'ready'; keyId: string; witnesses: string[]; outcome: CheckpointOutcome }
  | { type: 'final' }
  | { type: 'final-done'; outcome: CheckpointOutcome | null };

/**
 * The checkpoint signer as its own process: `npm start` forks it (the hub never holds the signing
 * key), `npm run audit:signer` runs it standalone (e.g. as a separate service next to several hub
 * replicas, which then run with AUDIT_SIGNER=external). It signs the chain head every
 * AUDIT_CHECKPOINT_SECONDS while it moves, with AUDIT_SIGNING_KEY_FILE, as the `onefile_signer` login,
 * into the witnesses (AUDIT_WITNESS_FILE, AUDIT_WITNESS_DATABASE_URL) and the hub database.
 *
 * As a child it stops only when the hub asks (`final`: one last checkpoint, then exit) or when the
 * hub is gone (disconnect): a Ctrl-C (or a closed terminal's SIGHUP) that reaches the whole process
 * group must not take the final checkpoint away from the hub's stop path. Standalone, SIGINT/SIGTERM/SIGHUP
 * sign a final checkpoint and exit.
 */
async function main(): Promise<void> {
  const env = process.env;
  const config = loadConfig(env);
  let cluster: EmbeddedCluster | undefined;
  let hubUrl = config.databaseUrls?.hub;
  if (!env.AUDIT_SIGNER_DATABASE_URL && !hubUrl) {
    cluster = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
    hubUrl = cluster.urls.hub;
  }
  const witnesses = openWitnesses(env);
  const signer = new CheckpointSigner(knexFactory(knexConfig('hub', signerDatabaseUrl(hubUrl, env), { min: 0, max: 1 })), loadSignerKeys(env), witnesses);
  const first = await signer.checkpoint();
  if (first.kind === 'refused') logger.error({ reason: first.reason }, 'access log checkpoint REFUSED: the log was tampered with');
  signer.start(config.checkpointSeconds * 1000);

  let finishing: Promise<CheckpointOutcome | null> | undefined;
  const finish = () => (finishing ??= signer.finalCheckpoint().finally(() => cluster?.stop()));

  if (process.send) {
    const send = (m: SignerMessage, done?: () => void) => process.send!(m, undefined, {}, () => done?.());
    send({ type: 'ready', keyId: signer.keyId, witnesses: witnesses.map((w) => w.where), outcome: first });
    process.on('message', (m: SignerMessage) => {
      if (m.type === 'final') void finish().then((outcome) => send({ type: 'final-done', outcome }, () => process.exit(0)));
    });
    process.on('disconnect', () => void finish().then(() => process.exit(0)));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);
  } else {
    process.stdout.write(
      `access-log checkpoint signer: key id ${signer.keyId}, every ${config.checkpointSeconds} s while the head moves; witnesses: ${witnesses.map((w) => w.where).join(', ')}\n`,
    );
    const stop = () => void finish().then(() => process.exit(0));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  }
}

main().catch((err) => {
  process.stderr.write(`access-log signer failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
