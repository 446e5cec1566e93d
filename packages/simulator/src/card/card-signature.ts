import { constants, createHash, privateDecrypt, privateEncrypt, randomBytes, sign, type KeyObject } from 'node:crypto';
import { Sw } from './status-words.js';

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30,
  0x31,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x20,
);

/** Largest input of PKCS#1 v1.5 type-1 padding for RSA-2048 (256 − 11). */
const MAX_PKCS1_INPUT = 245;

function pkcs1(key: KeyObject, input: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, input));
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function withDigestInfo(hash: Uint8Array): Uint8Array {
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + hash.length);
  out.set(SHA256_DIGEST_INFO_PREFIX, 0);
  out.set(hash, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
}

function mgf1(seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let counter = 0, at = 0; at < length; counter++) {
    const c = Uint8Array.of(counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff);
    const block = createHash('sha256').update(seed).update(c).digest();
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

/** RSASSA-PSS over a given SHA-256 hash (RFC 8017 §9.1.1, MGF1-SHA-256, 32-byte salt). */
function pssOverHash(key: KeyObject, hash: Uint8Array): Uint8Array {
  const emLength = 256;
  const salt = randomBytes(32);
  const h = createHash('sha256').update(new Uint8Array(8)).update(hash).update(salt).digest();
  const db = new Uint8Array(emLength - 32 - 1);
  db[db.length - 32 - 1] = 0x01;
  db.set(salt, db.length - 32);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0x7f; // emBits = 2047
  const em = new Uint8Array(emLength);
  em.set(db, 0);
  em.set(h, db.length);
  em[emLength - 1] = 0xbc;
  return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, em));
}

/**
 * COMPUTE DIGITAL SIGNATURE by P1 (docs/reference/card-protocol.md#signature table, P1 `01`–`05` [single]). Returns the
 * signature or the status word the card answers with: `6A86` for an unknown P1, `6985` for an
 * input of the wrong length.
 */
export function computeCardSignature(key: KeyObject, p1: number, data: Uint8Array): Uint8Array | number {
  switch (p1) {
    case 0x00:
      return data.length >= 1 && data.length <= MAX_PKCS1_INPUT ? pkcs1(key, data) : Sw.CONDITIONS_NOT_SATISFIED;
    case 0x01:
      return data.length >= 1 && data.length <= 255 ? pkcs1(key, sha256(data)) : Sw.CONDITIONS_NOT_SATISFIED;
    case 0x02:
      return data.length === 32 ? pkcs1(key, withDigestInfo(data)) : Sw.CONDITIONS_NOT_SATISFIED;
    case 0x03:
      return data.length >= 1 && data.length <= 255
        ? pkcs1(key, withDigestInfo(sha256(data)))
        : Sw.CONDITIONS_NOT_SATISFIED;
    case 0x04:
      return data.length === 32 ? pssOverHash(key, data) : Sw.CONDITIONS_NOT_SATISFIED;
    case 0x05:
      return data.length >= 1 && data.length <= 255
        ? new Uint8Array(sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }))
        : Sw.CONDITIONS_NOT_SATISFIED;
    default:
      return Sw.WRONG_P1P2;
  }
}

/** PKCS#1 v1.5 signature over a SHA-256 DigestInfo of `data` (for the simulator's own files). */
export function signSha256(key: KeyObject, data: Uint8Array): Uint8Array {
  return pkcs1(key, withDigestInfo(sha256(data)));
}

export { sha256 };
