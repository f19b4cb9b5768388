import type { Knex } from 'knex';
import { cancelRunningQuery } from '../../db/cancelQuery';
import { AppError, SourceUnavailableError } from '../../errors';
import { logger } from '../../logger';

/** The client went away: the read was cancelled, and nobody is left to answer. */
export class ReadCancelledError extends AppError {
  constructor() {
    super('REQUEST_CANCELLED', 'The request was cancelled by its client.');
  }
}

/**
 * Runs `read` in a read-only transaction on one connection of `db` (the access log's own read
 * pool: its own statement timeout, never the append's connections). When `signal` aborts (the
 * HTTP client closed the connection) the statement running on that connection is cancelled at
 * once — PostgreSQL's cancel request, as pg_cancel_backend — instead of running on for minutes.
 * Database errors surface as SOURCE_UNAVAILABLE ("access log"), a cancellation as REQUEST_CANCELLED.
 */
export async function cancellableRead<T>(db: Knex, signal: AbortSignal | undefined, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new ReadCancelledError();
  let connection: unknown;
  const onAbort = () => {
    if (connection) cancelRunningQuery(connection);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await db.transaction(
      async (trx) => {
        connection = await (trx.client as unknown as { acquireConnection(): Promise<unknown> }).acquireConnection();
        try {
          if (signal?.aborted) throw new ReadCancelledError();
          return await read(trx);
        } finally {
          // Past this point the connection goes back to the pool: never cancel it afterwards.
          connection = undefined;
        }
      },
      { readOnly: true },
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (signal?.aborted) throw new ReadCancelledError();
    logger.error({ source: 'access log', err: { code: (err as { code?: string }).code } }, 'access log read failed');
    throw new SourceUnavailableError('access log', err);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
