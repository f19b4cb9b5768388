import { ConfigError } from '../src/config';
import { DEFAULT_LIMITS, loadLimitSettings } from '../src/limits/limitSettings';

describe('limit settings from the environment', () => {
  it('defaults to the documented limits, with no CORS origin and counters in memory', () => {
    const s = loadLimitSettings({});
    expect(s).toEqual(DEFAULT_LIMITS);
    expect(s.query).toMatchObject({ maxDepth: 6, maxAliases: 15, maxTokens: 2000, maxFiles: 2000, maxBodyBytes: 262144 });
    expect(s.rate).toMatchObject({ requests: 120, windowSeconds: 60, misses: 20, missWindowSeconds: 3600, redisUrl: undefined });
    expect(s.corsOrigins).toEqual([]);
  });

  it('reads every variable, and 0 switches a budget off', () => {
    const s = loadLimitSettings({
      QUERY_MAX_DEPTH: '8', QUERY_MAX_ALIASES: '5', QUERY_MAX_FILES: '100', MAX_BODY_BYTES: '1024', RATE_LIMIT_REQUESTS: '0', MISS_BUDGET: '3',
      REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_KEY_PREFIX: 'city-a', CORS_ORIGINS: 'https://console.example.gov.cn, http://localhost:5173',
    });
    expect(s.query).toMatchObject({ maxDepth: 8, maxAliases: 5, maxFiles: 100, maxBodyBytes: 1024 });
    expect(s.rate).toMatchObject({ requests: 0, misses: 3, redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'city-a' });
    expect(s.corsOrigins).toEqual(['https://console.example.gov.cn', 'http://localhost:5173']);
  });

  it.each([
    ['QUERY_MAX_DEPTH', 'deep'], ['QUERY_MAX_ALIASES', '0'], ['MAX_BODY_BYTES', '1.5'], ['RATE_LIMIT_REQUESTS', '-1'],
    ['REDIS_URL', 'localhost:6379'], ['RATE_LIMIT_KEY_PREFIX', 'a b'], ['CORS_ORIGINS', 'https://x.example/path'], ['CORS_ORIGINS', '*'],
  ])('refuses %s=%s with a ConfigError naming the variable', (variable, value) => {
    expect(() => loadLimitSettings({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadLimitSettings({ [variable]: value })).toThrow(variable);
  });
});
