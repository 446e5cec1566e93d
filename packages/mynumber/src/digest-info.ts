/**
 * DER DigestInfo for the card's signature command (docs/reference/card-protocol.md#signature: with P1 `00` the host sends a
 * complete DigestInfo and the card applies PKCS#1 v1.5 padding).
 * @module
 */
import { CardError } from './errors.js';

/** Hash algorithms the driver can wrap. */
export type DigestAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-1';

/** RFC 8017 §9.2 note 1: DER prefixes of DigestInfo per hash. */
const PREFIXES: { readonly [A in DigestAlgorithm]: { readonly prefix: readonly number[]; readonly length: number } } = {
  'SHA-1': {
    prefix: [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14],
    length: 20,
  },
  'SHA-256': {
    prefix: [
      0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ],
    length: 32,
  },
  'SHA-384': {
    prefix: [
      0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
    ],
    length: 48,
  },
  'SHA-512': {
    prefix: [
      0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
    ],
    length: 64,
  },
};

/** Wraps an existing digest in a DigestInfo. Throws `CARD_INPUT_INVALID` for a wrong length. */
export function digestInfoFor(algorithm: DigestAlgorithm, digest: Uint8Array): Uint8Array {
  const spec = PREFIXES[algorithm];
  if (spec === undefined)
    throw new CardError('CARD_INPUT_INVALID', {
      detail: { reason: `未対応のハッシュ ${String(algorithm)}`, reasonEn: `unsupported hash ${String(algorithm)}` },
    });
  if (digest.length !== spec.length) {
    throw new CardError('CARD_INPUT_INVALID', {
      detail: {
        reason: `${algorithm} のダイジェストは ${spec.length} バイト`,
        reasonEn: `a ${algorithm} digest has ${spec.length} bytes, got ${digest.length}`,
      },
    });
  }
  const out = new Uint8Array(spec.prefix.length + digest.length);
  out.set(spec.prefix, 0);
  out.set(digest, spec.prefix.length);
  return out;
}

/** Hashes `data` with WebCrypto (browsers and Node alike) and wraps it in a DigestInfo. */
export async function digestInfoOf(algorithm: DigestAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  if (PREFIXES[algorithm] === undefined) {
    throw new CardError('CARD_INPUT_INVALID', {
      detail: { reason: `未対応のハッシュ ${String(algorithm)}`, reasonEn: `unsupported hash ${String(algorithm)}` },
    });
  }
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new CardError('CARD_INPUT_INVALID', {
      detail: { reason: 'WebCrypto が使えない環境', reasonEn: 'WebCrypto (crypto.subtle) is not available' },
    });
  }
  const digest = new Uint8Array(await subtle.digest(algorithm, data as Uint8Array<ArrayBuffer>));
  return digestInfoFor(algorithm, digest);
}
