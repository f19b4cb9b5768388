import { pageData } from './pageData';

/**
 * Sign-in through the city's OpenID Connect provider: authorization code with PKCE (RFC 7636, S256).
 * The browser makes the code verifier and state, keeps them in sessionStorage only for the round
 * trip to the provider (they are not tokens, and are removed on return), and hands the code and
 * verifier to the hub, which redeems them at the provider (`/auth/oidc/token`). The access token it
 * answers lives in memory only.
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
  authorizationEndpoint: string;
}

const PENDING = 'onefile.oidc.pending';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The console's own address, where the provider sends the user back. */
function redirectUri(): string {
  return `${location.origin}/`;
}

/** The provider the hub is configured with, or null (none: development sign-in only). */
export async function oidcConfig(): Promise<OidcConfig | null> {
  const meta = document.querySelector('meta[name=onefile-signin]')?.getAttribute('content');
  if (typeof meta === 'string' && !meta.split(' ').includes('oidc')) return null;
  // Embedded in the page by the hub where it could reach the provider: no request at all.
  const embedded = pageData<OidcConfig>('onefile-oidc');
  if (embedded) return embedded;
  // Default cache mode: the page announced this request (Link: rel=preload); no second round trip.
  const res = await fetch('/auth/oidc').catch(() => null);
  if (!res || !res.ok || !(res.headers.get('content-type') ?? '').startsWith('application/json')) return null;
  return (await res.json()) as OidcConfig;
}

/** Sends the user to the provider's sign-in page. */
export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  const verifier = random(32);
  const state = random(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On return from the provider (`?code=…&state=…` or `?error=…`): removes them from the address bar,
 * checks the state against the one sent, and redeems the code through the hub. Null when this page
 * load is not a return from the provider; throws with the reason when the sign-in failed.
 */
export async function finishOidcSignIn(): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  history.replaceState(null, '', '/');
  const pending = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const { verifier, state } = (pending ? JSON.parse(pending) : {}) as { verifier?: string; state?: string };
  if (params.has('error')) throw new Error(params.get('error') ?? 'error');
  if (!verifier || !state || params.get('state') !== state) throw new Error('state mismatch');
  const res = await fetch('/auth/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: params.get('code'), codeVerifier: verifier, redirectUri: redirectUri() }),
    cache: 'no-store',
  });
  const body = (await res.json()) as { accessToken?: string; errors?: Array<{ message: string }> };
  if (!res.ok || !body.accessToken) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body.accessToken;
}
