import type { Knex } from 'knex';

interface PgConnection {
  query(text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

interface PooledClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
  emit(event: 'query', data: unknown): boolean;
}

/**
 * Runs one parameterised statement (`$1`, `$2`, … placeholders) on a connection from `db`'s pool,
 * without knex's query builder: the hot read paths are fixed SQL, and building them per batch
 * cost more CPU than GraphQL execution (bench/RESULTS.md profile). Emits knex's `query` event
 * like knex itself, so statement counting (tests, benchmarks) stays true. Values are always bound.
 */
export async function runSql<R>(db: Knex, text: string, values: readonly unknown[]): Promise<R[]> {
  const client = db.client as unknown as PooledClient;
  const connection = await client.acquireConnection();
  try {
    client.emit('query', { sql: text, bindings: values, method: 'raw' });
    const result = await connection.query(text, values);
    return result.rows as R[];
  } finally {
    await client.releaseConnection(connection);
  }
}
