/**
 * `HttpEligibilityService`: the JSON mirror of XmlMsg over HTTP(S), for a vendor's own relay or
 * a future official API (docs/reference/oqs-messages.md#file-link shows the terminal's own API mirrors the XML
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
  /**
   * Largest response body read, in bytes (default 4 MiB; a result with many entries is a few
   * tens of kB). The body is streamed and the read stops as soon as it passes this limit.
   */
  readonly maxResponseBytes?: number;
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
  return (
    error instanceof EligibilityError &&
    (error.code === 'SERVICE_UNAVAILABLE' || (error.hasCode('SERVICE_TIMEOUT') && error.detail.status !== undefined))
  );
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
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'baseUrl', reason: 'not http(s)' } });
    const limit = options.maxResponseBytes;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1))
      throw new EligibilityError('SETTINGS_INVALID', {
        detail: { field: 'maxResponseBytes', reason: 'not a positive integer' },
      });
    this.#options = options;
    this.#base = url.href.replace(/\/+$/, '');
  }

  async challenge(options: ServiceCallOptions = {}): Promise<Uint8Array> {
    const body = await this.#withRetries(() => this.#call('GET', '/challenge', undefined, options), options);
    const challenge = (body as { challenge?: unknown } | null)?.challenge;
    if (typeof challenge !== 'string')
      throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'no challenge' } });
    try {
      const bytes = base64ToBytes(challenge, 'challenge');
      if (bytes.length < 16 || bytes.length > 1024)
        throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'challenge length' } });
      return bytes;
    } catch (error) {
      if (error instanceof EligibilityError && error.code === 'SERVICE_BAD_RESPONSE') throw error;
      throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'challenge not base64' }, cause: error });
    }
  }

  async query(query: EligibilityQuery, options: ServiceCallOptions = {}): Promise<EligibilityResponse> {
    const body = await this.#call('POST', '/qualification', { XmlMsg: eligibilityRequestToTree(query) }, options);
    const root = (body as { XmlMsg?: unknown } | null)?.XmlMsg;
    if (typeof root !== 'object' || root === null || Array.isArray(root))
      throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'no XmlMsg' } });
    try {
      const response = eligibilityResponseFromTree(root as Record<string, unknown>);
      if (response.header.fileId !== query.fileId)
        throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'fileId mismatch' } });
      return response;
    } catch (error) {
      if (error instanceof EligibilityError && error.code.startsWith('SERVICE_')) throw error;
      let detail: { reason: string; field?: string } = { reason: 'invalid' };
      if (error instanceof EligibilityError) {
        const d = error.detail;
        detail = {
          reason: error.code,
          field:
            'field' in d && d.field !== undefined
              ? d.field
              : 'element' in d && d.element !== undefined
                ? d.element
                : '',
        };
      }
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
      const extra =
        typeof this.#options.headers === 'function' ? await this.#options.headers() : (this.#options.headers ?? {});
      const init: RequestInit = {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...extra,
        },
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
      if (!response.ok) {
        // The body of an error is never used: drop it unread (a hostile relay may send GBs).
        discard(response.body);
        throw new EligibilityError(errorCodeForStatus(response.status), { detail: { status: response.status } });
      }
      let bytes: Uint8Array;
      try {
        bytes = await readLimited(response, this.#options.maxResponseBytes ?? MAX_RESPONSE_BYTES, controller.signal);
      } catch (error) {
        if (error instanceof EligibilityError) throw error;
        if (timedOut) throw new EligibilityError('SERVICE_TIMEOUT', { detail: { timeoutMs }, cause: error });
        if (isAborted(options.signal)) throw new EligibilityError('SERVICE_ABORTED', { cause: error });
        throw new EligibilityError('SERVICE_UNAVAILABLE', { detail: { reason: 'body' }, cause: error });
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch (error) {
        throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'not UTF-8' }, cause: error });
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new EligibilityError('SERVICE_BAD_RESPONSE', {
          detail: { reason: 'not JSON', status: response.status },
          cause: error,
        });
      }
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Cancels a body without waiting (a stalled stream's cancel may never settle). */
function discard(body: ReadableStream<Uint8Array> | null): void {
  if (body === null || body.locked) return;
  // biome-ignore lint/plugin/no-swallowed-rejection: an error body is dropped unread; cancelling it is best effort
  body.cancel().catch(() => undefined);
}

/**
 * Reads at most `limit` bytes of the body: a declared `Content-Length` over the limit is refused
 * unread, and the read stops (and cancels the stream) as soon as the bytes pass the limit.
 * Rejects as soon as `signal` aborts, even when the stream ignores it (a `fetch` that does
 * not tie the body to its signal).
 */
async function readLimited(response: Response, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  const tooLarge = (): EligibilityError =>
    new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'too large', limit } });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    discard(response.body);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // biome-ignore lint/plugin/no-swallowed-rejection: handled by the race below; this only prevents an unhandled rejection
  aborted.catch(() => undefined); // handled by the race below; never an unhandled rejection
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      if (!(value instanceof Uint8Array))
        throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'body not bytes' } });
      total += value.length;
      if (total > limit) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    // biome-ignore lint/plugin/no-swallowed-rejection: the read already failed with the error rethrown below; cancelling the stream is best effort
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
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
