import type http from 'node:http';
import { errorBody } from '../errors';
import type { KeyLike } from 'jose';
import { issueToken } from '../auth/issueToken';
import { isPurpose, isRole, Purpose, ROLES } from '../auth/vocabulary';
import { devChoices, DevChoices } from './devChoices';
import type { Databases } from '../db/databases';
import { HttpRefusal, readBody } from './httpHardening';
import type { RouteHandler } from './staticAssets';

/** How development tokens are signed: the dev key pair `npm run token` uses, and the hub's issuer/audience. */
export interface DevTokenSigner {
  key: KeyLike;
  algorithm: string;
  issuer: string;
  audience: string;
}

/** Lifetime of a console development token (seconds): one hour, within any sensible AUTH_MAX_TOKEN_SECONDS. */
const DEV_TOKEN_TTL = 3600;
const GRID_ID = /^\d{12}-G\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_BODY = 4096;

function send(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
  return true;
}

function badRequest(res: http.ServerResponse, message: string): true {
  return send(res, 400, errorBody('BAD_REQUEST', message));
}


/**
 * Development sign-in for the console, **never mounted in production** (see consoleRoutes):
 *  - `GET /dev/principals`: what the sign-in picker offers (./devChoices.ts) — the roles, the grids,
 *    and a few demo residents' opaque hub ids (no names, no ID numbers), also embedded in the first page;
 *  - `POST /dev/token` with `{ role, grids?, subject?, purposes? }`: a token signed exactly as
 *    `npm run token` signs one (same claims; client_app `onefile-console`). STREET_STAFF need one
 *    or more grid ids, RESIDENT their hub person id. Bad input answers 400 BAD_REQUEST; a body
 *    over 4 KB 413 PAYLOAD_TOO_LARGE; bytes that are not UTF-8 400 INVALID_TEXT.
 */
export function devTokenRoutes(signer: DevTokenSigner, dbs: Databases, choices: () => Promise<DevChoices> = devChoices(dbs)): RouteHandler {
  return async (req, res, url) => {
    if (url.pathname === '/dev/principals' && req.method === 'GET') return send(res, 200, await choices());
    if (url.pathname !== '/dev/token') return false;
    if (req.method !== 'POST') return send(res, 405, errorBody('METHOD_NOT_ALLOWED', 'Use POST.'));
    let body: { role?: unknown; grids?: unknown; subject?: unknown; purposes?: unknown };
    let text: string;
    try {
      // Bytes, not characters, counted; multibyte characters split across chunks decoded whole.
      text = await readBody(req, MAX_BODY);
    } catch (err) {
      if (err instanceof HttpRefusal) return send(res, err.status, { errors: [{ message: err.message, extensions: { code: err.code } }] });
      throw err;
    }
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return badRequest(res, 'The request body is not valid JSON.');
    }
    if (!body || typeof body !== 'object' || !isRole(body.role)) return badRequest(res, `role must be one of ${ROLES.join(', ')}.`);
    const role = body.role;
    const grids = Array.isArray(body.grids) ? body.grids : [];
    if (!grids.every((g) => typeof g === 'string' && GRID_ID.test(g))) return badRequest(res, 'grids must be grid ids such as 110101001001-G01.');
    if (role === 'STREET_STAFF' && grids.length === 0) return badRequest(res, 'STREET_STAFF needs at least one grid.');
    if (role === 'RESIDENT' && !(typeof body.subject === 'string' && UUID.test(body.subject))) return badRequest(res, 'RESIDENT needs subject: their hub person id.');
    const purposes = body.purposes === undefined ? undefined : body.purposes;
    if (purposes !== undefined && !(Array.isArray(purposes) && purposes.every(isPurpose))) return badRequest(res, 'purposes must list known purposes.');
    const token = await issueToken(signer.key, signer.algorithm, signer.issuer, signer.audience, {
      role,
      subject: role === 'RESIDENT' ? (body.subject as string) : `dev-${role.toLowerCase().replace(/_/g, '-')}`,
      grids: role === 'STREET_STAFF' ? (grids as string[]) : undefined,
      purposes: purposes as Purpose[] | undefined,
      clientApp: 'onefile-console',
      ttlSeconds: DEV_TOKEN_TTL,
    });
    return send(res, 200, { token, expiresIn: DEV_TOKEN_TTL });
  };
}
