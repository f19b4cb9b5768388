import { ConfigError } from '../startup/configError';
import { readWholeNumber } from '../startup/envReaders';

/** How events travel between replicas and what one principal may hold open (issue 17). */
export interface EventSettings {
  /** REDIS_URL: unset, events stay in this process (one replica); set, every replica on it hears every event. */
  redisUrl?: string;
  /** EVENTS_CHANNEL_PREFIX: the Redis channels' prefix, one per deployment sharing a Redis (default `onefile`). */
  channelPrefix: string;
  /** WS_MAX_CONNECTIONS_PER_PRINCIPAL: open WebSocket connections one token subject may hold (default 4). */
  maxConnectionsPerPrincipal: number;
  /** WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: active subscriptions on one connection (default 8). */
  maxSubscriptionsPerConnection: number;
  /** WS_MAX_CONNECTIONS: open WebSocket connections on this replica in all (default 1000). */
  maxConnections: number;
}

export const DEFAULT_EVENT_SETTINGS: EventSettings = { channelPrefix: 'onefile', maxConnectionsPerPrincipal: 4, maxSubscriptionsPerConnection: 8, maxConnections: 1000 };

/** Reads the settings from the environment; a bad value is a ConfigError naming the variable. */
export function loadEventSettings(env: NodeJS.ProcessEnv = process.env): EventSettings {
  const d = DEFAULT_EVENT_SETTINGS;
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  const channelPrefix = env.EVENTS_CHANNEL_PREFIX || d.channelPrefix;
  if (!/^[A-Za-z0-9:_\-.]{1,64}$/.test(channelPrefix)) throw new ConfigError('EVENTS_CHANNEL_PREFIX must be 1-64 letters, digits or :_-.');
  return {
    redisUrl,
    channelPrefix,
    maxConnectionsPerPrincipal: readWholeNumber(env, 'WS_MAX_CONNECTIONS_PER_PRINCIPAL', d.maxConnectionsPerPrincipal, 1),
    maxSubscriptionsPerConnection: readWholeNumber(env, 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', d.maxSubscriptionsPerConnection, 1),
    maxConnections: readWholeNumber(env, 'WS_MAX_CONNECTIONS', d.maxConnections, 1),
  };
}
