import type { Databases } from '../db/databases';
import { createAuditChain } from './audit/auditChain';
import { createAuditLogReader } from './audit/auditLogReader';
import { createCivilLoaders } from './civil/civilLoaders';
import { createHealthLoaders } from './health/healthLoaders';
import { createHubLoaders } from './hub/hubLoaders';
import { createPoliceLoaders } from './police/policeLoaders';
import { RowScope, scopeResolver } from './rowScope';
import { createSearchSource } from './search/federatedSearch';
import { createTagLoaders } from './search/tagLoaders';

/**
 * Every loader a request may use, grouped by the database that owns the data. Created fresh for
 * each request (never shared across requests or callers), so caching never outlives one response,
 * and bound to the caller's row scope. `signal` aborts when the request's client goes away.
 */
export function createLoaders(dbs: Databases, scope: RowScope, signal?: AbortSignal) {
  const resolveScope = scopeResolver(dbs.hub, scope);
  const tags = createTagLoaders(dbs.civil, dbs.health);
  return {
    hub: createHubLoaders(dbs.hub),
    police: createPoliceLoaders(dbs.police, resolveScope),
    civil: createCivilLoaders(dbs.civil),
    health: createHealthLoaders(dbs.health),
    /** The access log's reads, on their own pool, cancelled when `signal` aborts (the client left). */
    auditLog: createAuditLogReader(dbs.auditReads ?? dbs.hub, signal),
    /** The log's chain: its state, and verification runs (recorded on the hub database). */
    auditChain: createAuditChain(dbs.auditReads ?? dbs.hub, dbs.hub, signal),
    /** Service tags' department parts (civil affairs, health), batched per request. */
    tags,
    /** Household and person search across the departments, within the same row scope. */
    search: createSearchSource(dbs, resolveScope, tags),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
