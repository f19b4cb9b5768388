import { Client } from 'pg';
import { databaseNames, DatabaseUrls, databaseUrlVariable } from '../config';
import { ConfigError } from '../startup/configError';

/** How long start waits for a configured database to answer before refusing. */
export const PROBE_TIMEOUT_MS = 5000;

/** host:port/database of a URL, for messages (never the user or password). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'host not found';
    case '28P01': case '28000': return 'login refused (user or password)';
    case '3D000': return 'database does not exist';
    default: return /timeout/i.test(e.message ?? '') ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : e.code ?? 'cannot connect';
  }
}

/**
 * Connects once to each configured database (in parallel, bounded by PROBE_TIMEOUT_MS) and throws
 * a ConfigError naming the first variable whose database does not answer, so a bad URL stops the
 * start with one line instead of a pool error or a hang.
 */
export async function probeDatabases(urls: DatabaseUrls): Promise<void> {
  const results = await Promise.all(
    databaseNames().map(async (name) => {
      const client = new Client({ connectionString: urls[name], connectionTimeoutMillis: PROBE_TIMEOUT_MS });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return undefined;
      } catch (err) {
        return `${databaseUrlVariable(name)} (${describeUrl(urls[name])}): ${reason(err)}`;
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
  const failed = results.find((r) => r !== undefined);
  if (failed) throw new ConfigError(`cannot use ${failed}`);
}

/**
 * Connects once as the serving login (`onefile_app`, see servingHubUrl) after the migrations:
 * a password that differs from the one the hub migration gave the role would otherwise start a hub
 * whose every request fails. Throws a ConfigError naming the variables to fix.
 */
export async function probeServingLogin(servingUrl: string): Promise<void> {
  const client = new Client({ connectionString: servingUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new ConfigError(
      `the serving login (HUB_APP_DATABASE_URL, or onefile_app with ONEFILE_APP_PASSWORD) cannot use the hub database (${describeUrl(servingUrl)}): ${reason(err)}; ` +
        'the password must be the one the hub migration gave onefile_app (to change it: ALTER ROLE onefile_app PASSWORD …)',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
