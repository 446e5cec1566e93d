/**
 * Decoders for the few DER primitive types a certificate summary needs (ITU-T X.690 §8):
 * OBJECT IDENTIFIER, strings, UTCTime / GeneralizedTime, BIT STRING, INTEGER.
 * Each throws `CardError('CARD_CERT_INVALID')` with the offset of the bad element.
 * @module
 */
import type { Tlv } from '@onshikit/apdu';
import { CardError } from './errors.js';

/** ASN.1 universal tags used here. */
export const Asn1 = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Throws the certificate-format error for `tlv` (or the given offset). */
export function invalid(reasonEn: string, reasonJa: string, offset: number | undefined): never {
  throw new CardError('CARD_CERT_INVALID', {
    detail: { reason: reasonJa, reasonEn },
    ...(offset === undefined ? {} : { offset }),
  });
}

/** Asserts the tag of `tlv`. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined) invalid(`${what} missing`, `${what} がない`, undefined);
  if (tlv.tag !== tag)
    invalid(
      `${what}: expected tag ${tag.toString(16)}, got ${tlv.tag.toString(16)}`,
      `${what} のタグが不正`,
      tlv.offset,
    );
  return tlv;
}

/** Dotted-decimal form of an OBJECT IDENTIFIER value. */
export function decodeOid(tlv: Tlv): string {
  const v = tlv.value;
  // Fast path for X.520 attribute types 2.5.4.n (every DN attribute of a JPKI certificate).
  if (v.length === 3 && v[0] === 0x55 && v[1] === 0x04 && v[2]! < 0x80) return `2.5.4.${v[2]!}`;
  if (v.length === 0 || (v[v.length - 1]! & 0x80) !== 0) invalid('malformed OID', 'OID が不正', tlv.offset);
  const parts: number[] = [];
  let acc = 0;
  let started = false;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (!started && b === 0x80) invalid('non-minimal OID arc', 'OID が不正', tlv.offset + tlv.headerLength + i);
    started = (b & 0x80) !== 0;
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 128) invalid('OID arc too large', 'OID が大きすぎる', tlv.offset);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) {
        const first = acc < 80 ? Math.floor(acc / 40) : 2;
        parts.push(first, acc - first * 40);
      } else parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/** Text of a DirectoryString / IA5String / PrintableString value. */
export function decodeString(tlv: Tlv): string {
  const v = tlv.value;
  try {
    switch (tlv.tag) {
      case Asn1.UTF8_STRING:
        return utf8.decode(v);
      case Asn1.BMP_STRING:
        return utf16be.decode(v);
      case Asn1.UNIVERSAL_STRING: {
        let out = '';
        if (v.length % 4 !== 0) invalid('malformed UniversalString', '文字列が不正', tlv.offset);
        for (let i = 0; i < v.length; i += 4)
          out += String.fromCodePoint(((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0);
        return out;
      }
      case Asn1.PRINTABLE_STRING:
      case Asn1.IA5_STRING:
      case Asn1.TELETEX_STRING: {
        let out = '';
        for (const b of v) out += String.fromCharCode(b);
        return out;
      }
      default:
        invalid(`unsupported string type ${tlv.tag.toString(16)}`, '未対応の文字列型', tlv.offset);
    }
  } catch (error) {
    if (error instanceof CardError) throw error;
    return invalid('string is not valid in its encoding', '文字列の符号化が不正', tlv.offset);
  }
}

function digits(v: Uint8Array, from: number, count: number, tlv: Tlv): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const b = v[i];
    if (b === undefined || b < 0x30 || b > 0x39) invalid('malformed time', '日時が不正', tlv.offset);
    n = n * 10 + (b - 0x30);
  }
  return n;
}

/**
 * UTCTime (`YYMMDDHHMMSSZ`, RFC 5280 §4.1.2.5.1: YY ≥ 50 → 19YY) or GeneralizedTime
 * (`YYYYMMDDHHMMSS[.fff]Z`) as a `Date`.
 */
export function decodeTime(tlv: Tlv): Date {
  const v = tlv.value;
  let year: number;
  let at: number;
  if (tlv.tag === Asn1.UTC_TIME) {
    const yy = digits(v, 0, 2, tlv);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    at = 2;
  } else if (tlv.tag === Asn1.GENERALIZED_TIME) {
    year = digits(v, 0, 4, tlv);
    at = 4;
  } else {
    return invalid('validity time has an unknown type', '有効期間の型が不正', tlv.offset);
  }
  const month = digits(v, at, 2, tlv);
  const day = digits(v, at + 2, 2, tlv);
  const hour = digits(v, at + 4, 2, tlv);
  const minute = digits(v, at + 6, 2, tlv);
  let second = 0;
  let ms = 0;
  let end = at + 8;
  if (v[end] !== undefined && v[end] !== 0x5a) {
    second = digits(v, end, 2, tlv);
    end += 2;
    if (tlv.tag === Asn1.GENERALIZED_TIME && v[end] === 0x2e) {
      end++;
      let scale = 100;
      while (v[end] !== undefined && v[end] !== 0x5a) {
        ms += digits(v, end, 1, tlv) * scale;
        scale /= 10;
        end++;
      }
      ms = Math.floor(ms);
    }
  }
  if (v[end] !== 0x5a || end + 1 !== v.length) invalid('time is not in UTC (Z)', '日時が UTC(Z) でない', tlv.offset);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    invalid('time out of range', '日時の値が範囲外', tlv.offset);
  }
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  if (date.getUTCDate() !== day) invalid('no such date', '存在しない日付', tlv.offset);
  return date;
}

/** Contents of a BIT STRING: the unused-bits count and a view of the bits. */
export function decodeBitString(tlv: Tlv): { unusedBits: number; bytes: Uint8Array } {
  const v = tlv.value;
  const unused = v[0];
  if (unused === undefined || unused > 7 || (v.length === 1 && unused !== 0))
    invalid('malformed BIT STRING', 'BIT STRING が不正', tlv.offset);
  return { unusedBits: unused, bytes: v.subarray(1) };
}

/** A positive INTEGER's magnitude as a view without the sign byte. */
export function unsignedIntegerView(tlv: Tlv): Uint8Array {
  const v = tlv.value;
  if (v.length === 0) invalid('empty INTEGER', '整数が空', tlv.offset);
  return v.length > 1 && v[0] === 0 ? v.subarray(1) : v;
}
