/**
 * 保険者番号: 8 digits (法別番号 2 + 都道府県番号 2 + 保険者別番号 3 + 検証番号 1) for 社保・共済・
 * 後期高齢者, 6 digits (都道府県番号 2 + 保険者別番号 3 + 検証番号 1) for 市町村国保 and 国保組合.
 * docs/reference/numbers-and-forms.md#insurer-number (MHLW-SETTEI, ZUU, MEDI-LOCUS, MONEYFWD); check digit: ./check-digit.ts.
 * @module
 */
import { fail, type PortalFormsError, type Validation } from './errors.js';
import { houbetsuByCode, type Houbetsu } from './houbetsu.js';
import { checkDigitAtEnd, digitsOfLength, prefectureAt, type NumberLabel } from './number-rules.js';
import type { Prefecture } from './prefectures.js';

/** A checked 保険者番号 (type brand: only {@link validateInsurerNumber} makes one). */
export type InsurerNumber = string & { readonly __brand: 'InsurerNumber' };

/** What a valid 保険者番号 is made of. */
export interface InsurerNumberInfo {
  /** The number, digits only: 8 digits, or 6 for 国保. */
  readonly value: InsurerNumber;
  /** `national-health` for 6-digit 国保 numbers, `employee-or-other` for 8-digit ones. */
  readonly kind: 'national-health' | 'employee-or-other';
  /** The two 法別 digits (8-digit numbers only). */
  readonly houbetsuCode: string | undefined;
  /** The documented 法別番号 entry, when docs/reference/numbers-and-forms.md#houbetsu lists it. */
  readonly houbetsu: Houbetsu | undefined;
  readonly prefecture: Prefecture;
  /** 保険者別番号, 3 digits. For 国保組合 the first of them is 3 (docs/reference/numbers-and-forms.md#insurer-number, ⚠️ one source). */
  readonly serial: string;
  readonly checkDigit: number;
}

/** Options for {@link validateInsurerNumber}. */
export interface InsurerNumberOptions {
  /**
   * Accept an 8-digit `00` + 6-digit 国保 number (the padding some request files use, docs/reference/oqs-messages.md#file-link)
   * and return the 6-digit number. Default true.
   */
  acceptPaddedNationalHealth?: boolean;
  /** Reject 8-digit numbers whose 法別番号 is not in {@link HOUBETSU}. Default false (the table is not exhaustive). */
  requireKnownHoubetsu?: boolean;
}

const LABEL: NumberLabel = { ja: '保険者番号', en: 'insurer number' };

/**
 * Checks a 保険者番号 typed by a person (full-width digits, hyphens and spaces are fine) and
 * tells which digit is wrong.
 *
 * @example
 * ```ts
 * validateInsurerNumber('０１１３００１２'); // { ok: true, value: { value: '01130012', … } }
 * validateInsurerNumber('01130013');         // { ok: false, error: FORM_CHECK_DIGIT at position 7, expected 2 }
 * ```
 */
export function validateInsurerNumber(
  input: unknown,
  options: InsurerNumberOptions = {},
): Validation<InsurerNumberInfo> {
  const digits = digitsOfLength(input, [6, 8]);
  if (!digits.ok) return digits;
  let value = digits.value;
  if (value.length === 8 && value.startsWith('00') && options.acceptPaddedNationalHealth !== false)
    value = value.slice(2);
  const national = value.length === 6;
  const offset = national ? 0 : 2;
  const prefecture = prefectureAt(value, offset);
  if (!prefecture.ok) return prefecture;
  const check = checkDigitAtEnd(value, LABEL);
  if (!check.ok) return check;
  const houbetsuCode = national ? undefined : value.slice(0, 2);
  const houbetsu = houbetsuCode === undefined ? undefined : houbetsuByCode(houbetsuCode);
  if (houbetsuCode !== undefined && houbetsu === undefined && options.requireKnownHoubetsu === true) {
    return fail('FORM_HOUBETSU_UNKNOWN', { position: 0, detail: { value: houbetsuCode } });
  }
  return {
    ok: true,
    value: {
      value: value as InsurerNumber,
      kind: national ? 'national-health' : 'employee-or-other',
      houbetsuCode,
      houbetsu,
      prefecture: prefecture.value,
      serial: value.slice(offset + 2, offset + 5),
      checkDigit: check.value,
    },
  };
}

/** Like {@link validateInsurerNumber} but throws the {@link PortalFormsError}. */
export function parseInsurerNumber(input: string, options?: InsurerNumberOptions): InsurerNumberInfo {
  const result = validateInsurerNumber(input, options);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Re-exported for callers that only need the error type next to the parser. */
export type { PortalFormsError };
