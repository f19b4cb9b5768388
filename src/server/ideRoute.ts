import fs from 'node:fs';
import path from 'node:path';
import { RouteHandler, staticAssets } from './staticAssets';

/**
 * The development IDE's Content-Security-Policy, sent on `/dev/ide` only. It differs from the
 * console's (CONSOLE_CSP) in exactly what GraphiQL 5 needs: inline styles (its Monaco editor injects
 * `<style>` elements at run time), fonts as `data:` URLs (GraphiQL's and Monaco's style sheets embed
 * their fonts; nothing is fetched), same-origin workers (Monaco's language workers, built as files),
 * and framing by this origin only (the console shows the IDE in a frame and hands it the token by
 * `postMessage`). Scripts stay `'self'` only: no inline script, no eval, no CDN.
 */
export const IDE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const PREFIX = '/dev/ide';

/**
 * Serves the built GraphiQL (web/dist-ide, `npm run build:web`) at `/dev/ide` — the document under
 * IDE_CSP, framable by this origin only — and its assets under `/dev/ide/assets/`. The caller mounts
 * it only on a hub with development sign-in; it answers nothing else, and nothing when the IDE was
 * not built (the caller's 404 applies).
 */
export function ideRoute(dir: string): RouteHandler {
  const assets = staticAssets(dir);
  const page = path.join(dir, 'ide.html');
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === PREFIX || url.pathname === `${PREFIX}/`) {
      if (!fs.existsSync(page)) return false;
      const html = fs.readFileSync(page);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(html.length),
        'content-security-policy': IDE_CSP,
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
      return true;
    }
    // Files only (a path with an extension): never the console's page fallback.
    if (!url.pathname.startsWith(`${PREFIX}/assets/`) || path.extname(url.pathname) === '') return false;
    return assets(req, res, new URL(url.pathname.slice(PREFIX.length) + url.search, url));
  };
}
