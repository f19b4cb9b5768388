import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { logger } from '../logger';
import type { RateLimits } from './limitSettings';

/** The answer to "may this principal go on?": yes, or no with the seconds until it may. */
export type BudgetAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const REDIS_READY_TIMEOUT_MS = 3000;

function retryAfter(res: RateLimiterRes | null): number {
  return Math.max(1, Math.ceil((res?.msBeforeNext ?? 1000) / 1000));
}

/**
 * Per-principal budgets (rate-limiter-flexible): resident-data operations per window, and lookups
 * that came back empty (missing or out of scope) per a longer window. Counters live in this
 * process's memory, or in Redis when a URL is configured, so several hub instances share one
 * budget; if Redis stops answering, each instance falls back to counting in memory (an insurance
 * limiter) rather than letting requests through uncounted.
 */
export class PrincipalBudgets {
  private constructor(
    private readonly settings: RateLimits,
    private readonly requests: RateLimiterAbstract | null,
    private readonly misses: RateLimiterAbstract | null,
    private readonly redis: Redis | null,
  ) {}

  /** Builds the budgets; with Redis, waits (briefly) for the connection before answering. */
  static async create(settings: RateLimits): Promise<PrincipalBudgets> {
    let redis: Redis | null = null;
    if (settings.redisUrl && (settings.requests > 0 || settings.misses > 0)) {
      redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
      redis.on('error', (err) => logger.warn({ code: (err as { code?: string }).code }, 'rate-limit store unreachable: counting in memory'));
      await Promise.race([redis.connect().catch(() => undefined), new Promise((r) => setTimeout(r, REDIS_READY_TIMEOUT_MS).unref())]);
    }
    const limiter = (name: string, points: number, duration: number): RateLimiterAbstract | null => {
      if (points === 0) return null;
      const keyPrefix = `${settings.keyPrefix}:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: memory, rejectIfRedisNotReady: true }) : memory;
    };
    return new PrincipalBudgets(
      settings,
      limiter('rate', settings.requests, settings.windowSeconds),
      limiter('miss', settings.misses, settings.missWindowSeconds),
      redis,
    );
  }

  /** Counts one resident-data operation for `principal`; refuses once the window's budget is spent. */
  async takeRequest(principal: string): Promise<BudgetAnswer> {
    if (!this.requests) return { allowed: true };
    try {
      await this.requests.consume(principal, 1);
      return { allowed: true };
    } catch (res) {
      if (res instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfter(res) };
      throw res;
    }
  }

  /** Whether `principal` still has misses left in the window (misses are added after each request). */
  async missesLeft(principal: string): Promise<BudgetAnswer> {
    if (!this.misses) return { allowed: true };
    const res = await this.misses.get(principal);
    if (!res || res.consumedPoints < this.settings.misses) return { allowed: true };
    return { allowed: false, retryAfterSeconds: retryAfter(res) };
  }

  /**
   * Reserves `lookups` misses before a request that looks residents up by a full identifier runs,
   * so that neither one request's aliases nor concurrent requests can probe past the budget: every
   * identifier look-up may miss. Refused when the reservation does not fit what is left.
   */
  async reserveMisses(principal: string, lookups: number): Promise<BudgetAnswer> {
    if (!this.misses || lookups <= 0) return { allowed: true };
    const res = await this.misses.penalty(principal, lookups);
    if (res.consumedPoints <= this.settings.misses) return { allowed: true };
    await this.misses.reward(principal, lookups);
    return { allowed: false, retryAfterSeconds: retryAfter(res) };
  }

  /** Settles a request's reservation against the misses it actually had (`misses` may exceed it). */
  async settleMisses(principal: string, reserved: number, misses: number): Promise<void> {
    if (!this.misses) return;
    if (misses > reserved) await this.misses.penalty(principal, misses - reserved);
    else if (reserved > misses) await this.misses.reward(principal, reserved - misses);
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
