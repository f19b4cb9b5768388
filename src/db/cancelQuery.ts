import pg from 'pg';

/** The parts of a pg client this module touches (public fields, and knex's disposal mark). */
interface CancellableClient {
  host: string;
  port: number;
  processID: number | null;
  secretKey: number | null;
  connection?: { stream?: { destroy(): void } };
  __knex__disposed?: unknown;
}

/** pg's wire-protocol connection (exported as pg.Connection, not in its typings). */
interface WireConnection {
  connect(port: number, host: string): void;
  cancel(processID: number, secretKey: number): void;
  on(event: string, fn: () => void): void;
  stream?: { destroy(): void };
}

/**
 * Asks PostgreSQL to cancel whatever `connection` is running with its out-of-band cancel request
 * (what `pg_cancel_backend` does, but needing no pooled connection, so it works when the pool is
 * exhausted): a new socket carrying the backend's process id and secret key. Best effort: a
 * server that does not answer is given a second, then that socket is dropped. Call it only while
 * the connection is still the caller's (never after it went back to the pool).
 */
export function cancelRunningQuery(connection: unknown): void {
  const client = connection as CancellableClient;
  if (client.processID === null || client.secretKey === null || client.processID === undefined) return;
  try {
    const Wire = (pg as unknown as { Connection: new () => WireConnection }).Connection;
    const wire = new Wire();
    wire.on('error', () => undefined);
    wire.on('connect', () => wire.cancel(client.processID!, client.secretKey!));
    wire.connect(client.port, client.host);
    setTimeout(() => wire.stream?.destroy(), 1000).unref();
  } catch {
    // the connection is dropped by the caller anyway
  }
}

/**
 * Gives up on a connection whose call ran out of its deadline: cancels its query, marks it so knex's
 * pool never hands it out again, and closes its socket (a hung server would otherwise keep every
 * later query on it waiting behind the first).
 */
export function abandonConnection(connection: unknown): void {
  cancelRunningQuery(connection);
  const client = connection as CancellableClient;
  client.__knex__disposed ??= 'abandoned after its deadline';
  client.connection?.stream?.destroy();
}
