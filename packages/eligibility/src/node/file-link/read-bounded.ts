/**
 * Reading a file someone else put in a shared folder (DEVELOPERS.md, files from outside): opened
 * without following a link (`O_NOFOLLOW`) and without blocking on a FIFO (`O_NONBLOCK`), only a
 * regular file is read, its size is checked before reading, the read is bounded, and the caller's
 * deadline and abort signal are honoured between chunks. A FIFO, a link to `/dev/zero` or a
 * sparse 1 GiB file therefore costs one `open` + `fstat`, never a blocked libuv thread or GBs
 * of memory.
 * @module
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Why a file was not read. */
export type BoundedReadFailure =
  /** Not there (yet, or any more). */
  | 'missing'
  /** Locked or not readable right now (Windows sharing violations): try again later. */
  | 'busy'
  /** A symbolic link, FIFO, device, socket or folder: never read. */
  | 'not-regular'
  /** Larger than the limit (checked before reading and again while reading). */
  | 'too-large'
  /** The deadline passed or the signal aborted during the read. */
  | 'interrupted';

/** The outcome of {@link readBoundedFile}. */
export type BoundedRead =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly mtimeMs: number }
  | { readonly ok: false; readonly reason: BoundedReadFailure; readonly code?: string };

/** Limits of one {@link readBoundedFile}. */
export interface BoundedReadOptions {
  /** Largest accepted size in bytes. */
  readonly maxBytes: number;
  /** Abort the read (between chunks). */
  readonly signal?: AbortSignal;
  /** `Date.now()` value after which the read gives up. */
  readonly deadline?: number;
}

// Absent on Windows (0 there): links are then refused by the fstat type check of the target
// only, which Windows shares rarely allow anyway.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;
const BUSY = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN']);
const MISSING = new Set(['ENOENT', 'ENOTDIR']);
// ELOOP: the name is a symbolic link (O_NOFOLLOW); ENXIO: a socket or a FIFO without writer on
// some systems; EISDIR / ENODEV / EOPNOTSUPP: not a file at all.
const NOT_REGULAR = new Set(['ELOOP', 'EMLINK', 'ENXIO', 'EISDIR', 'ENODEV', 'EOPNOTSUPP', 'EFTYPE']);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function classify(error: unknown): BoundedRead {
  const code = errorCode(error);
  if (code !== undefined && MISSING.has(code)) return { ok: false, reason: 'missing', code };
  if (code !== undefined && BUSY.has(code)) return { ok: false, reason: 'busy', code };
  if (code !== undefined && NOT_REGULAR.has(code)) return { ok: false, reason: 'not-regular', code };
  throw error;
}

/**
 * Reads `file` within the limits. Returns the bytes, or why it did not (a hostile or odd file is
 * a reason, not an exception). Unexpected I/O errors are thrown as they are.
 */
export async function readBoundedFile(file: string, options: BoundedReadOptions): Promise<BoundedRead> {
  const stopped = (): boolean =>
    options.signal?.aborted === true || (options.deadline !== undefined && Date.now() > options.deadline);
  if (stopped()) return { ok: false, reason: 'interrupted' };
  let handle: FileHandle;
  try {
    handle = await open(file, FLAGS);
  } catch (error) {
    return classify(error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'not-regular' };
    if (info.size > options.maxBytes) return { ok: false, reason: 'too-large' };
    // Room for one byte more than fstat saw, so a file that grew is noticed; it may grow up to
    // the limit + 1 (then refused), never further.
    let buffer = new Uint8Array(Math.min(options.maxBytes + 1, info.size + 1));
    let length = 0;
    for (;;) {
      if (stopped()) return { ok: false, reason: 'interrupted' };
      if (length === buffer.length) {
        if (length > options.maxBytes) return { ok: false, reason: 'too-large' };
        const wider = new Uint8Array(Math.min(options.maxBytes + 1, buffer.length * 2));
        wider.set(buffer);
        buffer = wider;
      }
      const { bytesRead } = await handle.read(buffer, length, Math.min(CHUNK, buffer.length - length), null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) return { ok: false, reason: 'too-large' };
    return { ok: true, bytes: buffer.subarray(0, length), mtimeMs: info.mtimeMs };
  } catch (error) {
    return classify(error);
  } finally {
    // biome-ignore lint/plugin/no-swallowed-rejection: closing a read-only handle: nothing was written that could be lost
    await handle.close().catch(() => undefined);
  }
}
