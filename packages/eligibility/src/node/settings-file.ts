/**
 * Node side of the settings (issue 7 §1b): a key derived from the operator password with
 * scrypt (node:crypto), and a settings file written atomically with mode 0600. The secrets are
 * never written in clear (see `sealSettings`).
 * @module
 */
import { randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EligibilityError } from '../errors.js';
import type { AppSettings } from '../settings/app-settings.js';
import { openSettings, sealSettings, type SealedSettings } from '../settings/sealed-settings.js';

/** scrypt cost parameters (N = 2^15, r = 8, p = 1: about 32 MiB and ~100 ms, OWASP's minimum is 2^17 for passwords stored long-term; settings keys are re-derived only at unlock). */
export const SCRYPT_PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;

/** Derives a 32-byte key from a password with scrypt. */
export function deriveKey(password: string, salt: Uint8Array, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 }, (error, key) => {
      if (error) reject(new EligibilityError('SETTINGS_INVALID', { detail: { field: 'scrypt' }, cause: error }));
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.length));
    });
  });
}

/** Seals settings with a key derived from the operator password. */
export async function sealSettingsWithPassword(settings: AppSettings, password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<SealedSettings> {
  const salt = new Uint8Array(randomBytes(16));
  const key = await deriveKey(password, salt, params);
  try {
    return await sealSettings(settings, key, { kind: 'scrypt', salt: Buffer.from(salt).toString('base64'), ...params });
  } finally {
    key.fill(0);
  }
}

/** Opens settings sealed with {@link sealSettingsWithPassword}; a wrong password is `SETTINGS_DECRYPT_FAILED`. */
export async function openSettingsWithPassword(sealed: SealedSettings, password: string): Promise<AppSettings> {
  if (sealed.key.kind !== 'scrypt') throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'key', reason: 'not password-sealed' } });
  const key = await deriveKey(password, new Uint8Array(Buffer.from(sealed.key.salt, 'base64')), sealed.key);
  try {
    return await openSettings(sealed, key);
  } finally {
    key.fill(0);
  }
}

/** Sealed settings in one JSON file (atomic replace, owner-only permissions). */
export class FileSettingsStore {
  constructor(readonly file: string) {}

  /** Writes sealed settings (never clear secrets). */
  async save(sealed: SealedSettings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(sealed, null, 2), { mode: 0o600 });
    await rename(temp, this.file);
  }

  /** Reads sealed settings, or `undefined` before the initial registration. */
  async load(): Promise<SealedSettings | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'file' }, cause: error });
    }
    try {
      return JSON.parse(text) as SealedSettings;
    } catch (error) {
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'file', reason: 'not JSON' }, cause: error });
    }
  }
}
