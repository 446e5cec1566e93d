/**
 * `HttpEligibilityService`: the JSON mirror of XmlMsg over HTTP(S), for a vendor's own relay or
 * a future official API (memo eligibility.md §1.5 shows the terminal's own API mirrors the XML
 * in JSON). fetch-based, so it runs in browsers and Node.
 *
 * Protocol (what the simulator and a relay implement):
 * - `GET  {baseUrl}/challenge` → `{ "challenge": "<base64>" }` (idempotent: retried);
 * - `POST {baseUrl}/qualification` with `{ "XmlMsg": <request tree> }` → `{ "XmlMsg": <result tree> }`
 *   (not idempotent: never retried; the caller retries with the same check id if it wants).
 * @module
 */
import { EligibilityError } from '../errors.js';
import type { EligibilityErrorCode } from '../errors.js';
import type { EligibilityResponse } from '../model/result.js';
import { base64ToBytes } from '../xml/base64.js';
import { eligibilityRequestToTree } from '../xml/request-codec.js';
import { eligibilityResponseFromTree } from '../xml/response-codec.js';
import type { EligibilityQuery, EligibilityService, ServiceCallOptions } from './types.js';

/** Options of an {@link HttpEligibilityService}. */
export interface HttpEligibilityServiceOptions {
  /** Base URL, e.g. `https://relay.example.jp/oqs/v1` (no trailing slash needed). */
  readonly baseUrl: string;
  /** Per-call timeout in ms (default 15 000). */
  readonly timeoutMs?: number;
  /** Retries of idempotent calls after a network error, 429 or 5xx (default 2). */
  readonly retries?: number;
  /** First retry delay in ms, doubled each time (default 200). */
  readonly retryDelayMs?: number;
  /** Extra headers, or a function giving them per call (e.g. a bearer token). */
  readonly headers?: Readonly<Record<string, string>> | (() => Promise<Readonly<Record<string, string>>>);
  /** The fetch to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
}

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Maps an HTTP status to the error a screen can act on. */
export function errorCodeForStatus(status: number): EligibilityErrorCode {
  if (status === 401 || status === 403) return 'SERVICE_UNAUTHORIZED';
  if (status === 408 || status === 504) return 'SERVICE_TIMEOUT';
  if (status === 429 || status >= 500) return 'SERVICE_UNAVAILABLE';
  if (status >= 400) return 'SERVICE_REJECTED';
  return 'SERVICE_BAD_RESPONSE';
}

function retryable(error: unknown): boolean {
  return error instanceof EligibilityError && (error.code === 'SERVICE_UNAVAILABLE' || (error.code === 'SERVICE_TIMEOUT' && error.detail.status !== undefined));
}

/** The JSON relay adapter of {@link EligibilityService}. */
export class HttpEligibilityService implements EligibilityService {
  readonly name = 'http';
  readonly #options: HttpEligibilityServiceOptions;
  readonly #base: string;

  constructor(options: HttpEligibilityServiceOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch (error) {
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'baseUrl' }, cause: error });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'baseUrl', reason: 'not http(s)' } });
    this.#options = options;
    this.#base = url.href.replace(/\/+$/, '');
  }

  async challenge(options: ServiceCallOptions = {}): Promise<Uint8Array> {
    const body = await this.#withRetries(() => this.#call('GET', '/challenge', undefined, options), options);
    const challenge = (body as { challenge?: unknown } | null)?.challenge;
    if (typeof challenge !== 'string') throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'no challenge' } });
    try {
      const bytes = base64ToBytes(challenge, 'challenge');
      if (bytes.length < 16 || bytes.length > 1024) throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'challenge length' } });
      return bytes;
    } catch (error) {
      if (error instanceof EligibilityError && error.code === 'SERVICE_BAD_RESPONSE') throw error;
      throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'challenge not base64' }, cause: error });
    }
  }

  async query(query: EligibilityQuery, options: ServiceCallOptions = {}): Promise<EligibilityResponse> {
    const body = await this.#call('POST', '/qualification', { XmlMsg: eligibilityRequestToTree(query) }, options);
    const root = (body as { XmlMsg?: unknown } | null)?.XmlMsg;
    if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'no XmlMsg' } });
    try {
      const response = eligibilityResponseFromTree(root as Record<string, unknown>);
      if (response.header.fileId !== query.fileId) throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'fileId mismatch' } });
      return response;
    } catch (error) {
      if (error instanceof EligibilityError && error.code.startsWith('SERVICE_')) throw error;
      const detail = error instanceof EligibilityError ? { reason: error.code, field: String(error.detail.field ?? error.detail.element ?? '') } : { reason: 'invalid' };
      throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail, cause: error });
    }
  }

  async #withRetries<T>(call: () => Promise<T>, options: ServiceCallOptions): Promise<T> {
    const retries = this.#options.retries ?? 2;
    let delay = this.#options.retryDelayMs ?? 200;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= retries || !retryable(error) || options.signal?.aborted === true) throw error;
        await sleep(delay, options.signal);
        delay *= 2;
      }
    }
  }

  async #call(method: 'GET' | 'POST', path: string, body: unknown, options: ServiceCallOptions): Promise<unknown> {
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 15_000;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    if (options.signal?.aborted === true) throw new EligibilityError('SERVICE_ABORTED');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const extra = typeof this.#options.headers === 'function' ? await this.#options.headers() : (this.#options.headers ?? {});
      const init: RequestInit = {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
        signal: controller.signal,
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      let response: Response;
      try {
        response = await fetchImpl(`${this.#base}${path}`, init);
      } catch (error) {
        if (timedOut) throw new EligibilityError('SERVICE_TIMEOUT', { detail: { timeoutMs }, cause: error });
        if (isAborted(options.signal)) throw new EligibilityError('SERVICE_ABORTED', { cause: error });
        throw new EligibilityError('SERVICE_UNAVAILABLE', { detail: { reason: 'network' }, cause: error });
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (timedOut) throw new EligibilityError('SERVICE_TIMEOUT', { detail: { timeoutMs }, cause: error });
        if (isAborted(options.signal)) throw new EligibilityError('SERVICE_ABORTED', { cause: error });
        throw new EligibilityError('SERVICE_UNAVAILABLE', { detail: { reason: 'body' }, cause: error });
      }
      if (!response.ok) throw new EligibilityError(errorCodeForStatus(response.status), { detail: { status: response.status } });
      if (text.length > MAX_RESPONSE_BYTES) throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'too large' } });
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'not JSON', status: response.status }, cause: error });
      }
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new EligibilityError('SERVICE_ABORTED'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
