import Redis from 'ioredis';
import { logger } from '../logger';
import { EventBus, LocalFanout } from './eventBus';

const READY_TIMEOUT_MS = 3000;

/**
 * The bus shared by hub replicas through Redis pub/sub (REDIS_URL): one publishing connection and
 * one subscriber connection per bus (per hub process), whatever the number of WebSocket clients.
 * The subscriber connection listens to a Redis channel while this replica has a listener for it
 * and fans each message out locally; ioredis reconnects and re-subscribes by itself. Channels are
 * prefixed (`<prefix>:<channel>`) so deployments sharing one Redis never hear each other.
 */
export class RedisBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly fanout = new LocalFanout();
  /** Each listened channel's SUBSCRIBE, resolved once Redis confirmed it (false if it failed). */
  private readonly confirmed = new Map<string, Promise<boolean>>();
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      if (channel.startsWith(`${prefix}:`)) this.fanout.deliver(channel.slice(prefix.length + 1), message);
    });
  }

  /** Connects both connections, waiting briefly; an unreachable Redis is logged and retried, not fatal. */
  static async connect(url: string, prefix: string): Promise<RedisBus> {
    const publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    for (const [role, connection] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
      connection.on('error', (err) => logger.warn({ role, code: (err as { code?: string }).code }, 'event bus: Redis unreachable'));
    }
    const ready = (c: Redis) => Promise.race([c.connect().catch(() => undefined), new Promise((r) => setTimeout(r, READY_TIMEOUT_MS).unref())]);
    await Promise.all([ready(publisher), ready(subscriber)]);
    return new RedisBus(publisher, subscriber, prefix);
  }

  async publish(channel: string, message: string): Promise<'sent' | 'local_only'> {
    if (this.closed) return 'local_only';
    try {
      await this.publisher.publish(`${this.prefix}:${channel}`, message);
      return 'sent';
    } catch (err) {
      // Redis is down: this replica's own subscribers still hear it; the others read their queue on reconnect.
      logger.warn({ code: (err as { code?: string }).code }, 'event bus: publish failed, delivered on this replica only');
      this.fanout.deliver(channel, message);
      return 'local_only';
    }
  }

  subscribe(channel: string, listener: (message: string) => void): () => void {
    if (this.closed) return () => undefined;
    const { first, remove } = this.fanout.add(channel, listener);
    const redisChannel = `${this.prefix}:${channel}`;
    if (first) {
      this.confirmed.set(channel, this.subscriber.subscribe(redisChannel).then(() => true, (err) => {
        logger.warn({ code: (err as { code?: string }).code }, 'event bus: subscribe failed');
        return false;
      }));
    }
    return () => {
      if (!remove() || this.closed) return;
      this.confirmed.delete(channel);
      this.subscriber.unsubscribe(redisChannel).catch(() => undefined);
    };
  }

  async listening(channel: string): Promise<boolean> {
    return this.fanout.has(channel) && (await (this.confirmed.get(channel) ?? false));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fanout.clear();
    await Promise.all([this.publisher, this.subscriber].map((c) => c.quit().then(() => undefined, () => c.disconnect())));
  }
}
