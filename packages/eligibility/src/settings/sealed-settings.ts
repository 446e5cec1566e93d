/**
 * Settings at rest: the clear part as is, the secrets AES-256-GCM encrypted with WebCrypto
 * (browser-safe) under a 32-byte key that the vendor supplies, or that the Node subpath derives
 * from the operator password with scrypt (`sealSettingsWithPassword`). The clear part is bound
 * to the ciphertext as additional authenticated data, so it cannot be swapped.
 *
 * Version 2 binds the canonical JSON of `{ settings, key }` (sorted keys, see `canonicalJson`),
 * so the record still opens after a store reordered its keys (PostgreSQL `jsonb`). Version 1
 * (plain `JSON.stringify`, key order as written) is still read; a version 1 record whose keys
 * were reordered cannot be opened and must be sealed again.
 * @module
 */
import { EligibilityError } from '../errors.js';
import { base64ToBytes, bytesToBase64 } from '../xml/base64.js';
import { canonicalJson } from './canonical-json.js';
import { splitSecrets, validateAppSettings, type AppSettings, type PublicSettings } from './app-settings.js';

/** How the key was obtained (recorded so the reader derives it the same way). */
export type KeySource =
  | { readonly kind: 'vendor-key'; readonly keyId?: string }
  | { readonly kind: 'scrypt'; readonly salt: string; readonly N: number; readonly r: number; readonly p: number };

/** The stored form (JSON-safe). Never contains a secret in clear. */
export interface SealedSettings {
  /** 2 (canonical additional data); 1 is still read. */
  readonly version: 1 | 2;
  readonly settings: PublicSettings;
  readonly key: KeySource;
  /** 12-byte AES-GCM IV, base64. */
  readonly iv: string;
  /** Encrypted secrets + tag, base64. */
  readonly secrets: string;
}

// WebCrypto's types want ArrayBuffer-backed views; ours always are.
function view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

function aad(version: 1 | 2, settings: PublicSettings, key: KeySource): Uint8Array {
  let text: string;
  try {
    text = version === 2 ? canonicalJson({ settings, key }) : JSON.stringify({ settings, key });
  } catch (error) {
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'settings', reason: 'not JSON' }, cause: error });
  }
  return new TextEncoder().encode(text);
}

async function importKey(raw: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  if (!(raw instanceof Uint8Array) || raw.length !== 32)
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'key', reason: 'not 32 bytes' } });
  return globalThis.crypto.subtle.importKey('raw', view(raw), 'AES-GCM', false, [usage]);
}

/** Encrypts the secrets of validated settings under a 32-byte key. */
export async function sealSettings(
  input: AppSettings,
  key: Uint8Array,
  source: KeySource = { kind: 'vendor-key' },
): Promise<SealedSettings> {
  const settings = validateAppSettings(input);
  const { publicPart, secrets } = splitSecrets(settings);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(secrets));
  try {
    const cipher = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: view(aad(2, publicPart, source)) },
      await importKey(key, 'encrypt'),
      view(plain),
    );
    return {
      version: 2,
      settings: publicPart,
      key: source,
      iv: bytesToBase64(iv),
      secrets: bytesToBase64(new Uint8Array(cipher)),
    };
  } finally {
    plain.fill(0);
  }
}

/** Decrypts sealed settings; a wrong key or tampered data is `SETTINGS_DECRYPT_FAILED`. */
export async function openSettings(sealed: SealedSettings, key: Uint8Array): Promise<AppSettings> {
  if (typeof sealed !== 'object' || sealed === null || (sealed.version !== 1 && sealed.version !== 2))
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'version' } });
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: view(base64ToBytes(sealed.iv, 'iv')),
        additionalData: view(aad(sealed.version, sealed.settings, sealed.key)),
      },
      await importKey(key, 'decrypt'),
      view(base64ToBytes(sealed.secrets, 'secrets')),
    );
  } catch (error) {
    if (error instanceof EligibilityError && error.code === 'SETTINGS_INVALID') throw error;
    throw new EligibilityError('SETTINGS_DECRYPT_FAILED', { cause: error });
  }
  const bytes = new Uint8Array(plain);
  try {
    return validateAppSettings({ ...sealed.settings, ...(JSON.parse(new TextDecoder().decode(bytes)) as object) });
  } finally {
    bytes.fill(0);
  }
}
