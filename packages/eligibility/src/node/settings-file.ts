/**
 * Node side of the settings (issue 7 §1b): a key derived from the operator password with
 * scrypt (node:crypto), and a settings file written atomically with mode 0600. The secrets are
 * never written in clear (see `sealSettings`). The file also keeps the operator session's
 * lockout state ({@link FileSettingsStore} is a `LockoutStore`), so a restart does not reset it.
 *
 * Hostile neighbours (issue 14): the temporary file is created fresh (`O_EXCL`, no link
 * followed, 0600 and `fchmod`), so a stale or planted file cannot give the result other
 * permissions or redirect the write; the file is read without following links, only when it is
 * a regular file, and only up to {@link MAX_SETTINGS_FILE_BYTES}.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { constants as fs, type Stats } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { EligibilityError } from '../errors.js';
import type { AppSettings } from '../settings/app-settings.js';
import { openSettings, sealSettings, type SealedSettings } from '../settings/sealed-settings.js';
import type { LockoutState, LockoutStore } from './operator-session.js';
import { checkOperatorPassword } from './password-policy.js';
import { scryptChecked, type ScryptParams } from './scrypt-params.js';

/** scrypt cost parameters (N = 2^15, r = 8, p = 1: about 32 MiB and ~100 ms, OWASP's minimum is 2^17 for passwords stored long-term; settings keys are re-derived only at unlock). */
export const SCRYPT_PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;

/** Largest settings file read (a sealed sheet is about 1 kB). */
export const MAX_SETTINGS_FILE_BYTES = 64 * 1024;

/** Derives a 32-byte key from a password with scrypt; parameters out of bounds are `SETTINGS_INVALID` (field `scrypt`) before any work. */
export async function deriveKey(
  password: string,
  salt: Uint8Array,
  params: ScryptParams = SCRYPT_PARAMS,
): Promise<Uint8Array> {
  const key = await scryptChecked(password, salt, 32, params);
  return new Uint8Array(key.buffer, key.byteOffset, key.length);
}

/** Seals settings with a key derived from the operator password (refused when weak: `OPERATOR_PASSWORD_WEAK`). */
export async function sealSettingsWithPassword(
  settings: AppSettings,
  password: string,
  params: ScryptParams = SCRYPT_PARAMS,
): Promise<SealedSettings> {
  checkOperatorPassword(password);
  const salt = new Uint8Array(randomBytes(16));
  const key = await deriveKey(password, salt, params);
  try {
    return await sealSettings(settings, key, {
      kind: 'scrypt',
      salt: Buffer.from(salt).toString('base64'),
      N: params.N,
      r: params.r,
      p: params.p,
    });
  } finally {
    key.fill(0);
  }
}

/** Opens settings sealed with {@link sealSettingsWithPassword}; a wrong password is `SETTINGS_DECRYPT_FAILED`, tampered scrypt parameters `SETTINGS_INVALID`. */
export async function openSettingsWithPassword(sealed: SealedSettings, password: string): Promise<AppSettings> {
  if (
    typeof sealed !== 'object' ||
    sealed === null ||
    typeof sealed.key !== 'object' ||
    sealed.key === null ||
    sealed.key.kind !== 'scrypt'
  ) {
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'key', reason: 'not password-sealed' } });
  }
  const { salt: saltText } = sealed.key;
  if (typeof saltText !== 'string' || !/^[A-Za-z0-9+/]{22,88}={0,2}$/.test(saltText))
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'salt' } });
  const key = await deriveKey(password, new Uint8Array(Buffer.from(saltText, 'base64')), sealed.key);
  try {
    return await openSettings(sealed, key);
  } finally {
    key.fill(0);
  }
}

/** The file's JSON: sealed settings (after registration) and the lockout state (after a failed unlock). */
type SettingsFileContent = Partial<SealedSettings> & { lockout?: LockoutState };

function fileError(reason: string, cause?: unknown): EligibilityError {
  return new EligibilityError('SETTINGS_INVALID', {
    detail: { field: 'file', reason },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Sealed settings in one JSON file (atomic replace, owner-only permissions), plus the lockout state. */
export class FileSettingsStore implements LockoutStore {
  /** Writes are serialised so a lockout update never loses a settings save or the reverse. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Writes sealed settings (never clear secrets), keeping the saved lockout state. */
  save(sealed: SealedSettings): Promise<void> {
    return this.#update((current) => ({
      ...sealed,
      ...(current?.lockout === undefined ? {} : { lockout: current.lockout }),
    }));
  }

  /** Reads sealed settings, or `undefined` before the initial registration. */
  async load(): Promise<SealedSettings | undefined> {
    const content = await this.#read();
    if (content === undefined || content.version === undefined) return undefined;
    const { lockout: _lockout, ...sealed } = content;
    return sealed as SealedSettings;
  }

  /** The saved lockout state of the operator session (`LockoutStore`). */
  async readLockout(): Promise<LockoutState | undefined> {
    return (await this.#read())?.lockout;
  }

  /** Saves the lockout state next to the sealed settings (`LockoutStore`). */
  writeLockout(state: LockoutState): Promise<void> {
    return this.#update((current) => ({
      ...(current ?? {}),
      lockout: {
        failures: state.failures,
        ...(state.lockedUntil === undefined ? {} : { lockedUntil: state.lockedUntil }),
      },
    }));
  }

  #update(change: (current: SettingsFileContent | undefined) => SettingsFileContent): Promise<void> {
    const run = this.#writes.then(async () => this.#write(change(await this.#read())));
    // biome-ignore lint/plugin/no-swallowed-rejection: the queue only orders writes; the caller gets this write's rejection from `run`
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #write(content: SettingsFileContent): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    // A fresh name, created exclusively (never an existing file, never through a link), 0600.
    const temp = `${this.file}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`;
    const handle = await open(temp, fs.O_WRONLY | fs.O_CREAT | fs.O_EXCL | (fs.O_NOFOLLOW ?? 0), 0o600);
    try {
      try {
        await handle.chmod(0o600); // the mode given to open is filtered by the umask, chmod is not
        await handle.writeFile(JSON.stringify(content, null, 2), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (error) {
      // biome-ignore lint/plugin/no-swallowed-rejection: removing our own temp file after a failed write; the write's error is the one rethrown
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async #read(): Promise<SettingsFileContent | undefined> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      // O_NONBLOCK: opening a FIFO planted at the path must not wait for a writer.
      handle = await open(this.file, fs.O_RDONLY | (fs.O_NOFOLLOW ?? 0) | (fs.O_NONBLOCK ?? 0));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') return undefined;
      throw fileError(code === 'ELOOP' ? 'symbolic link' : 'cannot open', error);
    }
    let text: string;
    try {
      const stats: Stats = await handle.stat();
      if (!stats.isFile()) throw fileError('not a regular file');
      if (stats.size > MAX_SETTINGS_FILE_BYTES) throw fileError('too large');
      const buffer = Buffer.alloc(MAX_SETTINGS_FILE_BYTES + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > MAX_SETTINGS_FILE_BYTES) throw fileError('too large');
      }
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch (error) {
      if (error instanceof EligibilityError) throw error;
      throw fileError('cannot read', error);
    } finally {
      await handle.close();
    }
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (error) {
      throw fileError('not JSON', error);
    }
    if (typeof content !== 'object' || content === null || Array.isArray(content)) throw fileError('not an object');
    return content as SettingsFileContent;
  }
}
