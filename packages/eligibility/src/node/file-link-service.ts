/**
 * `OqsFileLinkService`: the hospital-style file link (docs/reference/oqs-messages.md#file-link).
 * The rececon writes `OQSsiquc01req_<id>.xml` into `req`; the terminal answers with
 * `OQSsiquc01res_<id>.xml` in `res`; results of card checks started at the terminal's
 * face-recognition reader appear in `face`.
 *
 * Sharing the folders (the terminal, the rececon and other clients use them too):
 * - every id this instance writes starts with its client id (`<clientId><yyyyMMddHHmmss><nnnn>`);
 *   a request is never written when a request or result of that name exists;
 * - a result is claimed only when this instance wrote its request (a local journal of pending
 *   requests) and its header carries the same ArbitraryFileIdentifier and 医療機関コード; the
 *   local lock refuses a second live instance with the same state;
 * - claimed results are copied to a local `handled/` (or `error/` when they never parse) and
 *   removed from `res`; face files are read where they are and never moved or deleted;
 * - the terminal's folders are not created unless asked (`createFolders`).
 *
 * Files from outside are opened without following links and without blocking, regular files only,
 * size-checked and read with a bound, within the call's timeout and abort (`read-bounded.ts`).
 * Delivery is at-least-once: `RececonStore.saveCheck` is idempotent by check id, and results
 * carry the caller's check id (the query's `fileId`) in `header.fileId`.
 * @module
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { EligibilityError } from '../errors.js';
import type { CharacterCode } from '../model/codes.js';
import type { EligibilityResponse } from '../model/result.js';
import type { EligibilityQuery, EligibilityService, ServiceCallOptions } from '../service/types.js';
import { encodeEligibilityRequest } from '../xml/request-codec.js';
import { decodeEligibilityResponse } from '../xml/response-codec.js';
import { matchFaceResults, type FaceCandidate, type FaceMatch, type FaceMatchKey } from './file-link/face-match.js';
import {
  FACE_PREFIX,
  defaultClientId,
  errorFileNames,
  makeFileId,
  requestName,
  resultName,
  validateClientId,
} from './file-link/file-ids.js';
import { encodeTerminalRequest, type InsurerNumberPadding } from './file-link/request-file.js';
import { type FileLinkZipOptions, unzipOne, zipOne } from './file-link/zip-file.js';
import { LinkState, type PendingRequest } from './file-link/link-state.js';
import { readBoundedFile, type BoundedRead } from './file-link/read-bounded.js';

/** Folder layout of the file link. */
export interface FileLinkFolders {
  /** Where requests are written (the terminal's share, typically `REQ`). */
  readonly req: string;
  /** Where the terminal writes results (`RES`). */
  readonly res: string;
  /** Where results of card checks at the face-recognition reader appear (`FACE`, optional). */
  readonly face?: string;
  /**
   * Where the rececon moves face files it has taken (its own trash folder, optional): looked in
   * too, so a face result the rececon moved away is still found. Never written to.
   */
  readonly faceTrash?: string;
  /**
   * A local folder (not on the share) for this client's lock, journal of pending requests and
   * the copies below. Default: `~/.onshikit/file-link/<clientId>-<hash of the req and res paths>`.
   */
  readonly state?: string;
  /** Local copies of claimed results (default `<state>/handled`). */
  readonly handled?: string;
  /** Local copies of claimed results that never parsed (default `<state>/error`). */
  readonly error?: string;
}

/** Options of an {@link OqsFileLinkService}. */
export interface OqsFileLinkServiceOptions {
  readonly folders: FileLinkFolders;
  /**
   * 1-6 ASCII letters or digits starting every file id this client writes; unique per client on
   * the shared folders (default: `OK` + 4 hex digits of the host name's hash).
   */
  readonly clientId?: string;
  /** Encoding of request files (default UTF-8; results are read in whatever they say). */
  readonly encoding?: CharacterCode;
  /** How long to wait for a result, in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Polling interval in ms, in addition to fs.watch (network shares miss events; default 100). */
  readonly pollMs?: number;
  /** Largest result file accepted, bytes (default 2 MiB). */
  readonly maxResultBytes?: number;
  /**
   * How long an unanswered request is remembered for {@link OqsFileLinkService.recover}, ms
   * (default 24 h; terminals purge unclaimed results after their own stay time).
   */
  readonly pendingTtlMs?: number;
  /** Create `req`/`res`/`face` in {@link OqsFileLinkService.prepare} (default false: the terminal owns them). */
  readonly createFolders?: boolean;
  /** How a 6-digit 国保 InsurerNumber is written (default `zeros`; see {@link InsurerNumberPadding}). */
  readonly insurerNumberPadding?: InsurerNumberPadding;
  /**
   * What `query()` does with a card query (照会区分 1). `refuse` (default): a real terminal reads
   * the card at its own reader and writes the result into `face`, so the desk waits with
   * {@link OqsFileLinkService.awaitFaceResult}; the query is `SERVICE_REJECTED`.
   * `onshikit-extension`: write the card data in onshikit's own `OnshikitCardQuery` element,
   * which only onshikit's simulated terminal reads (demos and tests).
   */
  readonly cardQueries?: 'refuse' | 'onshikit-extension';
  /**
   * Exchange password-protected `.zip` files (a terminal setting per file prefix): requests are
   * written as `OQSsiquc01req_<id>.zip` holding the XML, and `.zip` results and face files are
   * read besides `.xml`. The password belongs in the sealed settings; it is never logged.
   */
  readonly zip?: FileLinkZipOptions;
  /** Clock for file ids and today's date (tests). */
  readonly now?: () => Date;
}

/** Options of {@link OqsFileLinkService.awaitFaceResult}. */
export interface FaceWaitOptions extends ServiceCallOptions {}

/** A result found by {@link OqsFileLinkService.recover}. */
export interface RecoveredResult {
  /** The file name in `res` or `face`. */
  readonly file: string;
  readonly source: 'res' | 'face';
  /** For `res`: the check id the request was written for (also in `response.header.fileId`). */
  readonly checkId?: string;
  readonly response: EligibilityResponse;
}

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const FACE_NAME = /^OQSsiquc01res_face_[A-Za-z0-9_-]{1,64}_\d{14}\.(xml|zip)$/;

/** One look at the result of a request (`.xml`, or `.zip` when zip exchange is on). */
type ResultRead =
  | { readonly state: 'missing' }
  | { readonly state: 'busy' }
  | { readonly state: 'interrupted' }
  | { readonly state: 'hostile'; readonly reason: string }
  | {
      readonly state: 'parsed';
      readonly file: string;
      readonly raw: Uint8Array;
      readonly response: EligibilityResponse;
    }
  | {
      readonly state: 'unparsed';
      readonly file: string;
      readonly raw: Uint8Array;
      readonly mtimeMs: number;
      readonly error: EligibilityError;
    };

function ioError(error: unknown, operation: string): EligibilityError {
  const code = (error as { code?: unknown } | null)?.code;
  return new EligibilityError('FILE_LINK_IO', {
    detail: { operation, code: typeof code === 'string' ? code : undefined },
    cause: error,
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when `promise` settles or when the deadline passes / the signal aborts (then `undefined`). */
function untilStopped<T>(
  promise: Promise<T>,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    // setTimeout would fire at once for an infinite delay: no timer then.
    const timer = Number.isFinite(deadline) ? setTimeout(finish, Math.max(0, deadline - Date.now())) : undefined;
    const onAbort = (): void => finish();
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(undefined);
    }
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The file-link adapter of {@link EligibilityService} (Node only). */
export class OqsFileLinkService implements EligibilityService {
  readonly name = 'file-link';
  /** The client id starting every file id this instance writes. */
  readonly clientId: string;
  readonly #options: OqsFileLinkServiceOptions;
  readonly #state: LinkState;
  /** File ids of requests a call is waiting for. */
  readonly #waiting = new Set<string>();
  /** Check ids a call is waiting for: one check, one request at a time. */
  readonly #waitingChecks = new Set<string>();
  readonly #maxBytes: number;
  #seq = 0;
  #opening: Promise<void> | undefined;

  constructor(options: OqsFileLinkServiceOptions) {
    this.#options = options;
    this.clientId = validateClientId(options.clientId ?? defaultClientId());
    this.#maxBytes = options.maxResultBytes ?? DEFAULT_MAX_BYTES;
    const { req, res } = options.folders;
    const hash = createHash('sha256')
      .update(`${path.resolve(req)}\n${path.resolve(res)}`)
      .digest('hex')
      .slice(0, 12);
    const stateDir =
      options.folders.state ?? path.join(homedir(), '.onshikit', 'file-link', `${this.clientId}-${hash}`);
    this.#state = new LinkState(
      stateDir,
      options.folders.handled ?? path.join(stateDir, 'handled'),
      options.folders.error ?? path.join(stateDir, 'error'),
    );
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** The local state folder (lock, pending journal, handled/ and error/ copies). */
  get stateFolder(): string {
    return this.#state.dir;
  }

  /**
   * Creates the local state folders and takes this client's lock (a second live instance with
   * the same client id and folders gets `FILE_LINK_IO`, reason `in use`). Creates the terminal's
   * folders only with `createFolders: true`. Called by the first query or recover otherwise.
   */
  async prepare(): Promise<void> {
    if (this.#options.createFolders === true) {
      const { req, res, face } = this.#options.folders;
      try {
        for (const dir of [req, res, face]) if (dir !== undefined) await mkdir(dir, { recursive: true });
      } catch (error) {
        throw ioError(error, 'mkdir');
      }
    }
    await this.#open();
  }

  /** Releases the lock; pending requests stay recorded for the next instance's `recover()`. */
  async close(): Promise<void> {
    await this.#opening?.catch(() => undefined);
    this.#opening = undefined;
    await this.#state.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #open(): Promise<void> {
    this.#opening ??= this.#state.open().catch((error: unknown) => {
      this.#opening = undefined;
      throw error;
    });
    return this.#opening;
  }

  async query(query: EligibilityQuery, options: ServiceCallOptions = {}): Promise<EligibilityResponse> {
    if (options.signal?.aborted === true) throw new EligibilityError('SERVICE_ABORTED');
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    if (this.#waitingChecks.has(query.fileId))
      throw new EligibilityError('SERVICE_REJECTED', { detail: { reason: 'check id already waiting' } });
    this.#waitingChecks.add(query.fileId);
    try {
      return await this.#query(query, deadline, timeoutMs, options.signal);
    } finally {
      this.#waitingChecks.delete(query.fileId);
    }
  }

  async #query(
    query: EligibilityQuery,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<EligibilityResponse> {
    await this.#open();
    if (query.kind === 'card' && this.#options.cardQueries !== 'onshikit-extension') {
      throw new EligibilityError('SERVICE_REJECTED', {
        detail: { reason: 'a terminal reads the card at its own reader: wait for its face result (awaitFaceResult)' },
      });
    }
    const fileId = await this.#newFileId();
    const encoding = this.#options.encoding ?? 'utf-8';
    const bytes =
      query.kind === 'card'
        ? encodeEligibilityRequest({ ...query, fileId }, { encoding })
        : encodeTerminalRequest(query, fileId, {
            encoding,
            ...(this.#options.insurerNumberPadding === undefined
              ? {}
              : { insurerNumberPadding: this.#options.insurerNumberPadding }),
          });
    const pending: PendingRequest = {
      fileId,
      checkId: query.fileId,
      institutionCode: query.institutionCode,
      checkDate: query.checkDate,
      writtenAt: Date.now(),
    };
    const zip = this.#options.zip;
    const requestPath = path.join(this.#options.folders.req, requestName(fileId, zip === undefined ? 'xml' : 'zip'));
    this.#waiting.add(fileId);
    try {
      await this.#state.addPending(pending);
      const temp = path.join(this.#options.folders.req, `.${path.basename(requestPath)}.${process.pid}.tmp`);
      try {
        await writeFile(temp, zip === undefined ? bytes : await zipOne(requestName(fileId), bytes, zip), {
          flag: 'wx',
        });
        await rename(temp, requestPath);
      } catch (error) {
        // biome-ignore lint/plugin/no-swallowed-rejection: the temp file may not exist; the write error that got us here is what is thrown
        await rm(temp, { force: true }).catch(() => undefined);
        await this.#state.removePending(fileId);
        throw ioError(error, 'write request');
      }
      try {
        return await this.#awaitResult(pending, deadline, timeoutMs, signal);
      } catch (error) {
        // Withdraw a request the terminal has not taken yet, so no late result appears; one it
        // took stays pending, and recover() claims its late result.
        if (await this.#withdrawRequest(fileId)) await this.#state.removePending(fileId);
        throw error;
      }
    } finally {
      this.#waiting.delete(fileId);
    }
  }

  /** Removes our own request (either name) if the terminal has not taken it; true when one was still there. */
  async #withdrawRequest(fileId: string): Promise<boolean> {
    const xml = await this.#withdraw(path.join(this.#options.folders.req, requestName(fileId)));
    const zip = await this.#withdraw(path.join(this.#options.folders.req, requestName(fileId, 'zip')));
    return xml || zip;
  }

  /** Removes our own request if the terminal has not taken it; true when it was still there. */
  async #withdraw(requestPath: string): Promise<boolean> {
    try {
      await rm(requestPath);
      return true;
    } catch {
      return false;
    }
  }

  /** A fresh id: none of our pending entries, requests or results has this name. */
  async #newFileId(): Promise<string> {
    for (let tries = 0; tries < 10_000; tries += 1) {
      this.#seq = (this.#seq + 1) % 10_000;
      const id = makeFileId(this.clientId, this.#now(), this.#seq);
      if (this.#waiting.has(id)) continue;
      if (await this.#state.hasPending(id)) continue;
      let taken = false;
      for (const ext of ['xml', 'zip'] as const) {
        if (await exists(path.join(this.#options.folders.req, requestName(id, ext)))) taken = true;
        if (await exists(path.join(this.#options.folders.res, resultName(id, ext)))) taken = true;
      }
      if (taken) continue;
      return id;
    }
    throw new EligibilityError('FILE_LINK_IO', { detail: { operation: 'name request', reason: 'no free file id' } });
  }

  async #read(file: string, deadline: number, signal: AbortSignal | undefined): Promise<BoundedRead> {
    try {
      // The race keeps the deadline even if a read on a hung network share never returns.
      const read = await untilStopped(
        readBoundedFile(file, { maxBytes: this.#maxBytes, deadline, ...(signal === undefined ? {} : { signal }) }),
        deadline,
        signal,
      );
      return read ?? { ok: false, reason: 'interrupted' };
    } catch (error) {
      throw ioError(error, 'read result');
    }
  }

  /** Checks that a result answers `pending`, and gives it the caller's check id. */
  #answerOf(response: EligibilityResponse, pending: PendingRequest): EligibilityResponse {
    if (response.header.fileId !== pending.fileId)
      throw new EligibilityError('SERVICE_BAD_RESPONSE', {
        detail: { reason: 'ArbitraryFileIdentifier differs from the request' },
      });
    if (response.header.institutionCode !== pending.institutionCode)
      throw new EligibilityError('SERVICE_BAD_RESPONSE', {
        detail: { reason: 'MedicalInstitutionCode differs from the request' },
      });
    return { ...response, header: { ...response.header, fileId: pending.checkId } };
  }

  /**
   * The error file a terminal may write instead of a result (one public client watches
   * `<request name>.err` beside the results): found in `res` or `req`, read with the same bounds.
   */
  async #errorFile(
    pending: PendingRequest,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<{ file: string; bytes: Uint8Array } | undefined> {
    for (const dir of [this.#options.folders.res, this.#options.folders.req]) {
      for (const name of errorFileNames(pending.fileId)) {
        const file = path.join(dir, name);
        const read = await this.#read(file, deadline, signal);
        if (read.ok) return { file, bytes: read.bytes };
      }
    }
    return undefined;
  }

  /** Keeps a copy of our error file in the local error/, removes it and our request, forgets the request. */
  async #claimError(failure: { file: string; bytes: Uint8Array }, pending: PendingRequest): Promise<void> {
    await this.#state.keep('error', path.basename(failure.file), failure.bytes);
    // biome-ignore lint/plugin/no-swallowed-rejection: already gone is fine: the copy in error/ is kept
    await rm(failure.file, { force: true }).catch(() => undefined);
    await this.#withdrawRequest(pending.fileId);
    await this.#state.removePending(pending.fileId);
  }

  /** Copies a claimed result to the local handled/ or error/ and removes it from `res`. */
  async #claim(file: string, bytes: Uint8Array, where: 'handled' | 'error', pending: PendingRequest): Promise<void> {
    await this.#state.keep(where, path.basename(file), bytes);
    // biome-ignore lint/plugin/no-swallowed-rejection: already gone is fine: the copy is kept locally
    await rm(file, { force: true }).catch(() => undefined);
    await this.#state.removePending(pending.fileId);
  }

  /** Unwraps a `.zip` file (zip exchange on) or returns the XML bytes as they are. */
  async #xmlOf(name: string, raw: Uint8Array): Promise<Uint8Array> {
    if (!name.endsWith('.zip')) return raw;
    const zip = this.#options.zip;
    if (zip === undefined)
      throw new EligibilityError('SERVICE_BAD_RESPONSE', {
        detail: { reason: 'a .zip file but no zip password configured' },
      });
    return await unzipOne(raw, zip.password, this.#maxBytes);
  }

  /** Looks for the result of `fileId` (`.xml`, and `.zip` with zip exchange on) and parses it. */
  async #readResult(fileId: string, deadline: number, signal: AbortSignal | undefined): Promise<ResultRead> {
    let busy = false;
    for (const ext of this.#options.zip === undefined ? (['xml'] as const) : (['xml', 'zip'] as const)) {
      const name = resultName(fileId, ext);
      const file = path.join(this.#options.folders.res, name);
      const read = await this.#read(file, deadline, signal);
      if (!read.ok) {
        // Never read, never touched: a link, FIFO, device or oversized file under our result name.
        if (read.reason === 'not-regular' || read.reason === 'too-large')
          return { state: 'hostile', reason: read.reason };
        if (read.reason === 'interrupted') return { state: 'interrupted' };
        if (read.reason === 'busy') busy = true;
        continue;
      }
      if (read.bytes.length === 0) {
        busy = true; // created, not written yet
        continue;
      }
      try {
        return {
          state: 'parsed',
          file,
          raw: read.bytes,
          response: decodeEligibilityResponse(await this.#xmlOf(name, read.bytes)),
        };
      } catch (error) {
        if (!(error instanceof EligibilityError)) throw error;
        return { state: 'unparsed', file, raw: read.bytes, mtimeMs: read.mtimeMs, error };
      }
    }
    return busy ? { state: 'busy' } : { state: 'missing' };
  }

  async #awaitResult(
    pending: PendingRequest,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<EligibilityResponse> {
    const pollMs = this.#options.pollMs ?? 100;
    let watcher: FSWatcher | undefined;
    let wake: (() => void) | undefined;
    try {
      const names = new Set([resultName(pending.fileId), resultName(pending.fileId, 'zip')]);
      watcher = watch(this.#options.folders.res, { persistent: false }, (_event, name) => {
        if (name === null || names.has(String(name))) wake?.();
      });
      watcher.on('error', () => undefined);
    } catch {
      watcher = undefined; // polling alone still works
    }
    let lastParse: Extract<ResultRead, { state: 'unparsed' }> | undefined;
    const aborted = (): boolean => signal?.aborted === true;
    try {
      for (;;) {
        if (aborted()) throw new EligibilityError('SERVICE_ABORTED');
        const read = await this.#readResult(pending.fileId, deadline, signal);
        if (read.state === 'parsed') {
          const answer = this.#answerOf(read.response, pending);
          await this.#claim(read.file, read.raw, 'handled', pending);
          return answer;
        }
        if (read.state === 'unparsed') lastParse = read; // probably still being written: read again
        if (read.state === 'hostile') {
          throw new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason: `result file ${read.reason}` } });
        }
        if (read.state === 'missing') {
          const failure = await this.#errorFile(pending, deadline, signal);
          if (failure !== undefined) {
            await this.#claimError(failure, pending);
            throw new EligibilityError('SERVICE_REJECTED', {
              detail: { reason: 'the terminal wrote an error file for the request', file: path.basename(failure.file) },
            });
          }
        }
        if (aborted()) throw new EligibilityError('SERVICE_ABORTED');
        const left = deadline - Date.now();
        if (left <= 0) {
          if (lastParse !== undefined) {
            const parsed = lastParse.error.detail;
            // biome-ignore lint/plugin/no-swallowed-rejection: best effort on the way to throwing SERVICE_BAD_RESPONSE; a file left in res is claimed by recover()
            await this.#claim(lastParse.file, lastParse.raw, 'error', pending).catch(() => undefined);
            throw new EligibilityError('SERVICE_BAD_RESPONSE', {
              detail: {
                reason: 'reason' in parsed && typeof parsed.reason === 'string' ? parsed.reason : lastParse.error.code,
              },
              cause: lastParse.error,
            });
          }
          throw new EligibilityError('SERVICE_TIMEOUT', { detail: { timeoutMs } });
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(pollMs, left));
          const onAbort = (): void => done();
          signal?.addEventListener('abort', onAbort, { once: true });
          function done(): void {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
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

  /**
   * Waits for the face result of the patient at the desk (a card check done at the terminal's own
   * reader): matched by 照会番号 when `key.referenceNumber` is given, otherwise by name + birth
   * date; only results whose 資格確認日 is `key.checkDate` count, and none this instance matched
   * before. Resolves `matched` (then remembered as taken) or `ambiguous` (staff choose, then call
   * {@link OqsFileLinkService.claimFaceResult}); rejects `SERVICE_TIMEOUT` / `SERVICE_ABORTED`.
   * Face files are read where they are (and in `faceTrash`), never moved.
   */
  async awaitFaceResult(
    key: FaceMatchKey,
    options: FaceWaitOptions = {},
  ): Promise<Exclude<FaceMatch, { status: 'none' }>> {
    if (this.#options.folders.face === undefined)
      throw new EligibilityError('SERVICE_REJECTED', { detail: { reason: 'no face folder configured' } });
    if (options.signal?.aborted === true) throw new EligibilityError('SERVICE_ABORTED');
    await this.#open();
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const pollMs = this.#options.pollMs ?? 100;
    const aborted = (): boolean => options.signal?.aborted === true;
    for (;;) {
      const match = matchFaceResults(await this.#faceCandidates(deadline, options.signal), key);
      if (match.status === 'matched') {
        await this.#state.markFace(match.candidate.file, 'face-claimed');
        return match;
      }
      if (match.status === 'ambiguous') return match;
      if (aborted()) throw new EligibilityError('SERVICE_ABORTED');
      const left = deadline - Date.now();
      if (left <= 0) throw new EligibilityError('SERVICE_TIMEOUT', { detail: { timeoutMs } });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(pollMs, left));
        const onAbort = (): void => done();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        function done(): void {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        }
      });
    }
  }

  /** Remembers that staff chose the face result `file` (after an ambiguous match) for a check. */
  async claimFaceResult(file: string): Promise<void> {
    if (!FACE_NAME.test(file))
      throw new EligibilityError('SERVICE_REJECTED', { detail: { reason: 'not a face result name' } });
    await this.#open();
    await this.#state.markFace(file, 'face-claimed');
  }

  /** Face results in `face` (and `faceTrash`) not matched before, parsed; odd or unreadable files skipped. */
  async #faceCandidates(deadline: number, signal: AbortSignal | undefined): Promise<FaceCandidate[]> {
    const out: FaceCandidate[] = [];
    const present = new Set<string>();
    for (const dir of [this.#options.folders.face, this.#options.folders.faceTrash]) {
      if (dir === undefined) continue;
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => FACE_NAME.test(n));
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') continue;
        throw ioError(error, 'list face results');
      }
      for (const name of names) {
        if (present.has(name)) continue;
        present.add(name);
        if (await this.#state.faceMarked(name, 'face-claimed')) continue;
        const read = await this.#read(path.join(dir, name), deadline, signal);
        if (!read.ok) continue;
        try {
          out.push({ file: name, response: decodeEligibilityResponse(await this.#xmlOf(name, read.bytes)) });
        } catch (error) {
          if (!(error instanceof EligibilityError)) throw error; // still being written, or broken: not a candidate
        }
      }
    }
    await this.#state.pruneFaceMarks(present, 'face-claimed');
    return out;
  }

  /**
   * Hands over (1) results of requests this instance wrote and no call waits for any more (the
   * process restarted, or a wait timed out after the terminal took the request), each checked
   * against its request, then copied to `handled/` and removed from `res`; and (2) face results
   * not handed over before, which stay where they are. Call at start-up and periodically.
   * Results written for other clients, and files that are not regular or too large, are left alone.
   */
  async recover(handler: (result: RecoveredResult) => Promise<void> | void): Promise<number> {
    await this.#open();
    let count = 0;
    const ttl = this.#options.pendingTtlMs ?? 24 * 3_600_000;
    const parseGraceMs = this.#options.timeoutMs ?? 30_000;
    for (const pending of await this.#state.listPending()) {
      if (this.#waiting.has(pending.fileId)) continue;
      const read = await this.#readResult(pending.fileId, Number.POSITIVE_INFINITY, undefined);
      if (read.state === 'busy' || read.state === 'interrupted') continue;
      if (read.state === 'missing') {
        const failure = await this.#errorFile(pending, Number.POSITIVE_INFINITY, undefined);
        if (failure !== undefined) {
          await this.#claimError(failure, pending);
          continue;
        }
        if (Date.now() - pending.writtenAt > ttl) {
          await this.#withdrawRequest(pending.fileId);
          await this.#state.removePending(pending.fileId);
        }
        continue;
      }
      if (read.state === 'hostile') {
        await this.#state.removePending(pending.fileId); // a hostile file holds our name: give up on it
        continue;
      }
      if (read.state === 'unparsed') {
        // Maybe still being written: leave it while fresh, keep a copy in error/ otherwise.
        if (Date.now() - read.mtimeMs > parseGraceMs) await this.#claim(read.file, read.raw, 'error', pending);
        continue;
      }
      let answer: EligibilityResponse;
      try {
        answer = this.#answerOf(read.response, pending);
      } catch (error) {
        if (error instanceof EligibilityError && error.code === 'SERVICE_BAD_RESPONSE') continue; // not the answer to our request: not ours to take
        throw error;
      }
      await handler({ file: path.basename(read.file), source: 'res', checkId: pending.checkId, response: answer });
      await this.#claim(read.file, read.raw, 'handled', pending);
      count += 1;
    }
    count += await this.#recoverFace(handler);
    return count;
  }

  async #recoverFace(handler: (result: RecoveredResult) => Promise<void> | void): Promise<number> {
    const dir = this.#options.folders.face;
    if (dir === undefined) return 0;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.startsWith(FACE_PREFIX) && FACE_NAME.test(n));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return 0;
      throw ioError(error, 'list face results');
    }
    await this.#state.pruneFaceMarks(new Set(names));
    let count = 0;
    // The name ends with the terminal's yyyyMMddHHmmss: oldest first.
    for (const name of names.sort((a, b) => a.slice(-18).localeCompare(b.slice(-18)) || a.localeCompare(b))) {
      if (await this.#state.faceMarked(name)) continue;
      const read = await this.#read(path.join(dir, name), Number.POSITIVE_INFINITY, undefined);
      if (!read.ok) continue; // gone (the rececon moved it), busy, or not a regular file of sane size
      let response: EligibilityResponse;
      try {
        response = decodeEligibilityResponse(await this.#xmlOf(name, read.bytes));
      } catch (error) {
        if (!(error instanceof EligibilityError)) throw error;
        continue; // maybe still being written; never moved, so a later pass sees it whole
      }
      await handler({ file: name, source: 'face', response });
      await this.#state.markFace(name);
      count += 1;
    }
    return count;
  }
}
