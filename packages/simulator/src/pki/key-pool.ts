import { generateKeyPair as generateKeyPairCallback, type KeyObject } from 'node:crypto';
import { webcrypto } from './x509.js';

/** One RSA-2048 test key pair in both forms the simulator needs. */
export interface TestKeyPair {
  /** For the card's raw RSA operations (node:crypto). */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** For @peculiar/x509 certificate signing (WebCrypto, RSASSA-PKCS1-v1_5 / SHA-256). */
  readonly cryptoKeys: CryptoKeyPair;
}

/** RSASSA-PKCS1-v1_5 with SHA-256: the JPKI signature algorithm (memo §5.8). */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const pool = new Map<string, Promise<TestKeyPair>>();

function generate(): Promise<TestKeyPair> {
  return new Promise((resolve, reject) => {
    // RSA-2048, e = 65537 as on the card (memo §4.3).
    generateKeyPairCallback('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (error, publicKey, privateKey) => {
      if (error) {
        reject(error);
        return;
      }
      const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
      const spki = publicKey.export({ format: 'der', type: 'spki' });
      Promise.all([
        webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, true, ['sign']),
        webcrypto.subtle.importKey('spki', spki, RSA_SHA256, true, ['verify']),
      ]).then(([cryptoPrivate, cryptoPublic]) => {
        resolve({ privateKey, publicKey, cryptoKeys: { privateKey: cryptoPrivate, publicKey: cryptoPublic } as CryptoKeyPair });
      }, reject);
    });
  });
}

/**
 * A process-wide pool of RSA-2048 test keys: each name is generated once (about 0.2 s on
 * two cores) and shared by every card that asks for it, so a test file with twenty cards pays
 * for a handful of keys. Keys are random per process; nothing here is deterministic.
 *
 * @param name - pool slot, e.g. `'auth-ca'` or `'holder-auth-0'`.
 */
export function testKeyPair(name: string): Promise<TestKeyPair> {
  let entry = pool.get(name);
  if (!entry) {
    entry = generate();
    pool.set(name, entry);
    // A failed generation must not poison the slot for the rest of the process.
    entry.catch(() => pool.delete(name));
  }
  return entry;
}

/** Generates a fresh key outside the pool (for tests that need two distinct cards). */
export function freshTestKeyPair(): Promise<TestKeyPair> {
  return generate();
}
