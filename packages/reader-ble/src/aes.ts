import { cbc } from '@noble/ciphers/aes.js';

const ZERO_IV = new Uint8Array(16);

/**
 * AES-128-CBC with an all-zero IV and no padding, the only mode the ACR1255U-J1 uses
 * (Reference Manual §5.3 "Authentication", §5.7 "Mutual Authentication and Encryption Protocol").
 * `data.length` must be a multiple of 16.
 */
export function aesCbcEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(key, ZERO_IV, { disablePadding: true }).encrypt(data);
}

/** Inverse of {@link aesCbcEncrypt}. */
export function aesCbcDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(key, ZERO_IV, { disablePadding: true }).decrypt(data);
}

/** Cryptographically random bytes (Web Crypto: browsers, Node ≥ 20, React Native with a polyfill). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}
