import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A user the test provider signs in: their account name and the OneFile claims of their tokens. */
export interface IdpUser {
  subject: string;
  role: string;
  grids?: string[];
}

export interface TestIdp {
  issuer: string;
  jwksUrl: string;
  /** Codes redeemed so far (each at most once). */
  redeemed: number;
  close(): Promise<void>;
}

interface PendingCode {
  user: IdpUser;
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(new URLSearchParams(text))).on('error', reject);
  });
}

/**
 * A small but real OpenID Connect provider for tests: discovery, a key set, an authorization
 * endpoint with a sign-in form (account picker), and a token endpoint that redeems each code once,
 * for the registered client and redirect URI only, and only with the PKCE verifier whose S256 hash
 * was sent with the authorization request (RFC 7636). Access tokens are EdDSA JWTs carrying the
 * user's OneFile claims for `audience`; a wrong verifier, a reused code or another redirect URI is
 * `invalid_grant`.
 */
export async function startTestIdp(options: { clientId: string; redirectUri: () => string; audience: string; users: IdpUser[] }): Promise<TestIdp> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-idp-1', alg: 'EdDSA', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const state = { redeemed: 0 };
  let issuer = '';

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        id_token_signing_alg_values_supported: ['EdDSA'],
        subject_types_supported: ['public'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const p = url.searchParams;
      if (p.get('client_id') !== options.clientId || p.get('redirect_uri') !== options.redirectUri()) return json(res, 400, { error: 'invalid_request' });
      if (p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(p.get('code_challenge') ?? '')) {
        return json(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 is required' });
      }
      const hidden = ['redirect_uri', 'state', 'code_challenge', 'client_id'].map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(p.get(k) ?? '')}">`).join('');
      const accounts = options.users.map((u) => `<option value="${escapeHtml(u.subject)}">${escapeHtml(u.subject)}</option>`).join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>Test IdP</title><main><h1>City sign-in (test provider)</h1><form method="post" action="/authorize">${hidden}<label>Account <select name="account">${accounts}</select></label><button type="submit">Sign in</button></form></main></html>`);
      return;
    }
    if (url.pathname === '/authorize' && req.method === 'POST') {
      const form = await readForm(req);
      const user = options.users.find((u) => u.subject === form.get('account'));
      if (!user || form.get('client_id') !== options.clientId || form.get('redirect_uri') !== options.redirectUri()) return json(res, 400, { error: 'access_denied' });
      const code = randomBytes(24).toString('base64url');
      codes.set(code, { user, clientId: options.clientId, redirectUri: form.get('redirect_uri')!, challenge: form.get('code_challenge')!, expiresAt: Date.now() + 60_000 });
      const back = new URL(form.get('redirect_uri')!);
      back.search = new URLSearchParams({ code, state: form.get('state') ?? '' }).toString();
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = await readForm(req);
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code);
      const verifier = form.get('code_verifier') ?? '';
      const hashed = createHash('sha256').update(verifier).digest('base64url');
      if (
        form.get('grant_type') !== 'authorization_code' || !pending || pending.expiresAt < Date.now() || pending.clientId !== form.get('client_id') ||
        pending.redirectUri !== form.get('redirect_uri') || hashed !== pending.challenge
      ) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      state.redeemed += 1;
      const claims: Record<string, unknown> = { role: pending.user.role, client_app: options.clientId };
      if (pending.user.grids) claims.grids = pending.user.grids;
      const accessToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: 'at+jwt' })
        .setIssuer(issuer).setAudience(options.audience).setSubject(pending.user.subject)
        .setIssuedAt().setExpirationTime('10m').sign(privateKey);
      const idToken = await new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
        .setIssuer(issuer).setAudience(options.clientId).setSubject(pending.user.subject).setIssuedAt().setExpirationTime('10m').sign(privateKey);
      return json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600, id_token: idToken, refresh_token: 'never-given-to-the-browser' });
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    get redeemed() {
      return state.redeemed;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
