/**
 * DER helpers for reading an element in the fewest commands: the certificate EF is larger
 * than the certificate, and its DER header says how much to read (docs/reference/card-protocol.md#certificate-read).
 * @module
 */
import { ApduError } from './errors.js';
import { INDEFINITE, header, readHeader } from './tlv-header.js';
import type { TlvOptions } from './tlv.js';

/**
 * Total length of the element that starts `prefix`, from its first bytes (tag + length;
 * four bytes suffice for anything up to 64 KiB with a one-byte tag).
 *
 * Returns `undefined` when `prefix` is too short to tell, so the caller reads more; throws
 * `ApduError` for a malformed header (strict DER by default: indefinite lengths throw
 * `TLV_INDEFINITE_LENGTH`, non-minimal ones `TLV_NON_MINIMAL_LENGTH`).
 *
 * @example
 * ```ts
 * derElementLength(fromHex('30 82 04 1A')); // { headerLength: 4, totalLength: 1054 }
 * ```
 */
export function derElementLength(
  prefix: Uint8Array,
  options?: Pick<TlvOptions, 'mode'>,
): { headerLength: number; totalLength: number } | undefined {
  const der = options?.mode !== 'ber';
  const missing = readHeader(prefix, 0, prefix.length, der, 0);
  if (missing !== 0) return undefined;
  if (header.length === INDEFINITE) {
    throw new ApduError('TLV_INDEFINITE_LENGTH', { offset: header.valueStart - 1 });
  }
  return { headerLength: header.valueStart, totalLength: header.valueStart + header.length };
}
