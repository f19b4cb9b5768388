import type { Databases } from './db/databases';
import { buildOneFileSchema } from './schema/buildSchema';
import { createApolloServer } from './server/apollo';
import { HttpHub, startHttpServer } from './server/httpServer';

/**
 * Starts the OneFile hub over already-migrated databases: builds the unified schema and serves it
 * over HTTP. `port` 0 picks a free port (tests). Resolves once it is listening.
 */
export async function startHub(dbs: Databases, options: { host?: string; port: number }): Promise<HttpHub> {
  const apollo = createApolloServer(buildOneFileSchema());
  return startHttpServer(apollo, dbs, options.host ?? '127.0.0.1', options.port);
}
