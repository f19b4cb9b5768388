import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import type { SignedCheckpoint } from './checkpoints';

/**
 * Somewhere outside the hub database that keeps every signed checkpoint, so a database superuser who
 * deletes the log's tail, the checkpoints that cover it and rewinds the head still leaves a signed
 * statement that the log once reached further.
 */
export interface Witness {
  /** Where it is, for messages (a file path or a database without its password). */
  readonly where: string;
  /** Keeps a checkpoint durably; resolves once it is on disk (file) or committed (database). */
  append(checkpoint: SignedCheckpoint): Promise<void>;
  /** Every checkpoint kept, in the order written. */
  readAll(): Promise<SignedCheckpoint[]>;
  /** The checkpoint with the highest seq (null if none). */
  latest(): Promise<SignedCheckpoint | null>;
  close(): Promise<void>;
}

function parseLine(line: string, where: string, lineNo: number): SignedCheckpoint {
  const c = JSON.parse(line) as SignedCheckpoint;
  if (!Number.isInteger(c.seq) || typeof c.hash !== 'string' || typeof c.signedAt !== 'string' || typeof c.signature !== 'string') {
    throw new Error(`${where}:${lineNo} is not a signed checkpoint`);
  }
  return c;
}

/**
 * An append-only JSON-lines file: one checkpoint per line, opened O_APPEND, each line fsync'd before
 * `append` resolves. The default witness; it needs nothing but Node. Put it on storage the hub
 * database's administrators cannot rewrite (another host, a WORM bucket's sync folder, a log shipper).
 */
export class FileWitness implements Witness {
  private fd: number | null = null;

  constructor(readonly where: string) {}

  async append(checkpoint: SignedCheckpoint): Promise<void> {
    if (this.fd === null) {
      const created = !fs.existsSync(this.where);
      fs.mkdirSync(path.dirname(this.where), { recursive: true });
      this.fd = fs.openSync(this.where, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
      if (created) syncDirectory(path.dirname(this.where));
    }
    const line = `${JSON.stringify({ seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId, signature: checkpoint.signature })}\n`;
    const fd = this.fd;
    await new Promise<void>((resolve, reject) => fs.write(fd, line, (err) => (err ? reject(err) : fs.fsync(fd, (e) => (e ? reject(e) : resolve())))));
  }

  async readAll(): Promise<SignedCheckpoint[]> {
    if (!fs.existsSync(this.where)) return [];
    const lines = fs.readFileSync(this.where, 'utf8').split('\n');
    const out: SignedCheckpoint[] = [];
    lines.forEach((line, i) => {
      // A torn last line (a crash mid-write) is not a checkpoint; anything else unreadable is an error.
      if (line.trim() === '' || (i === lines.length - 1 && !line.endsWith('}'))) return;
      out.push(parseLine(line, this.where, i + 1));
    });
    return out;
  }

  /** Reads only the file's last 64 kB: the signer asks at every start. */
  async latest(): Promise<SignedCheckpoint | null> {
    if (!fs.existsSync(this.where)) return null;
    const fd = fs.openSync(this.where, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, 65536);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n').filter((l) => l.startsWith('{') && l.endsWith('}'));
      let best: SignedCheckpoint | null = null;
      for (const line of lines) {
        const c = parseLine(line, this.where, 0);
        if (!best || c.seq > best.seq) best = c;
      }
      return best;
    } finally {
      fs.closeSync(fd);
    }
  }

  async close(): Promise<void> {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the file itself is fsync'd on every line.
  }
}

/** The witness table in a second database: insert-only for everyone once created. */
const WITNESS_TABLE = `
  CREATE TABLE IF NOT EXISTS onefile_access_log_witness (
    id          bigserial   PRIMARY KEY,
    seq         bigint      NOT NULL,
    hash        text        NOT NULL,
    signed_at   text        NOT NULL,
    key_id      text        NOT NULL,
    signature   text        NOT NULL,
    witnessed_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE OR REPLACE FUNCTION onefile_witness_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the access-log witness is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$;
  DROP TRIGGER IF EXISTS onefile_witness_append_only ON onefile_access_log_witness;
  CREATE TRIGGER onefile_witness_append_only BEFORE UPDATE OR DELETE ON onefile_access_log_witness FOR EACH ROW EXECUTE FUNCTION onefile_witness_refuse_change();
  DROP TRIGGER IF EXISTS onefile_witness_no_truncate ON onefile_access_log_witness;
  CREATE TRIGGER onefile_witness_no_truncate BEFORE TRUNCATE ON onefile_access_log_witness FOR EACH STATEMENT EXECUTE FUNCTION onefile_witness_refuse_change();
`;

/** `postgres://user@host:port/db`, without the password. */
export function redactedUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/**
 * A second PostgreSQL database (AUDIT_WITNESS_DATABASE_URL), ideally on another server run by other
 * people: table `onefile_access_log_witness`, created on first use, insert-only by trigger. Its
 * credentials should allow INSERT and SELECT only once the table exists.
 */
export class DatabaseWitness implements Witness {
  readonly where: string;
  private readonly db: Knex;
  private ready: Promise<void> | null = null;

  constructor(url: string, private readonly create = true) {
    this.where = redactedUrl(url);
    this.db = knexFactory({ client: 'pg', connection: { connectionString: url }, pool: { min: 0, max: 1 } });
  }

  private prepare(): Promise<void> {
    this.ready ??= this.create ? this.db.raw(WITNESS_TABLE).then(() => undefined) : Promise.resolve();
    return this.ready;
  }

  async append(c: SignedCheckpoint): Promise<void> {
    await this.prepare();
    await this.db('onefile_access_log_witness').insert({ seq: c.seq, hash: c.hash, signed_at: c.signedAt, key_id: c.keyId, signature: c.signature });
  }

  async readAll(): Promise<SignedCheckpoint[]> {
    const exists = (await this.db.raw("SELECT to_regclass('onefile_access_log_witness') IS NOT NULL AS ok")).rows[0].ok;
    if (!exists) return [];
    const rows = await this.db('onefile_access_log_witness').select('seq', 'hash', 'signed_at', 'key_id', 'signature').orderBy('id');
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature }));
  }

  async latest(): Promise<SignedCheckpoint | null> {
    await this.prepare();
    const r = await this.db('onefile_access_log_witness').select('seq', 'hash', 'signed_at', 'key_id', 'signature').orderBy('seq', 'desc').first();
    return r ? { seq: Number(r.seq), hash: r.hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature } : null;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
