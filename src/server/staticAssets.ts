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
  '.ttf': 'font/ttf',
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

/** What the console's first page is told about the hub it runs on. */
export interface PageHints {
  /** Sign-in methods this hub offers (`dev`, `oidc`): written into index.html as `<meta name="onefile-signin">`. */
  signIn: string[];
  /** Same-origin JSON the first page will fetch at once: announced with `Link: rel=preload` so it loads with the script. */
  preload: string[];
}

/** Precompressed siblings the build writes (scripts/buildWeb.js), best first. */
const ENCODINGS: ReadonlyArray<{ name: string; suffix: string }> = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

/** Hashed build outputs (Vite's `assets/name-<hash>.ext`) never change under their name. */
const IMMUTABLE = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(js|css)$/;

function accepts(req: http.IncomingMessage, encoding: string): boolean {
  const header = String(req.headers['accept-encoding'] ?? '');
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    return name.trim().toLowerCase() === encoding && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

/**
 * Serves the built console (`web/dist`) at `/`: a file under the folder when one matches the path,
 * else `index.html` for any other GET of a page path (client-side routes). Answers only GET and HEAD,
 * never a path outside the folder (`..` and encoded separators are refused by resolving and
 * checking the prefix), and never `/graphql`, `/healthz`, `/readyz` or `/dev/`, which stay with the
 * routes that own them. When the folder has no `index.html` (the console was not built) it answers
 * nothing and the caller's 404 applies.
 *
 * For a fast first load on a slow network: the build's precompressed copy (`.br`, else `.gz`) is
 * sent where the browser accepts it (`vary: accept-encoding`); hashed assets are cached for a year
 * as immutable, the page itself is revalidated every time (`no-cache`); and the page carries
 * `hints` — which sign-in methods exist (a `<meta>` element, not a script: the CSP stays strict) and
 * `Link: rel=preload` for the JSON it will fetch first, so those requests travel with the script's.
 */
export function staticAssets(dir: string, hints: PageHints = { signIn: [], preload: [] }): RouteHandler {
  const root = path.resolve(dir);
  const meta = `<meta name="onefile-signin" content="${hints.signIn.join(' ')}" />`;
  const link = hints.preload.map((href) => `<${href}>; rel=preload; as=fetch; crossorigin=anonymous`).join(', ');
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
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    if (type.startsWith('text/html')) {
      // The page: rewritten with this hub's hints, so sent as is from memory (it is under 1 KB).
      Object.assign(headers, { 'content-security-policy': CONSOLE_CSP, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-cache' });
      if (link) headers.link = link;
      const html = Buffer.from(fs.readFileSync(file, 'utf8').replace('<head>', `<head>\n    ${meta}`));
      headers['content-length'] = String(html.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : html);
      return true;
    }
    headers['cache-control'] = IMMUTABLE.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
    headers.vary = 'accept-encoding';
    const encoded = ENCODINGS.find((e) => accepts(req, e.name) && isFile(file + e.suffix));
    if (encoded) {
      headers['content-encoding'] = encoded.name;
      file += encoded.suffix;
    }
    headers['content-length'] = String(fs.statSync(file).size);
    res.writeHead(200, headers);
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
