/**
 * TLV writer: builds elements with minimal (DER) lengths, for the simulator and tests.
 * @module
 */
import { ApduError } from './errors.js';
import { assertValidTag, tagByteLength } from './tlv-tag.js';

/** Largest value length the writer and reader handle (four length bytes, `84 FF FF FF FF`). */
export const MAX_TLV_LENGTH = 0xffffffff;

function derLengthSize(length: number): number {
  return length < 0x80 ? 1 : length <= 0xff ? 2 : length <= 0xffff ? 3 : length <= 0xffffff ? 4 : 5;
}

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > MAX_TLV_LENGTH) {
    throw new ApduError('TLV_INVALID_LENGTH', {
      detail: { detail: `cannot encode length ${String(length)} / 表せない長さ` },
    });
  }
}

function writeLength(out: Uint8Array, at: number, length: number): number {
  const size = derLengthSize(length);
  if (size === 1) {
    out[at] = length;
    return at + 1;
  }
  out[at] = 0x80 | (size - 1);
  for (let i = size - 1; i >= 1; i--) {
    out[at + i] = length & 0xff;
    length = Math.floor(length / 256);
  }
  return at + size;
}

/**
 * The minimal DER encoding of a length (X.690 §10.1): `encodeDerLength(0x7F)` → `7F`,
 * `encodeDerLength(0x80)` → `81 80`, `encodeDerLength(0x0102)` → `82 01 02`.
 * Throws `TLV_INVALID_LENGTH` for negative, fractional or > 2^32 − 1 lengths.
 */
export function encodeDerLength(length: number): Uint8Array {
  checkLength(length);
  const out = new Uint8Array(derLengthSize(length));
  writeLength(out, 0, length);
  return out;
}

/**
 * Encodes one element. `value` is either the value bytes or the already encoded children of
 * a constructed element (concatenated in order). The length is computed and written in its
 * minimal form, so the output is DER whenever the children are.
 *
 * @example
 * ```ts
 * encodeTlv(0xFF20, [encodeTlv(0xDF22, Uint8Array.of(1, 2))]); // FF 20 05 DF 22 02 01 02
 * ```
 */
export function encodeTlv(tag: number, value: Uint8Array | readonly Uint8Array[]): Uint8Array {
  assertValidTag(tag);
  let length = 0;
  if (value instanceof Uint8Array) length = value.length;
  else for (const part of value) length += part.length;
  checkLength(length);
  const tagSize = tagByteLength(tag);
  const out = new Uint8Array(tagSize + derLengthSize(length) + length);
  for (let i = 0; i < tagSize; i++) out[i] = Math.floor(tag / 2 ** (8 * (tagSize - 1 - i))) & 0xff;
  let at = writeLength(out, tagSize, length);
  if (value instanceof Uint8Array) out.set(value, at);
  else
    for (const part of value) {
      out.set(part, at);
      at += part.length;
    }
  return out;
}
