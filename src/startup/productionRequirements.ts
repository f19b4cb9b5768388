import { ConfigError } from './configError';
import { DEV_APP_PASSWORD } from './mode';

/** Shortest serving-login password production accepts. */
export const MIN_APP_PASSWORD_LENGTH = 12;

/**
 * What NODE_ENV=production needs before anything else happens, checked from the environment
 * alone: a token verification key (AUTH_PUBLIC_KEY_FILE, AUTH_JWKS_FILE or AUTH_JWKS_URL),
 * AUTH_ISSUER and AUTH_AUDIENCE, a non-default ONEFILE_APP_PASSWORD, a checkpoint signing key
 * (AUDIT_SIGNING_KEY_FILE; that it is readable is checked at start), a claim-statement signing key
 * (CLAIMS_SIGNING_KEY_FILE, checked at start too), the access log's document
 * key (AUDIT_DOCUMENT_KEY_FILE) and every database URL.
 * Throws one ConfigError naming every missing variable, so one run tells the operator all of it.
 */
export function requireProductionSettings(env: NodeJS.ProcessEnv, databaseVariables: readonly string[]): void {
  const problems: string[] = [];
  if (!env.AUTH_PUBLIC_KEY_FILE && !env.AUTH_JWKS_FILE && !env.AUTH_JWKS_URL) {
    problems.push('AUTH_PUBLIC_KEY_FILE, AUTH_JWKS_FILE or AUTH_JWKS_URL is required (development keys are never used)');
  }
  if (!env.AUTH_ISSUER) problems.push('AUTH_ISSUER is required');
  if (!env.AUTH_AUDIENCE) problems.push('AUTH_AUDIENCE is required');
  const password = env.ONEFILE_APP_PASSWORD;
  if (!password) problems.push('ONEFILE_APP_PASSWORD is required');
  else if (password === DEV_APP_PASSWORD) problems.push('ONEFILE_APP_PASSWORD must not be the development default');
  else if (password.length < MIN_APP_PASSWORD_LENGTH) problems.push(`ONEFILE_APP_PASSWORD must have at least ${MIN_APP_PASSWORD_LENGTH} characters`);
  if (env.HUB_APP_DATABASE_URL && safePassword(env.HUB_APP_DATABASE_URL) === DEV_APP_PASSWORD) {
    problems.push('HUB_APP_DATABASE_URL must not use the development password');
  }
  if (!env.AUDIT_SIGNING_KEY_FILE) problems.push('AUDIT_SIGNING_KEY_FILE is required (Ed25519 private key that signs access-log checkpoints)');
  if (!env.CLAIMS_SIGNING_KEY_FILE) problems.push('CLAIMS_SIGNING_KEY_FILE is required (Ed25519 private key that signs claim statements)');
  if (!env.AUDIT_DOCUMENT_KEY_FILE) problems.push('AUDIT_DOCUMENT_KEY_FILE is required (the key of the access log\'s document fingerprints)');
  const missingDatabases = databaseVariables.filter((v) => !env[v]);
  if (missingDatabases.length) problems.push(`${missingDatabases.join(', ')} ${missingDatabases.length > 1 ? 'are' : 'is'} required (production never uses the embedded PostgreSQL)`);
  if (problems.length) throw new ConfigError(`NODE_ENV=production: ${problems.join('; ')}`);
}

function safePassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return undefined;
  }
}
