import type { Databases } from '../db/databases';
import type { LoadersOf } from '../departments/module';
import { BUILT_IN_DEPARTMENTS, departmentModules } from '../departments/registry';
import { createAuditChain } from './audit/auditChain';
import { createAuditLogReader } from './audit/auditLogReader';
import { RowScope, scopeResolver } from './rowScope';
import { createSearchSource } from './search/federatedSearch';
import { createTagLoaders } from './search/tagLoaders';

/** Each built-in module's loaders under its name (`loaders.police`, `loaders.civil`, …). */
export type DepartmentLoaders = { [M in (typeof BUILT_IN_DEPARTMENTS)[number] as M['name']]: LoadersOf<M> };

/**
 * Every loader a request may use: each registered department module's own (under its name, see
 * `createLoaders` in src/departments/<name>/parts.ts), plus the hub's cross-department ones.
 * Created fresh for each request (never shared across requests or callers), so caching never
 * outlives one response, and bound to the caller's row scope. `signal` aborts when the request's
 * client goes away. A module registered through ONEFILE_EXTRA_DEPARTMENTS reads its own with
 * `departmentLoaders(ctx.loaders, module)`.
 */
export function createLoaders(dbs: Databases, scope: RowScope | (() => RowScope), signal?: AbortSignal) {
  const resolveScope = scopeResolver(dbs.hub, scope);
  const own: Record<string, unknown> = {};
  for (const m of departmentModules()) own[m.name] = m.parts().createLoaders({ dbs, resolveScope });
  const tags = createTagLoaders(dbs);
  return {
    ...(own as DepartmentLoaders),
    /** The access log's reads, on their own pool, cancelled when `signal` aborts (the client left). */
    auditLog: createAuditLogReader(dbs.auditReads ?? dbs.hub, signal),
    /** The log's chain: its state, and verification runs (recorded on the hub database). */
    auditChain: createAuditChain(dbs.auditReads ?? dbs.hub, dbs.hub, signal),
    /** Service tags' department parts, per answering department (its module's `tags`), batched per request. */
    tags,
    /** Household and person search across the departments, within the same row scope. */
    search: createSearchSource(dbs, resolveScope, tags),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The loaders of one registered module (typed by the module's own `createLoaders`). */
export function departmentLoaders<M extends { name: string }>(loaders: Loaders, module: M): LoadersOf<M> {
  return (loaders as unknown as Record<string, LoadersOf<M>>)[module.name];
}
