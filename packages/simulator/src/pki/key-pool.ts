import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair as generateKeyPairCallback,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webcrypto } from './x509.js';

/** One RSA-2048 test key pair in both forms the simulator needs. */
export interface TestKeyPair {
  /** For the card's raw RSA operations (node:crypto). */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** For @peculiar/x509 certificate signing (WebCrypto, RSASSA-PKCS1-v1_5 / SHA-256). */
  readonly cryptoKeys: CryptoKeyPair;
}

/** RSASSA-PKCS1-v1_5 with SHA-256: the JPKI signature algorithm (docs/reference/card-protocol.md#certificates). */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const pool = new Map<string, Promise<TestKeyPair>>();

async function fromPrivateKey(privateKey: KeyObject): Promise<TestKeyPair> {
  const publicKey = createPublicKey(privateKey);
  const [cryptoPrivate, cryptoPublic] = await Promise.all([
    webcrypto.subtle.importKey('pkcs8', privateKey.export({ format: 'der', type: 'pkcs8' }), RSA_SHA256, true, [
      'sign',
    ]),
    webcrypto.subtle.importKey('spki', publicKey.export({ format: 'der', type: 'spki' }), RSA_SHA256, true, ['verify']),
  ]);
  return { privateKey, publicKey, cryptoKeys: { privateKey: cryptoPrivate, publicKey: cryptoPublic } as CryptoKeyPair };
}

function generatePrivateKey(): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    // RSA-2048, e = 65537 as on the card (docs/reference/card-protocol.md#signature).
    generateKeyPairCallback(
      'rsa',
      { modulusLength: 2048, publicExponent: 0x10001 },
      (error, _publicKey, privateKey) => {
        if (error) reject(error);
        else resolve(privateKey);
      },
    );
  });
}

/**
 * Directory of the on-disk key cache, or `undefined` when it is off. Keys are TEST keys of the
 * simulator; caching them lets parallel test workers and later runs skip RSA generation.
 * `ONSHIKIT_SIMULATOR_KEY_CACHE=off` turns it off; any other value is the directory to use.
 */
export function keyCacheDirectory(): string | undefined {
  const setting = process.env.ONSHIKIT_SIMULATOR_KEY_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  return setting && setting.length > 0 ? setting : path.join(tmpdir(), 'onshikit-simulator-test-keys-v1');
}

async function loadCached(file: string): Promise<KeyObject | undefined> {
  try {
    const key = createPrivateKey({ key: await readFile(file), format: 'der', type: 'pkcs8' });
    const details = key.asymmetricKeyDetails;
    return key.asymmetricKeyType === 'rsa' && details?.modulusLength === 2048 && details.publicExponent === 65537n
      ? key
      : undefined;
  } catch {
    return undefined;
  }
}

async function storeCached(directory: string, file: string, key: KeyObject): Promise<void> {
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    // Write then rename, so a parallel worker never reads half a file.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, key.export({ format: 'der', type: 'pkcs8' }), { mode: 0o600 });
    await rename(temporary, file);
  } catch {
    // A read-only or missing temp directory only costs speed.
  }
}

async function obtain(name: string): Promise<TestKeyPair> {
  const directory = keyCacheDirectory();
  const cacheable = directory !== undefined && /^[A-Za-z0-9._-]{1,64}$/.test(name);
  const file = cacheable ? path.join(directory, `${name}.pk8`) : undefined;
  const cached = file ? await loadCached(file) : undefined;
  if (cached) return fromPrivateKey(cached);
  const privateKey = await generatePrivateKey();
  if (directory && file) await storeCached(directory, file, privateKey);
  return fromPrivateKey(privateKey);
}

/**
 * A process-wide pool of RSA-2048 test keys: each slot name is generated once (about 0.2 s on
 * two cores, more under load) and shared by every card that asks for it, and by default kept in
 * an on-disk cache in the temp directory (see {@link keyCacheDirectory}) so other test workers
 * reuse it. Nothing here is deterministic or secret.
 *
 * @param name - pool slot, e.g. `'ca-auth'` or `'holder-auth'` (letters, digits, `._-`).
 */
export function testKeyPair(name: string): Promise<TestKeyPair> {
  let entry = pool.get(name);
  if (!entry) {
    entry = obtain(name);
    pool.set(name, entry);
    // A failed generation must not poison the slot for the rest of the process.
    entry.catch(() => pool.delete(name));
  }
  return entry;
}

/** Generates a fresh key outside the pool and the cache (for tests that need distinct keys). */
export async function freshTestKeyPair(): Promise<TestKeyPair> {
  return fromPrivateKey(await generatePrivateKey());
}
