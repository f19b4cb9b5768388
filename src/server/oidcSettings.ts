import { ConfigError } from '../startup/configError';
import type { Mode } from '../startup/mode';

/** The city's OpenID Connect provider the console signs in through (authorization code + PKCE). */
export interface OidcSettings {
  /** OIDC_ISSUER: the provider's issuer URL; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** OIDC_CLIENT_ID: the console's client id at the provider (a public client: no secret). */
  clientId: string;
  /** OIDC_SCOPE: scopes asked for (default `openid`). */
  scope: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * OIDC_ISSUER and OIDC_CLIENT_ID, both or neither (neither: no OpenID Connect sign-in). The issuer
 * must be an https URL; plain http is accepted only on a loopback host outside production. The
 * hub verifies the provider's access tokens with the usual AUTH_JWKS_URL, AUTH_ISSUER and
 * AUTH_AUDIENCE settings (the provider's key set, its issuer, OneFile's audience).
 */
export function readOidcSettings(env: NodeJS.ProcessEnv, mode: Mode): OidcSettings | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new ConfigError('OIDC_ISSUER and OIDC_CLIENT_ID go together: set both, or neither');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError('OIDC_ISSUER is not a URL');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopbackHttp && mode === 'development')) {
    throw new ConfigError('OIDC_ISSUER must be an https URL (plain http only for a loopback provider in development)');
  }
  return { issuer: issuer.replace(/\/+$/, ''), clientId, scope: env.OIDC_SCOPE?.trim() || 'openid' };
}
