/**
 * 基本4情報 (name, address, birth date, sex) from 入力補助AP EF `0002` (docs/reference/card-protocol.md#basic-four [confirmed]):
 * `FF20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }`. The individual
 * number is in another EF that the driver never reads.
 * @module
 */
import { ApduError, decodeTlv, tlvChildren } from '@onshikit/apdu';
import { CardError } from './errors.js';

/** Sex as recorded on the card (docs/reference/card-protocol.md#basic-four; JIS X 0303 / ISO 5218 codes). */
export type Sex = 'male' | 'female' | 'not-applicable' | 'unknown' | 'other';

/**
 * The birth date on the card (`YYYYMMDD` in the basic-four EF), without time zone, with its ISO
 * form. A Gregorian date of the same fields as portal-forms' `CalendarDate`.
 */
export interface BirthDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYY-MM-DD`. */
  readonly iso: string;
}

/** The basic four items. No individual number, ever. */
export interface BasicInfo {
  /** Full name as on the card: family and given name separated by U+3000 (docs/reference/card-protocol.md#basic-four). */
  readonly name: string;
  /** Family name (before the first U+3000), or the whole name when there is none. */
  readonly familyName: string;
  /** Given name (after the first U+3000), or `''`. */
  readonly givenName: string;
  /** Address as on the card (full-width block numbers). */
  readonly address: string;
  readonly birthDate: BirthDate;
  readonly sex: Sex;
  /** The raw sex code digit (`'1'`, `'2'`, `'9'`, `'0'`, …). */
  readonly sexCode: string;
}

/** Options for {@link parseBasicInfo}. */
export interface BasicInfoParseOptions {
  /**
   * What sex code `3` means. Confirmed sources use 1/2/9 (+0); flutter_nfc_mynumber and the JPKI
   * signing-cert SAN use `3` = other (docs/reference/card-protocol.md#conflicts). Default `'other'`.
   */
  sexCodeThree?: Sex;
}

function fail(reasonEn: string, reasonJa: string, offset?: number): never {
  throw new CardError('CARD_DATA_INVALID', {
    detail: { reason: reasonJa, reasonEn },
    ...(offset === undefined ? {} : { offset }),
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, what: string, offset: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return fail(`${what} is not UTF-8`, `${what} が UTF-8 でない`, offset);
  }
}

function ascii(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** Parses `YYYYMMDD` (docs/reference/card-protocol.md#basic-four: Gregorian, ASCII). */
export function parseYyyymmdd(bytes: Uint8Array, offset = 0): BirthDate {
  const s = ascii(bytes);
  if (!/^\d{8}$/.test(s)) fail('birth date is not YYYYMMDD', '生年月日が YYYYMMDD でない', offset);
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(4, 6));
  const day = Number(s.slice(6, 8));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || check.getUTCDate() !== day)
    fail('birth date does not exist', '存在しない生年月日', offset);
  return { year, month, day, iso: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` };
}

function sexOf(code: string, options: BasicInfoParseOptions): Sex {
  switch (code) {
    case '1':
      return 'male';
    case '2':
      return 'female';
    case '9':
      return 'not-applicable';
    case '0':
      return 'unknown';
    case '3':
      return options.sexCodeThree ?? 'other';
    default:
      return fail('unknown sex code', '性別コードが不明', undefined);
  }
}

/**
 * Parses the basic-four-items file. Throws `CardError('CARD_DATA_INVALID')` with the offset
 * for anything malformed. Strings are decoded (a copy is unavoidable for text).
 */
export function parseBasicInfo(file: Uint8Array, options: BasicInfoParseOptions = {}): BasicInfo {
  try {
    const outer = decodeTlv(file, { mode: 'ber', allowTrailing: true });
    if (outer.tag !== 0xff20) fail('outer tag is not FF20', '外側のタグが FF20 でない', 0);
    const found = new Map<number, { value: Uint8Array; offset: number }>();
    for (const child of tlvChildren(outer, { mode: 'ber' })) {
      if (!found.has(child.tag)) found.set(child.tag, { value: child.value, offset: child.offset });
    }
    const need = (tag: number, what: string): { value: Uint8Array; offset: number } =>
      found.get(tag) ?? fail(`${what} (${tag.toString(16).toUpperCase()}) missing`, `${what} がない`, outer.offset);
    const name = need(0xdf22, 'name');
    const address = need(0xdf23, 'address');
    const birth = need(0xdf24, 'birth date');
    const sex = need(0xdf25, 'sex');
    const fullName = text(name.value, 'name', name.offset);
    const split = fullName.indexOf('\u3000');
    const sexCode = ascii(sex.value);
    return {
      name: fullName,
      familyName: split < 0 ? fullName : fullName.slice(0, split),
      givenName: split < 0 ? '' : fullName.slice(split + 1),
      address: text(address.value, 'address', address.offset),
      birthDate: parseYyyymmdd(birth.value, birth.offset),
      sex: sexOf(sexCode, options),
      sexCode,
    };
  } catch (error) {
    if (error instanceof CardError) throw error;
    if (error instanceof ApduError) {
      throw new CardError('CARD_DATA_INVALID', {
        detail: { reason: 'TLV が不正', reasonEn: `malformed TLV (${error.code})` },
        ...(error.offset === undefined ? {} : { offset: error.offset }),
        cause: error,
      });
    }
    throw error;
  }
}
