/**
 * Serves the built page. Files are opened without following a symbolic link, must be regular
 * files under the page folder and are size-checked before they are read. The HTML gets the
 * launch token in a `<meta name="onshikit-token">` tag: only a page from this server (checked
 * `Host`, so not a DNS-rebound one) can read it, and a Content-Security-Policy keeps the page
 * from loading scripts or frames from elsewhere.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { BASE_HEADERS, ServerError } from './http-errors.js';

const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.json', 'application/json'],
]);

/** The name of the meta tag that carries the token. */
export const TOKEN_META = 'onshikit-token';

/** Headers of the HTML page: no framing, no foreign scripts, styles, connections or form targets. */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

/** Largest file served (the built page's files are far smaller). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Answers a GET/HEAD for `pathname` (already percent-decoded) from `root`. Throws
 * {@link ServerError} `NOT_FOUND` for anything that is not a regular file inside `root`.
 */
export async function serveStatic(res: ServerResponse, root: string, pathname: string, token: string): Promise<void> {
  if (pathname.includes('\0')) throw new ServerError('NOT_FOUND');
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  if (!file.startsWith(base + path.sep)) throw new ServerError('NOT_FOUND');
  let bytes: Uint8Array;
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile() || info.size > MAX_FILE_BYTES) throw new ServerError('NOT_FOUND');
      bytes = new Uint8Array(info.size);
      let offset = 0;
      while (offset < bytes.byteLength) {
        const { bytesRead } = await handle.read(bytes, offset, bytes.byteLength - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      bytes = bytes.subarray(0, offset);
    } finally {
      await handle.close();
    }
  } catch {
    throw new ServerError('NOT_FOUND');
  }
  const type = TYPES.get(path.extname(file)) ?? 'application/octet-stream';
  if (path.extname(file) === '.html') {
    const html = withToken(new TextDecoder().decode(bytes), token);
    res.writeHead(200, {
      ...BASE_HEADERS,
      ...PAGE_HEADERS,
      'content-type': type,
      'content-length': String(Buffer.byteLength(html)),
    });
    res.end(html);
    return;
  }
  res.writeHead(200, {
    ...BASE_HEADERS,
    'cache-control': 'no-cache',
    'content-type': type,
    'content-length': String(bytes.byteLength),
  });
  res.end(bytes);
}

/** Puts the token's meta tag at the start of `<head>` (or of the document when there is none). */
export function withToken(html: string, token: string): string {
  const tag = `<meta name="${TOKEN_META}" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return tag + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}
