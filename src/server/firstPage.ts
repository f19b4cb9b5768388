import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** JSON the first page needs at once, by the element id boot.ts reads it from and the route that also answers it. */
export interface PageData {
  /** Element id of the `<script type="application/json">` data block (e.g. `onefile-dev-principals`). */
  id: string;
  /** The same-origin route answering the same JSON (the fallback, announced with `Link: rel=preload` when not embedded). */
  href: string;
  /** The value; null when it cannot be had now (then the page goes without the block and the browser fetches `href`). */
  read(): Promise<unknown>;
}

/** The console's first page with its boot script and style sheet inline, and the CSP hashes of exactly those. */
export interface InlinedPage {
  /** index.html with the script and style inline; `<!--onefile-data-->` marks where data blocks go. */
  html: string;
  /** `'sha256-…'` of each inline script's text. */
  scriptHashes: string[];
  /** `'sha256-…'` of each inline style's text. */
  styleHashes: string[];
}

const DATA_MARK = '<!--onefile-data-->';
const SCRIPT = /<script type="module" crossorigin src="(\/assets\/[^"?#]+\.js)"><\/script>/g;
const STYLE = /<link rel="stylesheet" crossorigin href="(\/assets\/[^"?#]+\.css)">/g;

/** `from "./x.js"`, `import "./x.js"`, `import("../x.js")` as minified code writes them. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'`]\.\.?\//;

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Reads the built first page (`dir/index.html`) and puts the module script(s) and style sheet(s) it
 * references inline, so the page is usable after one round trip. The boot script's own imports are
 * absolute (`/assets/…`, web/vite.boot.config.ts), so it runs the same inline from any page path.
 * A file whose text would end its element early (`</script`, `</style`), or a script with a relative
 * import (which would resolve against the page's path once inline: an older build), stays external,
 * as does everything when the page is not the build's: the page is then partly inline or as built,
 * never wrong. Null when there is no index.html.
 */
export function inlineFirstPage(dir: string): InlinedPage | null {
  let html: string;
  try {
    html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  const scriptHashes: string[] = [];
  const styleHashes: string[] = [];
  const read = (href: string) => {
    try {
      return fs.readFileSync(path.join(dir, href), 'utf8');
    } catch {
      return null;
    }
  };
  html = html.replace(SCRIPT, (tag, href: string) => {
    const text = read(href);
    if (text === null || /<\/script/i.test(text) || RELATIVE_IMPORT.test(text)) return tag;
    scriptHashes.push(cspHash(text));
    return `<script type="module">${text}</script>`;
  });
  html = html.replace(STYLE, (tag, href: string) => {
    const text = read(href);
    if (text === null || /<\/style/i.test(text)) return tag;
    styleHashes.push(cspHash(text));
    return `<style>${text}</style>`;
  });
  html = html.includes('</body>') ? html.replace('</body>', `${DATA_MARK}\n  </body>`) : `${html}${DATA_MARK}`;
  return { html, scriptHashes, styleHashes };
}

/**
 * A JSON data block: not executed (so the CSP does not apply to it), read by the page with
 * `JSON.parse(element.textContent)`. `<` is written `\u003c`, so no value can close the element;
 * U+2028/2029 likewise escaped.
 */
export function dataBlock(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${id.replace(/[^A-Za-z0-9_-]/g, '')}">${json}</script>`;
}

/** The page as sent: its text and compressed copies. */
export interface RenderedPage {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Renders `page` with `blocks` (data blocks' HTML) and compresses it (Brotli quality 11 and gzip 9,
 * off the event loop). The last rendering is kept and reused while the blocks are the same, so a
 * page whose data does not change is compressed once.
 */
export function pageRenderer(page: InlinedPage): (blocks: string) => Promise<RenderedPage> {
  let last: { blocks: string; rendered: Promise<RenderedPage> } | null = null;
  return (blocks) => {
    if (last?.blocks === blocks) return last.rendered;
    const raw = Buffer.from(page.html.replace(DATA_MARK, blocks));
    const rendered = Promise.all([brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }), gzip(raw, { level: 9 })]).then(([br, gz]) => ({ raw, br, gzip: gz }));
    last = { blocks, rendered };
    return rendered;
  };
}
