import { ConfigError } from './configError';

/**
 * The one switch between development and production: NODE_ENV=production. Production refuses to
 * start without real keys, passwords and databases (productionRequirements.ts), never generates
 * keys, never seeds, serves no IDE or landing page and answers introspection to ADMIN only.
 */
export type Mode = 'production' | 'development';

/** Who may introspect the schema: every authenticated role, ADMIN only, or nobody. */
export type IntrospectionPolicy = 'all' | 'admin' | 'off';

/** Default longest token lifetime (exp − iat): a working day. */
export const DEFAULT_MAX_TOKEN_SECONDS = 8 * 3600;

/** NODE_ENV values OneFile knows; anything else (say `prod`) is a typo that would mean development. */
const KNOWN_NODE_ENVS = ['production', 'development', 'test'];

/** The mode from NODE_ENV: `production` only for exactly that value; unset, development or test: development. */
export function readMode(env: NodeJS.ProcessEnv): Mode {
  const value = env.NODE_ENV;
  if (value === undefined || value === '') return 'development';
  if (!KNOWN_NODE_ENVS.includes(value)) {
    throw new ConfigError(`NODE_ENV must be production, development or test (got "${value.slice(0, 40)}")`);
  }
  return value === 'production' ? 'production' : 'development';
}

/**
 * INTROSPECTION: `all` (development default: any authenticated role), `admin` (production
 * default) or `off`. Production refuses `all`.
 */
export function readIntrospection(env: NodeJS.ProcessEnv, mode: Mode): IntrospectionPolicy {
  const value = env.INTROSPECTION || (mode === 'production' ? 'admin' : 'all');
  if (value !== 'all' && value !== 'admin' && value !== 'off') throw new ConfigError('INTROSPECTION must be all, admin or off');
  if (mode === 'production' && value === 'all') throw new ConfigError('INTROSPECTION=all is not allowed with NODE_ENV=production (use admin or off)');
  return value;
}

/** The serving login's development password (migrations/hub/…_serving_login.ts); production refuses it. */
export const DEV_APP_PASSWORD = 'onefile-app-dev';
