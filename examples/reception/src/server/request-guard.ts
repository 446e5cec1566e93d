/**
 * Who may talk to the reception server. The page runs in the receptionist's browser next to
 * every other site the browser has open, so the server refuses:
 * - a `Host` that is not a loopback name with the bound port (DNS rebinding: `attacker.example`
 *   resolving to 127.0.0.1 would otherwise be "same origin" with the page);
 * - an `Origin` (or `Sec-Fetch-Site`) that says the request comes from another site; a
 *   state-changing request must carry an `Origin` (browsers always send it on POST);
 * - an API request without the per-launch token, which only the served page knows (a custom
 *   header cannot be sent cross-origin without a CORS preflight, which this server never grants);
 * - a body that is not `application/json` (HTML forms and `text/plain` "simple" requests).
 * Pure functions of the request headers, so they are easy to test and to copy.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The header the page sends the token in. */
export const TOKEN_HEADER = 'x-onshikit-token';

/** A fresh per-launch token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The checks for one listening server. */
export interface RequestGuard {
  /** `host:port` names the server answers to (lower case). */
  readonly hosts: ReadonlySet<string>;
  /** Origins allowed to call the API (`http://host:port`). */
  readonly origins: ReadonlySet<string>;
  /** True when the `Host` header is one of {@link RequestGuard.hosts}. */
  hostAllowed(headers: IncomingHttpHeaders): boolean;
  /**
   * True when the request does not come from another site: `Origin`, when present (and always
   * when `originRequired`), is one of the allowed origins, and `Sec-Fetch-Site`, when present,
   * is `same-origin` or `none`.
   */
  originAllowed(headers: IncomingHttpHeaders, originRequired: boolean): boolean;
  /** True when the token header equals the launch token (constant-time comparison). */
  tokenValid(headers: IncomingHttpHeaders): boolean;
}

/** Loopback names the server answers to: 127.0.0.1, localhost and [::1], with `port`. */
export function loopbackHosts(port: number): string[] {
  return ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Builds the guard of a server listening on `port` with launch token `token`. */
export function createRequestGuard(port: number, token: string): RequestGuard {
  const hosts = new Set(loopbackHosts(port));
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  const tokenDigest = digest(token);
  return {
    hosts,
    origins,
    hostAllowed(headers) {
      const host = headers.host;
      return typeof host === 'string' && hosts.has(host.toLowerCase());
    },
    originAllowed(headers, originRequired) {
      const site = headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
      const origin = headers.origin;
      if (origin === undefined) return !originRequired;
      return typeof origin === 'string' && origins.has(origin.toLowerCase());
    },
    tokenValid(headers) {
      const value = headers[TOKEN_HEADER];
      if (typeof value !== 'string' || value.length === 0 || value.length > 256) return false;
      // Equal-length digests, so the comparison neither leaks the length nor stops early.
      return timingSafeEqual(digest(value), tokenDigest);
    },
  };
}

/**
 * True when a `Content-Type` is `application/json`, optionally with `charset=utf-8` and nothing
 * else (`text/plain`, form encodings and `application/json-foo` are refused).
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => param === 'charset=utf-8' || param === 'charset="utf-8"');
}
