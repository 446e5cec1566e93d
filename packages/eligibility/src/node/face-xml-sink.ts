/**
 * Face-result output for rececons that already take `OQSsiquc01res_face_*.xml` from a folder:
 * each completed check is written as the file a 資格確認端末 writes after a card check at its
 * own reader (docs/reference/oqs-messages.md#file-link), so such a rececon works unchanged.
 *
 * - The XML is {@link encodeEligibilityResponse}'s: the elements the project's decoder reads,
 *   nothing invented. UTF-8 or Shift_JIS as configured (a character Shift_JIS cannot carry is
 *   `XML_INVALID_VALUE`, never a silent `?`).
 * - Names as the terminals use: `OQSsiquc01res_face_<医療機関コード><id>_<yyyyMMddHHmmss>.xml`,
 *   the time in JST; `<id>` is the file's own (time + a 3-digit sequence), also written as
 *   ArbitraryFileIdentifier (a face file carries nothing of the rececon's request).
 * - Atomic: a fresh temporary file (`O_EXCL`, no link followed, a dot name the rececon's pattern
 *   does not match) is written, synced and renamed; a reader sees the whole file or none. An
 *   existing result is never replaced (the next sequence number is taken).
 * - Results are health data: files are `0600` unless the rececon reads them as another user
 *   (`fileMode: 0o640` or `0o644`).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { constants as fs } from 'node:fs';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { EligibilityError } from '../errors.js';
import type { CharacterCode, CheckOutcome, QualificationValidity } from '../model/codes.js';
import type { EligibilityResponse } from '../model/result.js';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditQuery,
  CheckPage,
  CheckQuery,
  CheckRecord,
  PurgeResult,
  RececonStore,
  SaveCheckResult,
} from '../store/types.js';
import type { CheckSummary } from '../workflow/events.js';
import { encodeEligibilityResponse } from '../xml/response-codec.js';

/** Options of a {@link FaceXmlSink}. */
export interface FaceXmlSinkOptions {
  /** The folder the rececon reads face results from (the terminal's `face`). */
  readonly dir: string;
  /** 医療機関コード (10 digits), as in the terminal's file names. */
  readonly institutionCode: string;
  /** Encoding of the files (default `utf-8`). */
  readonly encoding?: CharacterCode;
  /** Mode of the files: `0o600` (default), or `0o640` / `0o644` when the rececon runs as another user. */
  readonly fileMode?: 0o600 | 0o640 | 0o644;
  /** Create `dir` (mode `0700`) when missing. Default false: the folder is the rececon's. */
  readonly createDir?: boolean;
  /** Clock (default `() => new Date()`). */
  readonly now?: () => Date;
}

/** The name pattern of a face result file (the file link reads the same). */
export const FACE_RESULT_NAME: RegExp = /^OQSsiquc01res_face_[A-Za-z0-9_-]{1,64}_\d{14}\.xml$/;

const VALIDITY_OF_OUTCOME: Partial<Record<CheckOutcome, QualificationValidity>> = { 'not-found': 4 };

/** `YYYY-MM-DDTHH:mm:ss` in JST. */
function jstDateTime(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19);
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Writes completed checks as OQS face result files. One instance per folder. */
export class FaceXmlSink {
  readonly #options: FaceXmlSinkOptions;
  #sequence = 0;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: FaceXmlSinkOptions) {
    if (typeof options.institutionCode !== 'string' || !/^\d{10}$/.test(options.institutionCode)) {
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'institutionCode', reason: 'not 10 digits' } });
    }
    if (typeof options.dir !== 'string' || options.dir.length === 0)
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'dir' } });
    const mode = options.fileMode ?? 0o600;
    if (mode !== 0o600 && mode !== 0o640 && mode !== 0o644)
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'fileMode' } });
    this.#options = options;
  }

  /**
   * Writes one answer of the service as a face result. The header's ArbitraryFileIdentifier and
   * 処理実行日時 become the file's own; everything else is written as given. Returns the file name.
   * Throws `XML_INVALID_VALUE` (e.g. a character Shift_JIS lacks) before anything is written,
   * `FILE_LINK_IO` when the folder cannot be written.
   */
  writeResponse(response: EligibilityResponse): Promise<string> {
    const run = this.#writes.then(() => this.#write(response));
    // Writes are serialised (one sequence number at a time); the caller gets this write's error.
    // biome-ignore lint/plugin/no-swallowed-rejection: only the queue drops it; `run` carries the rejection to the caller.
    this.#writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Writes a check as the workflow reports it: a `done` check with the service's answer is
   * written (with the staff's pick when several matched); failed and cancelled checks are not.
   * Returns the file name, or `undefined` when nothing was written.
   */
  async writeCheck(summary: CheckSummary): Promise<string | undefined> {
    if (summary.state !== 'done' || summary.response === undefined) return undefined;
    const { response, result } = summary;
    const picked =
      result !== undefined && response.results.length > 1
        ? { ...response, validity: result.validity, results: [result] }
        : response;
    return this.writeResponse(picked);
  }

  /**
   * Writes a saved check record (what a {@link RececonStore} holds): a record with a result, or a
   * 該当資格なし, becomes a face result with that one result; errors, cancellations and an
   * unresolved 複数該当 are not written. Returns the file name or `undefined`.
   */
  async writeRecord(record: CheckRecord): Promise<string | undefined> {
    const result = record.result;
    const validity = result?.validity ?? VALIDITY_OF_OUTCOME[record.outcome];
    if (validity === undefined) return undefined;
    const checkedAt = new Date(record.checkedAt);
    return this.writeResponse({
      header: {
        processedAt: jstDateTime(checkedAt),
        checkDate: result?.checkDate ?? jstDateTime(checkedAt).slice(0, 10),
        institutionCode: this.#options.institutionCode,
        fileId: '',
        referenceClassification: result?.referenceClassification ?? (record.mode === 'manual' ? 2 : 1),
        segmentOfResult: 1,
      },
      status: 1,
      validity,
      results: result === undefined ? [] : [result],
    });
  }

  async #write(response: EligibilityResponse): Promise<string> {
    const now = (this.#options.now ?? (() => new Date()))();
    const stamp = jstDateTime(now).replace(/[-:T]/g, '');
    const dir = this.#options.dir;
    if (this.#options.createDir === true) {
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
      } catch (cause) {
        throw new EligibilityError('FILE_LINK_IO', { detail: { operation: 'mkdir' }, cause });
      }
    }
    for (let attempt = 0; attempt < 1000; attempt++) {
      this.#sequence = (this.#sequence + 1) % 1000;
      const fileId = `${stamp}${String(this.#sequence).padStart(3, '0')}`;
      const name = `OQSsiquc01res_face_${this.#options.institutionCode}${fileId}_${stamp}.xml`;
      const target = path.join(dir, name);
      if (await this.#exists(target)) continue;
      const bytes = encodeEligibilityResponse(
        {
          ...response,
          header: {
            ...response.header,
            institutionCode: this.#options.institutionCode,
            fileId,
            processedAt: jstDateTime(now),
          },
        },
        { encoding: this.#options.encoding ?? 'utf-8' },
      );
      await this.#atomicWrite(dir, name, bytes);
      return name;
    }
    throw new EligibilityError('FILE_LINK_IO', {
      detail: { operation: 'name', reason: 'no free name in this second' },
    });
  }

  async #exists(file: string): Promise<boolean> {
    try {
      await lstat(file);
      return true;
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return false;
      throw new EligibilityError('FILE_LINK_IO', { detail: { operation: 'lstat' }, cause: error });
    }
  }

  async #atomicWrite(dir: string, name: string, bytes: Uint8Array): Promise<void> {
    const mode = this.#options.fileMode ?? 0o600;
    // A dot name ending in .tmp: the rececon's OQSsiquc01res_face_*.xml never matches it.
    const temp = path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let created = false;
    try {
      const handle = await open(temp, fs.O_WRONLY | fs.O_CREAT | fs.O_EXCL | (fs.O_NOFOLLOW ?? 0), mode);
      created = true;
      try {
        await handle.chmod(mode); // the mode given to open is filtered by the umask, chmod is not
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path.join(dir, name));
    } catch (cause) {
      // biome-ignore lint/plugin/no-swallowed-rejection: the write error below is what matters; a temp file already gone is fine.
      if (created) await unlink(temp).catch(() => undefined);
      throw new EligibilityError('FILE_LINK_IO', { detail: { operation: 'write' }, cause });
    }
  }
}

/**
 * A {@link RececonStore} that also writes every newly saved check as a face result: the store
 * stays the record of truth (事後閲覧, audit), the folder feeds a rececon that reads face files.
 * The file is written after the save commits; a failed write rejects `saveCheck` with
 * `FILE_LINK_IO` (the record is saved: a retried save returns `created: false` and writes nothing,
 * so call {@link FaceXmlSink.writeRecord} with the record to write it again).
 */
export class FaceXmlRececonStore implements RececonStore {
  readonly #store: RececonStore;
  readonly #sink: FaceXmlSink;

  constructor(store: RececonStore, sink: FaceXmlSink) {
    this.#store = store;
    this.#sink = sink;
  }

  async saveCheck(record: CheckRecord): Promise<SaveCheckResult> {
    const saved = await this.#store.saveCheck(record);
    if (saved.created) await this.#sink.writeRecord(record);
    return saved;
  }

  linkPatient(checkId: string, patientId: string, actor: string): Promise<void> {
    return this.#store.linkPatient(checkId, patientId, actor);
  }

  getCheck(checkId: string): Promise<CheckRecord | undefined> {
    return this.#store.getCheck(checkId);
  }

  listChecks(query?: CheckQuery): Promise<CheckPage> {
    return this.#store.listChecks(query);
  }

  appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    return this.#store.appendAudit(entry);
  }

  listAudit(query?: AuditQuery): Promise<readonly AuditEntry[]> {
    return this.#store.listAudit(query);
  }

  purgeOlderThan(cutoff: string, actor: string): Promise<PurgeResult> {
    return this.#store.purgeOlderThan(cutoff, actor);
  }

  close(): Promise<void> {
    return this.#store.close();
  }
}
