import type { OidcSettings } from './oidcSettings';

/** The provider's endpoints, from its discovery document. */
export interface Discovery {
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/** What the browser needs to send the user to the provider: `GET /auth/oidc`'s answer, also embedded in the first page. */
export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  scope: string;
  authorizationEndpoint: string;
}

/** How long the hub waits for the provider (ms). */
export const PROVIDER_TIMEOUT_MS = 5000;

class ProviderError extends Error {}

async function discover(settings: OidcSettings): Promise<Discovery> {
  const res = await fetch(`${settings.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  if (!res.ok) throw new ProviderError(`discovery answered HTTP ${res.status}`);
  const doc = (await res.json()) as Record<string, unknown>;
  if (doc.issuer !== settings.issuer) throw new ProviderError('discovery names another issuer');
  const methods = doc.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw new ProviderError('the provider does not support PKCE S256');
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') throw new ProviderError('discovery lacks the authorization or token endpoint');
  return { authorizationEndpoint: doc.authorization_endpoint, tokenEndpoint: doc.token_endpoint };
}

/** The browser's view of the provider: public values only (no token endpoint, no secret). */
export function clientConfig(settings: OidcSettings, found: Discovery): OidcClientConfig {
  return { issuer: settings.issuer, clientId: settings.clientId, scope: settings.scope, authorizationEndpoint: found.authorizationEndpoint };
}

/** The city's provider as the hub knows it: its endpoints, discovered once and kept (a failed discovery is retried on the next call). */
export interface OidcProvider {
  endpoints(): Promise<Discovery>;
  /** {@link clientConfig}, or null while the provider cannot be reached. */
  clientConfig(): Promise<OidcClientConfig | null>;
}

export function oidcProvider(settings: OidcSettings): OidcProvider {
  let discovery: Promise<Discovery> | null = null;
  const endpoints = () => {
    discovery ??= discover(settings).catch((err: Error) => {
      discovery = null;
      throw err;
    });
    return discovery;
  };
  return {
    endpoints,
    clientConfig: () => endpoints().then((found) => clientConfig(settings, found), () => null),
  };
}
