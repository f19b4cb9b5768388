import type { EventBus } from './eventBus';
import type { EventSettings } from './eventSettings';
import { InProcessBus } from './inProcessBus';
import { RedisBus } from './redisBus';

/** The bus the settings ask for: Redis pub/sub when REDIS_URL is set, else this process alone. */
export async function createEventBus(settings: Pick<EventSettings, 'redisUrl' | 'channelPrefix'>): Promise<EventBus> {
  return settings.redisUrl ? RedisBus.connect(settings.redisUrl, settings.channelPrefix) : new InProcessBus();
}
