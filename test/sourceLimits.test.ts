import { ConfigError } from '../src/config';
import { readSourceLimits } from '../src/db/sourceLimits';

describe('source deadlines and circuits are configured from the environment', () => {
  it('answers a hung department within 2 s by default: every per-call bound is below it', () => {
    const limits = readSourceLimits({});
    expect(limits).toMatchObject({ connectTimeoutMs: 800, acquireTimeoutMs: 1200, statementTimeoutMs: 1400, queryTimeoutMs: 1500, circuitFailures: 5 });
    expect(Math.max(limits.connectTimeoutMs, limits.acquireTimeoutMs, limits.statementTimeoutMs, limits.queryTimeoutMs)).toBeLessThan(2000);
  });

  it('reads each variable', () => {
    const limits = readSourceLimits({ DB_QUERY_TIMEOUT_MS: '900', CIRCUIT_HALF_OPEN_MS: '250', AUDIT_READ_POOL_MAX: '1' });
    expect(limits).toMatchObject({ queryTimeoutMs: 900, circuitHalfOpenMs: 250, auditReadPoolMax: 1 });
  });

  it('refuses a value that is not a positive whole number, naming the variable', () => {
    expect(() => readSourceLimits({ DB_STATEMENT_TIMEOUT_MS: '1.5s' })).toThrow(new ConfigError('DB_STATEMENT_TIMEOUT_MS must be a positive whole number'));
    expect(() => readSourceLimits({ CIRCUIT_FAILURES: '0' })).toThrow(ConfigError);
  });

  it('refuses a connect timeout that would let the pool time out first (a failed connect must count toward the circuit)', () => {
    expect(() => readSourceLimits({ DB_CONNECT_TIMEOUT_MS: '1500' })).toThrow('DB_CONNECT_TIMEOUT_MS must be below DB_ACQUIRE_TIMEOUT_MS');
  });
});
