import type { Knex } from 'knex';
import { up } from '../migrations/hub/20261129120000_access_log_witness';

/** Runs `fn` with `vars` set in process.env, restoring the previous values afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** A knex that fails the test if the migration reaches the database at all. */
const untouchable = { raw: () => Promise.reject(new Error('the migration reached the database')) } as unknown as Knex;

describe('the witness migration under NODE_ENV=production', () => {
  it.each([
    ['ONEFILE_SIGNER_PASSWORD', { ONEFILE_SIGNER_PASSWORD: undefined, ONEFILE_AUDITOR_PASSWORD: 'a-real-auditor-secret' }],
    ['ONEFILE_AUDITOR_PASSWORD', { ONEFILE_SIGNER_PASSWORD: 'a-real-signer-secret', ONEFILE_AUDITOR_PASSWORD: 'onefile-auditor-dev' }],
  ])('refuses to give the %s login a missing or development password, before touching the database', async (variable, passwords) => {
    await expect(withEnv({ NODE_ENV: 'production', ...passwords }, () => up(untouchable))).rejects.toThrow(new RegExp(`set ${variable}`));
  });

  it('goes on to the database with both passwords set', async () => {
    await expect(withEnv({ NODE_ENV: 'production', ONEFILE_SIGNER_PASSWORD: 's3cret-signer', ONEFILE_AUDITOR_PASSWORD: 's3cret-auditor' }, () => up(untouchable))).rejects.toThrow('reached the database');
  });
});
