import { ApduError } from './errors.js';

const HEX_DIGITS = '0123456789ABCDEF';
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE[HEX_DIGITS.charCodeAt(i)] = i;
  NIBBLE[HEX_DIGITS.toLowerCase().charCodeAt(i)] = i;
}

/** Options for {@link toHex}. */
export interface ToHexOptions {
  /** Put this between bytes, e.g. `' '` or `':'`. Default: none. */
  separator?: string;
  /** Lower-case digits. Default: upper case, as card traces are usually printed. */
  lowerCase?: boolean;
}

/**
 * Formats bytes as hex: `toHex(Uint8Array.of(0x90, 0))` → `'9000'`.
 */
export function toHex(bytes: Uint8Array, options: ToHexOptions = {}): string {
  const digits = options.lowerCase ? HEX_DIGITS.toLowerCase() : HEX_DIGITS;
  const separator = options.separator ?? '';
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (i > 0 && separator) out += separator;
    out += digits[b >> 4]! + digits[b & 15]!;
  }
  return out;
}

/**
 * Parses hex, ignoring spaces, tabs, new lines, colons, dashes and a leading `0x`:
 * `fromHex('00 A4:04 0C')`. Throws `ApduError` `HEX_INVALID` with the character offset.
 */
export function fromHex(text: string): Uint8Array {
  const src = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  const out = new Uint8Array(src.length >> 1);
  let n = 0;
  let high = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x20 || c === 0x3a || c === 0x2d || c === 0x09 || c === 0x0a || c === 0x0d) {
      if (high !== -1)
        throw new ApduError('HEX_INVALID', {
          offset: i,
          detail: { detail: 'separator inside a byte / バイトの途中に区切り' },
        });
      continue;
    }
    const v = c < 128 ? NIBBLE[c]! : -1;
    if (v < 0)
      throw new ApduError('HEX_INVALID', {
        offset: i,
        detail: { detail: `unexpected character / 不正な文字 '${src[i]}'` },
      });
    if (high === -1) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high !== -1)
    throw new ApduError('HEX_INVALID', { offset: src.length, detail: { detail: 'odd number of digits / 桁数が奇数' } });
  return out.subarray(0, n);
}

/** True when both byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Concatenates byte arrays into one new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
