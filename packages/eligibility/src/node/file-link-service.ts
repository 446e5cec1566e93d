/**
 * `OqsFileLinkService`: the hospital-style file link (memo eligibility.md §1.5). The rececon
 * writes `OQSsiquc01req_<id>.xml` into `req`; the terminal answers with
 * `OQSsiquc01res_<id>.xml` in `res` (card-initiated results land in `face`).
 *
 * Delivery guarantees:
 * - requests are written under a temporary name and renamed, so a terminal never reads half;
 * - results are read shared and re-read until they parse (a terminal may still be writing),
 *   up to the timeout; `EBUSY`/`EPERM`/`EACCES` (Windows locks) are retried the same way;
 * - a handled result is moved to `handled/` after the caller got it; one that never parses is
 *   moved to `error/`: no file is deleted, so none is lost;
 * - a result nobody waits for (the process restarted, or the wait timed out after the terminal
 *   took the request) stays in `res` until {@link OqsFileLinkService.recover} hands it over.
 *   Delivery is at-least-once (a crash between handing over and moving repeats it); the file id
 *   is the check id, so `RececonStore.saveCheck` (idempotent by check id) never saves it twice.
 * @module
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { EligibilityError } from '../errors.js';
import type { CharacterCode } from '../model/codes.js';
import type { EligibilityResponse } from '../model/result.js';
import type { EligibilityQuery, EligibilityService, ServiceCallOptions } from '../service/types.js';
import { encodeEligibilityRequest } from '../xml/request-codec.js';
import { decodeEligibilityResponse } from '../xml/response-codec.js';

/** Folder layout of the file link. */
export interface FileLinkFolders {
  /** Where requests are written. */
  readonly req: string;
  /** Where the terminal writes results. */
  readonly res: string;
  /** Where results of card-initiated checks at the face reader appear (optional). */
  readonly face?: string;
  /** Where handled results are moved (default `<res>/../handled`). */
  readonly handled?: string;
  /** Where results that never parse are moved (default `<res>/../error`). */
  readonly error?: string;
}

/** Options of an {@link OqsFileLinkService}. */
export interface OqsFileLinkServiceOptions {
  readonly folders: FileLinkFolders;
  /** Encoding of request files (default UTF-8; results are read in whatever they say). */
  readonly encoding?: CharacterCode;
  /** How long to wait for a result, in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Polling interval in ms, in addition to fs.watch (network shares miss events; default 100). */
  readonly pollMs?: number;
}

/** A result found by {@link OqsFileLinkService.recover}. */
export interface RecoveredResult {
  readonly file: string;
  readonly source: 'res' | 'face';
  readonly response: EligibilityResponse;
}

const REQUEST_PREFIX = 'OQSsiquc01req_';
const RESULT_PREFIX = 'OQSsiquc01res_';
const RETRYABLE_IO = new Set(['EBUSY', 'EPERM', 'EACCES', 'ENOENT']);

function ioError(error: unknown, operation: string): EligibilityError {
  const code = (error as { code?: unknown } | null)?.code;
  return new EligibilityError('FILE_LINK_IO', { detail: { operation, code: typeof code === 'string' ? code : undefined }, cause: error });
}

function isRetryableIo(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_IO.has(code);
}

/** The file-link adapter of {@link EligibilityService} (Node only). */
export class OqsFileLinkService implements EligibilityService {
  readonly name = 'file-link';
  readonly #options: OqsFileLinkServiceOptions;
  readonly #handled: string;
  readonly #error: string;
  readonly #waiting = new Set<string>();

  constructor(options: OqsFileLinkServiceOptions) {
    this.#options = options;
    this.#handled = options.folders.handled ?? path.join(path.dirname(path.resolve(options.folders.res)), 'handled');
    this.#error = options.folders.error ?? path.join(path.dirname(path.resolve(options.folders.res)), 'error');
  }

  /** Creates the folders when missing. */
  async prepare(): Promise<void> {
    const { req, res, face } = this.#options.folders;
    try {
      for (const dir of [req, res, face, this.#handled, this.#error]) if (dir !== undefined) await mkdir(dir, { recursive: true });
    } catch (error) {
      throw ioError(error, 'mkdir');
    }
  }

  async query(query: EligibilityQuery, options: ServiceCallOptions = {}): Promise<EligibilityResponse> {
    if (options.signal?.aborted === true) throw new EligibilityError('SERVICE_ABORTED');
    const bytes = encodeEligibilityRequest(query, { encoding: this.#options.encoding ?? 'utf-8' });
    const requestName = `${REQUEST_PREFIX}${query.fileId}.xml`;
    const resultName = `${RESULT_PREFIX}${query.fileId}.xml`;
    const requestPath = path.join(this.#options.folders.req, requestName);
    const temp = path.join(this.#options.folders.req, `.${requestName}.${process.pid}.tmp`);
    if (this.#waiting.has(query.fileId)) throw new EligibilityError('SERVICE_REJECTED', { detail: { reason: 'file id already waiting' } });
    this.#waiting.add(query.fileId);
    try {
      try {
        await writeFile(temp, bytes);
        await rename(temp, requestPath);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw ioError(error, 'write request');
      }
      const resultPath = path.join(this.#options.folders.res, resultName);
      try {
        const response = await this.#awaitResult(resultPath, options);
        if (response.header.fileId !== query.fileId) throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: 'fileId mismatch' } });
        await this.#move(resultPath, this.#handled);
        return response;
      } catch (error) {
        // Withdraw a request the terminal has not taken yet, so no late result appears.
        await rm(requestPath, { force: true }).catch(() => undefined);
        throw error;
      }
    } finally {
      this.#waiting.delete(query.fileId);
    }
  }

  /**
   * Hands over every result in `res` (nobody waits for) and `face`, oldest first, then moves
   * each to `handled/` (or `error/` when it never parses). Call at start-up and periodically.
   */
  async recover(handler: (result: RecoveredResult) => Promise<void> | void): Promise<number> {
    let count = 0;
    const sources: (readonly ['res' | 'face', string | undefined])[] = [
      ['res', this.#options.folders.res],
      ['face', this.#options.folders.face],
    ];
    for (const [source, dir] of sources) {
      if (dir === undefined) continue;
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n.startsWith(RESULT_PREFIX) && n.endsWith('.xml'));
      } catch (error) {
        throw ioError(error, 'list results');
      }
      const withTimes = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
      for (const { n } of withTimes.sort((a, b) => a.t - b.t || a.n.localeCompare(b.n))) {
        const id = n.slice(RESULT_PREFIX.length, -4);
        if (source === 'res' && this.#waiting.has(id)) continue;
        const file = path.join(dir, n);
        let response: EligibilityResponse;
        try {
          response = decodeEligibilityResponse(new Uint8Array(await readFile(file)));
        } catch (error) {
          if (error instanceof EligibilityError) {
            // Maybe still being written: leave it if it is fresh, park it in error/ otherwise.
            const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? 0);
            if (age > (this.#options.timeoutMs ?? 30_000)) await this.#move(file, this.#error);
            continue;
          }
          if (isRetryableIo(error)) continue;
          throw ioError(error, 'read result');
        }
        await handler({ file: n, source, response });
        await this.#move(file, this.#handled);
        count += 1;
      }
    }
    return count;
  }

  async #awaitResult(resultPath: string, options: ServiceCallOptions): Promise<EligibilityResponse> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 30_000;
    const pollMs = this.#options.pollMs ?? 100;
    const deadline = Date.now() + timeoutMs;
    let watcher: FSWatcher | undefined;
    let wake: (() => void) | undefined;
    try {
      watcher = watch(path.dirname(resultPath), { persistent: false }, (_event, name) => {
        if (name === null || String(name) === path.basename(resultPath)) wake?.();
      });
      watcher.on('error', () => undefined);
    } catch {
      watcher = undefined; // polling alone still works
    }
    let lastParseError: EligibilityError | undefined;
    try {
      for (;;) {
        if (options.signal?.aborted === true) throw new EligibilityError('SERVICE_ABORTED');
        let bytes: Uint8Array | undefined;
        try {
          bytes = new Uint8Array(await readFile(resultPath));
        } catch (error) {
          if (!isRetryableIo(error)) throw ioError(error, 'read result');
        }
        if (bytes !== undefined && bytes.length > 0) {
          try {
            return decodeEligibilityResponse(bytes);
          } catch (error) {
            if (!(error instanceof EligibilityError)) throw error;
            lastParseError = error; // probably still being written: read again
          }
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          if (lastParseError !== undefined) {
            await this.#move(resultPath, this.#error).catch(() => undefined);
            throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: lastParseError.code }, cause: lastParseError });
          }
          throw new EligibilityError('SERVICE_TIMEOUT', { detail: { timeoutMs } });
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(pollMs, left));
          const onAbort = (): void => done();
          options.signal?.addEventListener('abort', onAbort, { once: true });
          function done(): void {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            wake = undefined;
            resolve();
          }
          wake = done;
        });
      }
    } finally {
      watcher?.close();
    }
  }

  async #move(file: string, dir: string): Promise<void> {
    try {
      await mkdir(dir, { recursive: true });
      const base = path.basename(file);
      let target = path.join(dir, base);
      for (let i = 1; await exists(target); i += 1) target = path.join(dir, `${base.slice(0, -4)}.${i}.xml`);
      await rename(file, target);
    } catch (error) {
      throw ioError(error, 'move result');
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
