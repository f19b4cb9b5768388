import { ConfigError } from '../config';
import { readWholeNumber as whole } from '../startup/envReaders';

/** Limits on what one GraphQL request may ask for, checked before any resolver runs. */
export interface QueryLimits {
  /** Deepest field nesting (graphql-armor's count). */
  maxDepth: number;
  /** Aliases in one document, `__typename` included. */
  maxAliases: number;
  /** Directives in one document. */
  maxDirectives: number;
  /** Lexical tokens in one document (graphql-js's parser stops past it). */
  maxTokens: number;
  /** Field cost: every selected field counts once per object it is asked of (list sizes from arguments and variables). */
  maxCost: number;
  /** Person and household files one request may ask for (`persons(ids)` × aliases, `first`, members). */
  maxFiles: number;
  /** Errors in one response; more are cut to this many. */
  maxErrors: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
}

/** Per-principal budgets on resident-data operations, shared through Redis when `redisUrl` is set. */
export interface RateLimits {
  /** Resident-data operations one principal may run per window; 0 switches the limit off. */
  requests: number;
  windowSeconds: number;
  /** Lookups that came back empty (missing or out of scope) one principal may make per window; 0: off. */
  misses: number;
  missWindowSeconds: number;
  /** Unset: counters in this process's memory. */
  redisUrl?: string;
  /** Prefix of the counters' keys (one per deployment sharing a Redis). */
  keyPrefix: string;
}

export interface LimitSettings {
  query: QueryLimits;
  rate: RateLimits;
  /** Origins (scheme://host[:port]) browsers may call the hub from; none by default. */
  corsOrigins: string[];
}

export const DEFAULT_LIMITS: LimitSettings = {
  query: { maxDepth: 6, maxAliases: 15, maxDirectives: 10, maxTokens: 2000, maxCost: 50_000, maxFiles: 2000, maxErrors: 10, maxBodyBytes: 256 * 1024 },
  rate: { requests: 120, windowSeconds: 60, misses: 20, missWindowSeconds: 3600, keyPrefix: 'onefile' },
  corsOrigins: [],
};

function readOrigins(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.\-]+(:\d{1,5})?$/.test(o)) throw new ConfigError(`CORS_ORIGINS: ${JSON.stringify(o.slice(0, 80))} is not an origin like https://console.example.gov.cn`);
  }
  return origins;
}

/** The environment variable behind each setting (documented in the README's configuration table). */
const QUERY_VARIABLES: Record<keyof QueryLimits, string> = {
  maxDepth: 'QUERY_MAX_DEPTH',
  maxAliases: 'QUERY_MAX_ALIASES',
  maxDirectives: 'QUERY_MAX_DIRECTIVES',
  maxTokens: 'QUERY_MAX_TOKENS',
  maxCost: 'QUERY_MAX_COST',
  maxFiles: 'QUERY_MAX_FILES',
  maxErrors: 'QUERY_MAX_ERRORS',
  maxBodyBytes: 'MAX_BODY_BYTES',
};

/** Reads the limits from the environment; a bad value is a `ConfigError` naming the variable. */
export function loadLimitSettings(env: NodeJS.ProcessEnv = process.env): LimitSettings {
  const query = { ...DEFAULT_LIMITS.query };
  for (const key of Object.keys(QUERY_VARIABLES) as Array<keyof QueryLimits>) query[key] = whole(env, QUERY_VARIABLES[key], query[key], 1);
  const d = DEFAULT_LIMITS.rate;
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  const keyPrefix = env.RATE_LIMIT_KEY_PREFIX || d.keyPrefix;
  if (!/^[A-Za-z0-9:_\-.]{1,64}$/.test(keyPrefix)) throw new ConfigError('RATE_LIMIT_KEY_PREFIX must be 1-64 letters, digits or :_-.');
  return {
    query,
    rate: {
      requests: whole(env, 'RATE_LIMIT_REQUESTS', d.requests, 0),
      windowSeconds: whole(env, 'RATE_LIMIT_WINDOW_SECONDS', d.windowSeconds, 1),
      misses: whole(env, 'MISS_BUDGET', d.misses, 0),
      missWindowSeconds: whole(env, 'MISS_BUDGET_WINDOW_SECONDS', d.missWindowSeconds, 1),
      redisUrl,
      keyPrefix,
    },
    corsOrigins: readOrigins(env.CORS_ORIGINS),
  };
}

/** The same settings with both per-principal budgets off (benchmarks, and tests not about them). */
export function withoutRateLimits(settings: LimitSettings): LimitSettings {
  return { ...settings, rate: { ...settings.rate, requests: 0, misses: 0 } };
}
