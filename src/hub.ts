import { AuthSettings, createAuthenticator } from './auth/authenticate';
import { AuditStore } from './audit/auditStore';
import { CheckpointKeys, startCheckpointing } from './audit/checkpoints';
import { LimitSettings, loadLimitSettings } from './limits/limitSettings';
import { PrincipalBudgets } from './limits/principalBudgets';
import { logger } from './logger';
import type { OperationsConfig } from './config';
import type { Databases } from './db/databases';
import { watchPools } from './db/poolMetrics';
import { buildServedSchema } from './schema/buildSchema';
import { AccessLogPrivacyOptions, createApolloServer } from './server/apollo';
import { HttpHub, startHttpServer } from './server/httpServer';

export interface HubOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  auth: AuthSettings;
  /** Keys that sign the access log's checkpoints, and how often one is written. */
  checkpoints: { keys: CheckpointKeys; intervalMs: number };
  /** Document-fingerprint key and case-number format (defaults: a per-process key, the default format). */
  accessLogPrivacy?: AccessLogPrivacyOptions;
  /** Load shedding and /metrics access (defaults: 64 in flight, ADMIN tokens only). */
  operations?: Partial<Pick<OperationsConfig, 'maxInFlight' | 'metricsToken'>>;
  /** Query, body and rate limits; unset: read from the environment (src/limits/limitSettings.ts). */
  limits?: LimitSettings;
}

/**
 * Starts the OneFile hub over already-migrated databases: builds the policed schema (refusing to
 * start if a resident-data field is undeclared) and serves it over HTTP. Resolves once listening.
 */
export async function startHub(dbs: Databases, options: HubOptions): Promise<HttpHub> {
  const limits = options.limits ?? loadLimitSettings();
  const served = buildServedSchema();
  const auditStore = new AuditStore(dbs.hub);
  const budgets = await PrincipalBudgets.create(limits.rate);
  const apollo = createApolloServer(served, auditStore, limits, budgets, options.accessLogPrivacy);
  const checkpointing = startCheckpointing(dbs.hub, options.checkpoints.keys, options.checkpoints.intervalMs, (err) =>
    logger.error({ code: (err as { code?: string }).code }, 'access log checkpoint failed'),
  );
  const http = await startHttpServer(apollo, {
    dbs,
    auditStore,
    authenticate: createAuthenticator(options.auth),
    host: options.host ?? '127.0.0.1',
    port: options.port,
    ...options.operations,
    limits: limits.query,
    corsOrigins: limits.corsOrigins,
  });
  const unwatchPools = watchPools(dbs);
  return {
    ...http,
    async close() {
      await http.close();
      await checkpointing.stop();
      unwatchPools();
      await budgets.close();
    },
  };
}
