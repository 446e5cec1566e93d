/**
 * What one file-link client keeps in its own local folder (never on the terminal's share):
 * - `lock`: the process that uses this state; a second live instance with the same state (same
 *   client id and folders) is refused, a dead one's lock is taken over;
 * - `pending/<fileId>.json`: every request this instance wrote and has not finished, with the
 *   check id, 医療機関コード and 資格確認日 it was written for. Only results named after a pending
 *   entry are ever claimed, and only when their header matches it;
 * - `face-seen/<name>`, `face-claimed/<name>`: face results already handed over by `recover()` or
 *   matched to a desk's check (face files are never moved: the rececon and other tools read the
 *   same folder);
 * - `handled/` and `error/` (configurable): local copies of results this instance claimed.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { EligibilityError } from '../../errors.js';
import { FILE_ID } from './file-ids.js';
import { readBoundedFile } from './read-bounded.js';

/** Which record of face results: handed over by recover(), or matched to a desk's check. */
export type FaceMark = 'face-seen' | 'face-claimed';

/** A request this instance wrote and has not finished. */
export interface PendingRequest {
  /** The ArbitraryFileIdentifier and file-name id written. */
  readonly fileId: string;
  /** The caller's check id (the query's `fileId`), handed back with the result. */
  readonly checkId: string;
  readonly institutionCode: string;
  readonly checkDate: string;
  /** `Date.now()` when written. */
  readonly writtenAt: number;
}

function ioError(error: unknown, operation: string, reason?: string): EligibilityError {
  const code = (error as { code?: unknown } | null)?.code;
  return new EligibilityError('FILE_LINK_IO', {
    detail: { operation, code: typeof code === 'string' ? code : undefined, reason },
    cause: error,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** The local state of one file-link client. */
export class LinkState {
  readonly dir: string;
  readonly handledDir: string;
  readonly errorDir: string;
  readonly #token = randomUUID();
  #locked = false;

  constructor(dir: string, handledDir: string, errorDir: string) {
    this.dir = dir;
    this.handledDir = handledDir;
    this.errorDir = errorDir;
  }

  get #lockFile(): string {
    return path.join(this.dir, 'lock');
  }

  /** Creates the local folders and takes the lock; throws `FILE_LINK_IO` (reason `in use`). */
  async open(): Promise<void> {
    if (this.#locked) return;
    try {
      for (const d of [
        this.dir,
        path.join(this.dir, 'pending'),
        path.join(this.dir, 'face-seen'),
        path.join(this.dir, 'face-claimed'),
        this.handledDir,
        this.errorDir,
      ])
        await mkdir(d, { recursive: true });
    } catch (error) {
      throw ioError(error, 'mkdir');
    }
    const mine = JSON.stringify({ pid: process.pid, host: hostname(), token: this.#token });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const handle = await open(this.#lockFile, 'wx', 0o600);
        try {
          await handle.writeFile(mine);
        } finally {
          await handle.close();
        }
        this.#locked = true;
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw ioError(error, 'lock');
      }
      const held = await readBoundedFile(this.#lockFile, { maxBytes: 4096 });
      if (!held.ok && held.reason === 'missing') continue;
      let owner: { pid?: unknown; host?: unknown; token?: unknown } = {};
      try {
        if (held.ok) owner = JSON.parse(new TextDecoder().decode(held.bytes)) as typeof owner;
      } catch {
        owner = {}; // a torn lock file: its writer died while writing it
      }
      const live =
        typeof owner.pid === 'number' &&
        Number.isInteger(owner.pid) &&
        owner.pid > 0 &&
        (owner.host !== hostname() || isAlive(owner.pid));
      if (live)
        throw new EligibilityError('FILE_LINK_IO', {
          detail: {
            operation: 'lock',
            reason: 'in use by another live instance (give each client its own clientId)',
            pid: owner.pid as number,
          },
        });
      // biome-ignore lint/plugin/no-swallowed-rejection: a stale lock that vanished in the meantime is what we want
      await rm(this.#lockFile, { force: true }).catch(() => undefined); // stale: its process is gone
    }
    throw new EligibilityError('FILE_LINK_IO', { detail: { operation: 'lock', reason: 'could not take the lock' } });
  }

  /** Releases the lock (only if it is still ours). */
  async close(): Promise<void> {
    if (!this.#locked) return;
    this.#locked = false;
    // biome-ignore lint/plugin/no-swallowed-rejection: an unreadable lock is not ours to remove
    const held = await readBoundedFile(this.#lockFile, { maxBytes: 4096 }).catch(() => undefined);
    if (held?.ok === true && new TextDecoder().decode(held.bytes).includes(this.#token))
      // biome-ignore lint/plugin/no-swallowed-rejection: already removed is fine
      await rm(this.#lockFile, { force: true }).catch(() => undefined);
  }

  #pendingFile(fileId: string): string {
    return path.join(this.dir, 'pending', `${fileId}.json`);
  }

  /** Records a request before it is published (so a crash after publishing still knows it). */
  async addPending(entry: PendingRequest): Promise<void> {
    const file = this.#pendingFile(entry.fileId);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(entry), { mode: 0o600 });
      await rename(temp, file);
    } catch (error) {
      // biome-ignore lint/plugin/no-swallowed-rejection: the temp file may not exist; the write error is what is thrown
      await rm(temp, { force: true }).catch(() => undefined);
      throw ioError(error, 'write pending');
    }
  }

  async removePending(fileId: string): Promise<void> {
    // biome-ignore lint/plugin/no-swallowed-rejection: an entry already removed is fine
    await rm(this.#pendingFile(fileId), { force: true }).catch(() => undefined);
  }

  async hasPending(fileId: string): Promise<boolean> {
    const read = await readBoundedFile(this.#pendingFile(fileId), { maxBytes: 4096 });
    return read.ok || read.reason !== 'missing';
  }

  /** Every pending request, oldest first (entries that do not parse are skipped). */
  async listPending(): Promise<PendingRequest[]> {
    let names: string[];
    try {
      names = (await readdir(path.join(this.dir, 'pending'))).filter((n) => n.endsWith('.json'));
    } catch (error) {
      throw ioError(error, 'list pending');
    }
    const out: PendingRequest[] = [];
    for (const name of names) {
      const read = await readBoundedFile(path.join(this.dir, 'pending', name), { maxBytes: 4096 });
      if (!read.ok) continue;
      try {
        const e = JSON.parse(new TextDecoder().decode(read.bytes)) as Partial<PendingRequest>;
        if (
          typeof e.fileId === 'string' &&
          FILE_ID.test(e.fileId) &&
          typeof e.checkId === 'string' &&
          typeof e.institutionCode === 'string' &&
          typeof e.checkDate === 'string' &&
          typeof e.writtenAt === 'number'
        ) {
          out.push(e as PendingRequest);
        }
      } catch {
        // torn entry: written by a process that died mid-write, before the request existed
      }
    }
    return out.sort((a, b) => a.writtenAt - b.writtenAt || (a.fileId < b.fileId ? -1 : 1));
  }

  /**
   * True when the face result `name` was handed over by `recover()` (`face-seen`) or matched to
   * a desk's check (`face-claimed`) before.
   */
  async faceMarked(name: string, kind: FaceMark = 'face-seen'): Promise<boolean> {
    const read = await readBoundedFile(path.join(this.dir, kind, name), { maxBytes: 64 });
    return read.ok || read.reason !== 'missing';
  }

  async markFace(name: string, kind: FaceMark = 'face-seen'): Promise<void> {
    try {
      await writeFile(path.join(this.dir, kind, name), '', { mode: 0o600 });
    } catch (error) {
      throw ioError(error, 'mark face result');
    }
  }

  /** Forgets face results no longer in the face folders (the rececon or the terminal removed them). */
  async pruneFaceMarks(present: ReadonlySet<string>, kind: FaceMark = 'face-seen'): Promise<void> {
    const names = await readdir(path.join(this.dir, kind)).catch(() => [] as string[]);
    for (const n of names) {
      if (present.has(n)) continue;
      // biome-ignore lint/plugin/no-swallowed-rejection: a marker already removed is fine
      await rm(path.join(this.dir, kind, n), { force: true }).catch(() => undefined);
    }
  }

  /** Keeps a local copy of a claimed result in `handled/` or `error/` (never overwriting one). */
  async keep(where: 'handled' | 'error', name: string, bytes: Uint8Array): Promise<string> {
    const dir = where === 'handled' ? this.handledDir : this.errorDir;
    try {
      for (let i = 0; ; i += 1) {
        const ext = path.extname(name);
        const target = path.join(dir, i === 0 ? name : `${name.slice(0, name.length - ext.length)}.${i}${ext}`);
        try {
          await writeFile(target, bytes, { flag: 'wx', mode: 0o600 });
          return target;
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'EEXIST' || i > 1000) throw error;
        }
      }
    } catch (error) {
      throw ioError(error, `keep ${where}`);
    }
  }
}
