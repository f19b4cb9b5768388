import { execFileSync } from 'node:child_process';

/** The Redis the tests that need one use: TEST_REDIS_URL, or the one these machines run on 6379. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers at TEST_REDIS_URL, decided synchronously before the tests are declared
 * (jest cannot skip later). Throws when REQUIRE_REDIS_TESTS=1 (CI: Redis runs on 6379 there, so
 * such a test is never skipped) and nothing answers; otherwise warns that `what` is skipped.
 */
export function redisForTests(what: string): boolean {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const probe = `require('net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  let up = true;
  try {
    execFileSync(process.execPath, ['-e', probe], { timeout: 3000, stdio: 'ignore' });
  } catch {
    up = false;
  }
  if (!up && process.env.REQUIRE_REDIS_TESTS === '1') throw new Error(`REQUIRE_REDIS_TESTS=1 but no Redis answers at ${TEST_REDIS_URL}`);
  if (!up) console.warn(`Skipping ${what}: no Redis answers at ${TEST_REDIS_URL} (set TEST_REDIS_URL).`);
  return up;
}
