import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { errorBody } from '../errors';
import type { Authenticator } from '../auth/authenticate';
import { metricsRegistry } from '../metrics';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function deny(res: http.ServerResponse, status: 401 | 403): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="onefile-metrics"');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(errorBody(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', 'Metrics are for operators: an ADMIN token or the metrics token is required.')));
}

/**
 * Serves `/metrics` (Prometheus text format) to operators only: a bearer token equal to
 * METRICS_TOKEN (what a Prometheus scrape job sends; compared in constant time) or a valid hub
 * token of role ADMIN. Anyone else gets 401 (no or bad token) or 403 (another role). The metrics
 * themselves carry no personal data (labels are closed sets, see src/metrics.ts); they are
 * guarded because traffic, error and circuit figures help an attacker time an attack.
 */
export function metricsEndpoint(authenticate: Authenticator, metricsToken: string | undefined) {
  const expected = metricsToken ? sha256(metricsToken) : undefined;
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const authorization = req.headers.authorization;
    const bearer = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization.trim())?.[1] : undefined;
    if (!bearer) return deny(res, 401);
    if (!(expected && timingSafeEqual(sha256(bearer), expected))) {
      const principal = await authenticate(authorization as string).catch(() => undefined);
      if (!principal) return deny(res, 401);
      if (principal.role !== 'ADMIN') return deny(res, 403);
    }
    const text = await metricsRegistry.metrics();
    res.writeHead(200, { 'content-type': metricsRegistry.contentType });
    res.end(text);
  };
}
