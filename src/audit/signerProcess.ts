import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { logger } from '../logger';
import { signerDatabaseUrl } from './auditLogins';
import type { SignerMessage } from './signerMain';

/** What the hub holds of its signer: only the call that makes it sign one last time and stop. */
export interface SignerHandle {
  readonly keyId: string;
  /** Signs the final chain head (after the last request was logged) and stops the signer. Idempotent. */
  finalCheckpoint(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const FINAL_TIMEOUT_MS = 15_000;
const RESPAWN_DELAY_MS = 2_000;

/** The signer entry next to this file: compiled `.js` under `npm start`, `.ts` under ts-node. */
function entry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  return { file: path.join(__dirname, `signerMain${ext}`), execArgv: ext === '.ts' ? ['-r', 'ts-node/register/transpile-only'] : [] };
}

/** Forks the signer and resolves once it has signed (or found nothing to sign) for the first time. */
function spawnSigner(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; ready: Extract<SignerMessage, { type: 'ready' }> }> {
  const { file, execArgv } = entry();
  const child = fork(file, [], { env, execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    process.stderr.write(chunk);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the access-log signer did not start in time'));
    }, READY_TIMEOUT_MS);
    child.on('message', (m: SignerMessage) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve({ child, ready: m });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the access-log signer exited (${code}) before it was ready: ${stderr.trim() || 'no message'}`));
    });
  });
}

/**
 * Starts the checkpoint signer as a child process holding the signing key (`npm start`); the serving
 * process never loads that key and its database login cannot write checkpoints. The child signs as
 * AUDIT_SIGNER_DATABASE_URL, else the hub database `hubUrl` as `onefile_signer`. A signer that dies is restarted after 2 s and logged;
 * one that cannot start at all stops the hub from starting (an unwitnessed log is not served).
 */
export async function startSignerProcess(hubUrl: string, parentEnv: NodeJS.ProcessEnv = process.env): Promise<SignerHandle> {
  const env = { ...parentEnv, AUDIT_SIGNER_DATABASE_URL: signerDatabaseUrl(hubUrl, parentEnv) };
  const first = await spawnSigner(env);
  /** The running signer, or the one being started after a crash (awaited by finalCheckpoint). */
  let current: Promise<Awaited<ReturnType<typeof spawnSigner>> | null> = Promise.resolve(first);
  let stopping = false;
  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ code, signal }, 'access-log signer exited; restarting it');
      current = new Promise<void>((r) => setTimeout(r, RESPAWN_DELAY_MS))
        .then(() => spawnSigner(env))
        .then((next) => {
          watch(next.child);
          return next;
        })
        .catch((err) => {
          logger.error({ message: (err as Error).message }, 'access-log signer could not be restarted: checkpoints have stopped');
          return null;
        });
    });
  };
  watch(first.child);
  logger.info({ keyId: first.ready.keyId, witnesses: first.ready.witnesses }, 'access-log signer started');

  let final: Promise<void> | undefined;
  return {
    keyId: first.ready.keyId,
    finalCheckpoint() {
      final ??= current.then(
        (running) =>
          new Promise<void>((resolve) => {
            stopping = true;
            const child = running?.child;
            if (!child || child.exitCode !== null || !child.connected) return resolve();
            const timer = setTimeout(() => {
              logger.error('access-log signer did not finish its final checkpoint in time');
              child.kill('SIGKILL');
              resolve();
            }, FINAL_TIMEOUT_MS);
            child.on('message', (m: SignerMessage) => {
              if (m.type === 'final-done' && m.outcome?.kind === 'signed') logger.info({ seq: m.outcome.checkpoint.seq }, 'final access-log checkpoint signed');
            });
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.send({ type: 'final' } satisfies SignerMessage);
          }),
      );
      return final;
    },
  };
}
