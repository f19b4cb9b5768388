import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { dataBlock, InlinedPage, inlineFirstPage, PageData, pageRenderer, RenderedPage } from './firstPage';

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
 * The console's Content-Security-Policy: only this origin's scripts, styles and API, plus the inline
 * script and style the hub itself puts in the first page, each allowed by its SHA-256 hash
 * (src/server/firstPage.ts) — never `'unsafe-inline'`; no framing, no plugins. The built files put
 * nothing inline themselves (a stricter policy set by another layer wins where it is stricter).
 */
export function consoleCsp(scriptHashes: readonly string[] = [], styleHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    ["style-src 'self'", ...styleHashes].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of a page with nothing inline. */
export const CONSOLE_CSP = consoleCsp();

/** Serves one request; true when it answered. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

/** What the console's first page is told about the hub it runs on. */
export interface PageHints {
  /** Sign-in methods this hub offers (`dev`, `oidc`): written into index.html as `<meta name="onefile-signin">`. */
  signIn: string[];
  /**
   * Same-origin JSON the first page needs at once: embedded in the page as data blocks when it is
   * `inline` and the value can be read; else announced with `Link: rel=preload` so it loads with the script.
   */
  data: PageData[];
  /** Send the first page with its boot script and style sheet inline (one round trip; src/server/firstPage.ts). */
  inline?: boolean;
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
 * `hints` — which sign-in methods exist (a `<meta>` element). With `hints.inline` the first page
 * (index.html) is sent with its boot script and style sheet inline, allowed by their hashes in the
 * CSP, and the sign-in JSON as data blocks (./firstPage.ts): usable after one round trip. Without it,
 * or for JSON that cannot be read now, `Link: rel=preload` announces the JSON the page will fetch
 * first, so those requests travel with the script's.
 */
export function staticAssets(dir: string, hints: PageHints = { signIn: [], data: [] }): RouteHandler {
  const root = path.resolve(dir);
  const meta = `<meta name="onefile-signin" content="${hints.signIn.join(' ')}" />`;
  const preload = (data: PageData[]) => data.map((d) => `<${d.href}>; rel=preload; as=fetch; crossorigin=anonymous`).join(', ');
  const inlined = hints.inline ? firstPageOf(root, meta) : null;
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
      Object.assign(headers, { 'content-security-policy': CONSOLE_CSP, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-cache' });
      // Inline only a page whose boot script could be put inline (an older build's stays as built).
      const page = file === path.join(root, 'index.html') ? inlined?.() : null;
      if (page && page.page.scriptHashes.length > 0) return sendInlined(req, res, headers, page, hints.data, preload);
      // The page as built: rewritten with this hub's hints, sent as is from memory (it is under 1 KB).
      const link = preload(hints.data);
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

/** The inlined first page of `root`, re-read when index.html changes (a rebuild under a running hub). */
function firstPageOf(root: string, meta: string): () => { page: InlinedPage; render: (blocks: string) => Promise<RenderedPage> } | null {
  let cached: { mtimeMs: number; page: InlinedPage; render: (blocks: string) => Promise<RenderedPage> } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(path.join(root, 'index.html')).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) {
      const page = inlineFirstPage(root);
      if (!page) return null;
      page.html = page.html.replace('<head>', `<head>\n    ${meta}`);
      cached = { mtimeMs, page, render: pageRenderer(page) };
    }
    return cached;
  };
}

/**
 * Sends the inlined first page: the data blocks that could be read, `Link: rel=preload` for those
 * that could not, the CSP with the inline script's and style's hashes, compressed where accepted.
 */
async function sendInlined(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
  first: { page: InlinedPage; render: (blocks: string) => Promise<RenderedPage> },
  data: PageData[],
  preload: (data: PageData[]) => string,
): Promise<true> {
  const values = await Promise.all(data.map((d) => d.read().catch(() => null)));
  const blocks = data.map((d, i) => (values[i] === null || values[i] === undefined ? '' : dataBlock(d.id, values[i]))).join('');
  const link = preload(data.filter((_, i) => values[i] === null || values[i] === undefined));
  if (link) headers.link = link;
  headers['content-security-policy'] = consoleCsp(first.page.scriptHashes, first.page.styleHashes);
  headers.vary = 'accept-encoding';
  const rendered = await first.render(blocks);
  let body = rendered.raw;
  if (accepts(req, 'br')) [headers['content-encoding'], body] = ['br', rendered.br];
  else if (accepts(req, 'gzip')) [headers['content-encoding'], body] = ['gzip', rendered.gzip];
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
