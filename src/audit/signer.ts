import type { Knex } from 'knex';
import { logger } from '../logger';
import { CheckpointKeys, SignedCheckpoint, signCheckpoint } from './checkpoints';
import type { Witness } from './witness';

/** What one signing round did. */
export type CheckpointOutcome =
  | { kind: 'signed'; checkpoint: SignedCheckpoint }
  | { kind: 'unchanged'; seq: number }
  | { kind: 'refused'; reason: string };

/**
 * The checkpoint signer: reads the chain head as its own login (`onefile_signer`, which may read the
 * head and add checkpoints and nothing else), signs "record seq has hash h" with its own key (not the
 * hub's, and never loaded by the serving process), writes it to every witness outside the hub database
 * first and then to `access_log_checkpoints`. It only ever signs forward: a head that went back or
 * changed under a witnessed position is refused and reported as tampering, never signed.
 *
 * The window of undetectable loss is the time between two checkpoints (`intervalMs`, 5 s by default):
 * records written after the last witnessed checkpoint can be deleted, with the head rewound, unseen.
 */
export class CheckpointSigner {
  private last: SignedCheckpoint | null = null;
  private loaded = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CheckpointOutcome> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Knex,
    private readonly keys: CheckpointKeys,
    private readonly witnesses: Witness[],
  ) {
    if (witnesses.length === 0) throw new Error('the checkpoint signer needs at least one witness');
  }

  get keyId(): string {
    return this.keys.keyId;
  }

  /** The highest checkpoint any witness holds (read once, then kept in memory). */
  private async lastWitnessed(): Promise<SignedCheckpoint | null> {
    if (!this.loaded) {
      for (const w of this.witnesses) {
        const c = await w.latest();
        if (c && (!this.last || c.seq > this.last.seq)) this.last = c;
      }
      this.loaded = true;
    }
    return this.last;
  }

  /** Signs the current head if it moved forward since the last witnessed checkpoint. One round at a time. */
  checkpoint(): Promise<CheckpointOutcome> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<CheckpointOutcome> {
    const head = await this.db('access_log_head').select('seq', 'hash').where({ id: 1 }).first();
    if (!head) return { kind: 'refused', reason: 'the access log head is missing' };
    const seq = Number(head.seq);
    const last = await this.lastWitnessed();
    if (last && seq < last.seq) {
      return { kind: 'refused', reason: `the chain head was rewound: it is at record ${seq}, but record ${last.seq} was witnessed` };
    }
    if (last && seq === last.seq) {
      if (head.hash !== last.hash) return { kind: 'refused', reason: `record ${seq} no longer has the witnessed hash` };
      return { kind: 'unchanged', seq };
    }
    if (seq === 0) return { kind: 'unchanged', seq };
    const checkpoint = signCheckpoint(this.keys, seq, head.hash);
    for (const w of this.witnesses) await w.append(checkpoint);
    this.last = checkpoint;
    await this.db('access_log_checkpoints').insert({ seq, hash: head.hash, signed_at: checkpoint.signedAt, key_id: checkpoint.keyId, signature: checkpoint.signature });
    return { kind: 'signed', checkpoint };
  }

  /** Signs every `intervalMs` while the head moves; refusals and failures are logged as errors. */
  start(intervalMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const outcome = await this.checkpoint();
      if (outcome.kind === 'refused') logger.error({ reason: outcome.reason }, 'access log checkpoint REFUSED: the log was tampered with');
    } catch (err) {
      logger.error({ code: (err as { code?: string }).code, message: (err as Error).message }, 'access log checkpoint failed');
    }
  }

  /**
   * The hub's stop path: stops the timer, signs the final head (after the last request was logged)
   * and releases the signer's connections and witnesses. Safe to call more than once.
   */
  async finalCheckpoint(): Promise<CheckpointOutcome | null> {
    if (this.stopped) return null;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      const outcome = await this.checkpoint();
      if (outcome.kind === 'refused') logger.error({ reason: outcome.reason }, 'final access log checkpoint REFUSED: the log was tampered with');
      return outcome;
    } catch (err) {
      logger.error({ code: (err as { code?: string }).code, message: (err as Error).message }, 'final access log checkpoint failed');
      return null;
    } finally {
      for (const w of this.witnesses) await w.close().catch(() => undefined);
      await this.db.destroy();
    }
  }
}
