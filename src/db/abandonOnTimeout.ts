import { abandonConnection } from './cancelQuery';

/** pg's error when its client-side `query_timeout` fires (node-postgres lib/client.js). */
const READ_TIMEOUT = 'Query read timeout';

type Callback = (err: Error | null, result?: unknown) => void;

function isReadTimeout(err: unknown): boolean {
  return (err as Error | null)?.message === READ_TIMEOUT;
}

/**
 * Installed as a serving pool's `afterCreate` (knexfile.ts): when pg's `query_timeout` gives up on a
 * query built by knex (audit reads, checkpoint writes, probes — everything not run through runSql),
 * the connection is abandoned as runSql abandons one — its query cancelled, the connection marked so
 * knex never hands it out again, its socket closed. pg itself only stops waiting: the query stays
 * the connection's active one, and on a hung server every later query on that pooled connection
 * would queue behind it. Wraps `query` for the callback form knex uses and the promise form.
 */
export function abandonOnReadTimeout(connection: unknown, done: (err: Error | null, connection: unknown) => void): void {
  const client = connection as { query: (...args: unknown[]) => unknown };
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: Error | null, result?: unknown) => {
        if (isReadTimeout(err)) abandonConnection(connection);
        (last as Callback)(err, result);
      };
      return query(...args);
    }
    const result = query(...args) as { then?: unknown; catch?: (fn: (err: unknown) => never) => unknown } | undefined;
    if (result && typeof result.then === 'function' && typeof result.catch === 'function') {
      return result.catch((err: unknown) => {
        if (isReadTimeout(err)) abandonConnection(connection);
        throw err;
      });
    }
    return result;
  };
  done(null, connection);
}
