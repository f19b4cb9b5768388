import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

/** Content types of the files a Vite build writes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console's Content-Security-Policy: only this origin's scripts, styles and API; no inline
 * script or style, no framing, no plugins. The console's build puts nothing inline, so it runs under
 * it unchanged (a stricter policy set by another layer wins where it is stricter).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves one request; true when it answered. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

/**
 * Serves the built console (`web/dist`) at `/`: a file under the folder when one matches the path,
 * else `index.html` for any other GET of a page path (client-side routes). Answers only GET and HEAD,
 * never a path outside the folder (`..` and encoded separators are refused by resolving and
 * checking the prefix), and never `/graphql`, `/healthz`, `/readyz` or `/dev/`, which stay with the
 * routes that own them. When the folder has no `index.html` (the console was not built) it answers
 * nothing and the caller's 404 applies.
 */
export function staticAssets(dir: string): RouteHandler {
  const root = path.resolve(dir);
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (pathname.includes('\0')) return false;
    const candidate = path.resolve(root, `.${pathname}`);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) return false;
    let file = candidate;
    if (!isFile(file)) {
      // A page path (no extension) is a client-side route; a missing asset is a 404.
      if (path.extname(pathname) !== '') return false;
      file = path.join(root, 'index.html');
      if (!isFile(file)) return false;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'content-security-policy': CONSOLE_CSP, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(file).on('error', reject).pipe(res).on('finish', resolve);
    });
    return true;
  };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
