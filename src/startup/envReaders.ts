import { ConfigError } from './configError';
import type { Mode } from './mode';

/** pino's levels; anything else made pino throw at import with a stack trace. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Token signature algorithms the hub accepts (asymmetric only: the hub never holds a signing secret). */
export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

/**
 * A whole-number variable of at least `min` (default 1), or `fallback` when unset or empty. The
 * one reader of numeric settings: a bad value is a `ConfigError` naming the variable.
 */
export function readWholeNumber(env: NodeJS.ProcessEnv, variable: string, fallback: number, min = 1): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new ConfigError(min === 1 ? `${variable} must be a positive whole number` : `${variable} must be a whole number of at least ${min}`);
  }
  return n;
}

export function readLogLevel(env: NodeJS.ProcessEnv): string {
  const level = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/** HOST: an IPv4/IPv6 address or a host name to listen on. */
export function readHost(value: string | undefined): string {
  if (value === undefined || value === '') return '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(value)) throw new ConfigError('HOST must be an address or host name to listen on');
  return value;
}

export function readAlgorithm(value: string | undefined): string {
  const alg = value || 'EdDSA';
  if (!(TOKEN_ALGORITHMS as readonly string[]).includes(alg)) throw new ConfigError(`AUTH_ALGORITHM must be one of ${TOKEN_ALGORITHMS.join(', ')}`);
  return alg;
}

/**
 * A postgres:// URL with a host and a database name. The message never repeats the URL, which
 * may carry a password.
 */
export function readPostgresUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${variable} is not a valid URL (expected postgres://user:password@host:port/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new ConfigError(`${variable} must be a postgres:// URL`);
  if (!url.hostname) throw new ConfigError(`${variable} names no host`);
  if (url.port && !(Number(url.port) > 0 && Number(url.port) <= 65535)) throw new ConfigError(`${variable} has a bad port`);
  if (url.pathname.length <= 1) throw new ConfigError(`${variable} names no database (postgres://…/<database>)`);
  return value;
}

/** Where token verification keys come from: at most one of the three variables. */
export interface KeySource {
  publicKeyFile?: string;
  jwksFile?: string;
  jwksUrl?: string;
}

/**
 * AUTH_PUBLIC_KEY_FILE, AUTH_JWKS_FILE or AUTH_JWKS_URL (one at most; none means development
 * keys). A JWKS URL must be https, except on the loopback interface outside production.
 */
export function readKeySource(env: NodeJS.ProcessEnv, mode: Mode): KeySource {
  const source: KeySource = {
    publicKeyFile: env.AUTH_PUBLIC_KEY_FILE || undefined,
    jwksFile: env.AUTH_JWKS_FILE || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
  };
  const set = Object.entries({ AUTH_PUBLIC_KEY_FILE: source.publicKeyFile, AUTH_JWKS_FILE: source.jwksFile, AUTH_JWKS_URL: source.jwksUrl })
    .filter(([, v]) => v)
    .map(([k]) => k);
  if (set.length > 1) throw new ConfigError(`Set one token key source, not ${set.join(' and ')}`);
  if (source.jwksUrl) {
    let url: URL;
    try {
      url = new URL(source.jwksUrl);
    } catch {
      throw new ConfigError('AUTH_JWKS_URL is not a valid URL');
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && mode !== 'production')) {
      throw new ConfigError('AUTH_JWKS_URL must be an https:// URL');
    }
  }
  return source;
}
