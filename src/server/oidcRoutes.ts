import type http from 'node:http';
import { logger } from '../logger';
import { HttpRefusal, readBody } from './httpHardening';
import { clientConfig, Discovery, OidcProvider, oidcProvider, PROVIDER_TIMEOUT_MS } from './oidcDiscovery';
import type { OidcSettings } from './oidcSettings';
import type { RouteHandler } from './staticAssets';

const MAX_BODY = 8192;
/** RFC 7636: 43–128 characters of the unreserved set. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function send(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): true {
  return send(res, status, { errors: [{ message, extensions: { code } }] });
}

/**
 * Sign-in through the city's OpenID Connect provider (authorization code with PKCE, RFC 7636), for
 * the console — a public client, no secret:
 *  - `GET /auth/oidc`: what the browser needs to send the user to the provider (issuer, client id,
 *    scope, authorization endpoint from the provider's discovery document);
 *  - `POST /auth/oidc/token` with `{ code, codeVerifier, redirectUri }`: the hub redeems the code at
 *    the provider's token endpoint (the browser's page may talk to its own origin only) and answers
 *    `{ accessToken, expiresIn }` — the access token only, never a refresh or ID token — with
 *    `cache-control: no-store`. The browser keeps it in memory; the hub verifies it like any other
 *    bearer token (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE).
 * A code the provider refuses answers 400 OIDC_CODE_REFUSED; a provider that cannot be reached
 * 502 OIDC_UNAVAILABLE; bad input 400 BAD_REQUEST; a body over 8 KB 413.
 */
export function oidcRoutes(settings: OidcSettings, provider: OidcProvider = oidcProvider(settings)): RouteHandler {
  const endpoints = provider.endpoints;
  return async (req, res, url) => {
    if (url.pathname !== '/auth/oidc' && url.pathname !== '/auth/oidc/token') return false;
    let found: Discovery;
    try {
      found = await endpoints();
    } catch (err) {
      logger.error({ message: (err as Error).message }, 'OpenID Connect provider discovery failed');
      return refuse(res, 502, 'OIDC_UNAVAILABLE', 'The identity provider cannot be reached.');
    }
    if (url.pathname === '/auth/oidc') {
      if (req.method !== 'GET') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
      return send(res, 200, clientConfig(settings, found));
    }
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Use POST.');
    let body: { code?: unknown; codeVerifier?: unknown; redirectUri?: unknown };
    try {
      body = JSON.parse(await readBody(req, MAX_BODY)) as typeof body;
    } catch (err) {
      if (err instanceof HttpRefusal) return refuse(res, err.status, err.code, err.message);
      return refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    }
    const { code, codeVerifier, redirectUri } = body ?? {};
    if (typeof code !== 'string' || code.length === 0 || code.length > 2048) return refuse(res, 400, 'BAD_REQUEST', 'code must be the authorization code.');
    if (typeof codeVerifier !== 'string' || !CODE_VERIFIER.test(codeVerifier)) return refuse(res, 400, 'BAD_REQUEST', 'codeVerifier must be 43 to 128 unreserved characters.');
    if (typeof redirectUri !== 'string' || !/^https?:\/\/[^/]+\/$/.test(redirectUri)) return refuse(res, 400, 'BAD_REQUEST', "redirectUri must be the console's address.");
    let answer: Response;
    try {
      answer = await fetch(found.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: redirectUri, client_id: settings.clientId }),
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
    } catch (err) {
      logger.error({ message: (err as Error).message }, 'OpenID Connect token endpoint unreachable');
      return refuse(res, 502, 'OIDC_UNAVAILABLE', 'The identity provider cannot be reached.');
    }
    const tokens = (await answer.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!answer.ok || typeof tokens.access_token !== 'string') {
      // The provider's error code (invalid_grant, ...) only; never its description or the code itself.
      const reason = typeof tokens.error === 'string' && /^[a-z_]{1,40}$/.test(tokens.error) ? tokens.error : `HTTP ${answer.status}`;
      return refuse(res, 400, 'OIDC_CODE_REFUSED', `The identity provider refused the sign-in (${reason}).`);
    }
    return send(res, 200, { accessToken: tokens.access_token, expiresIn: typeof tokens.expires_in === 'number' ? tokens.expires_in : null });
  };
}
