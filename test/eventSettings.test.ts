import { ConfigError } from '../src/config';
import { DEFAULT_EVENT_SETTINGS, loadEventSettings } from '../src/events/eventSettings';

describe('event settings', () => {
  it('keeps events in this process with no REDIS_URL, with the default WebSocket limits', () => {
    expect(loadEventSettings({})).toEqual({ ...DEFAULT_EVENT_SETTINGS, redisUrl: undefined });
    expect(DEFAULT_EVENT_SETTINGS).toEqual({ channelPrefix: 'onefile', maxConnectionsPerPrincipal: 4, maxSubscriptionsPerConnection: 8, maxConnections: 1000 });
  });

  it('reads REDIS_URL, the channel prefix and the limits from the environment', () => {
    expect(loadEventSettings({ REDIS_URL: 'redis://10.0.0.5:6379', EVENTS_CHANNEL_PREFIX: 'city-a', WS_MAX_CONNECTIONS_PER_PRINCIPAL: '2', WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', WS_MAX_CONNECTIONS: '50' }))
      .toEqual({ redisUrl: 'redis://10.0.0.5:6379', channelPrefix: 'city-a', maxConnectionsPerPrincipal: 2, maxSubscriptionsPerConnection: 3, maxConnections: 50 });
  });

  it.each([['REDIS_URL', 'localhost:6379'], ['EVENTS_CHANNEL_PREFIX', 'a b'], ['WS_MAX_CONNECTIONS_PER_PRINCIPAL', '0'], ['WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 'many'], ['WS_MAX_CONNECTIONS', '-1']])(
    'refuses %s=%s with a ConfigError naming it',
    (variable, value) => {
      expect(() => loadEventSettings({ [variable]: value })).toThrow(ConfigError);
      expect(() => loadEventSettings({ [variable]: value })).toThrow(variable);
    },
  );
});
