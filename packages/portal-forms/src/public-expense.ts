/**
 * 公費負担者番号 (8 digits: 法別番号 2 + 都道府県番号 2 + 実施機関番号 3 + 検証番号 1) and
 * 公費負担医療の受給者番号 (7 digits: 受給者区分 6 + 検証番号 1), both with the check digit of
 * ./check-digit.ts. docs/reference/numbers-and-forms.md#public-expense (CHIGASAKI, NANBYO, MHLW-KOSEI, IRYOUJIMU).
 * @module
 */
import { fail, type Validation } from './errors.js';
import { houbetsuByCode, type Houbetsu } from './houbetsu.js';
import { checkDigitAtEnd, digitsOfLength, prefectureAt, type NumberLabel } from './number-rules.js';
import type { Prefecture } from './prefectures.js';

/** A checked 公費負担者番号. */
export type PublicExpensePayerNumber = string & { readonly __brand: 'PublicExpensePayerNumber' };
/** A checked 受給者番号. */
export type PublicExpenseRecipientNumber = string & { readonly __brand: 'PublicExpenseRecipientNumber' };

/** What a valid 公費負担者番号 is made of. */
export interface PublicExpensePayerInfo {
  readonly value: PublicExpensePayerNumber;
  readonly houbetsuCode: string;
  /** The documented entry; undefined when docs/reference/numbers-and-forms.md#public-expense does not list the code. */
  readonly houbetsu: Houbetsu | undefined;
  readonly prefecture: Prefecture;
  /** 実施機関番号, 3 digits. */
  readonly agency: string;
  readonly checkDigit: number;
}

/** Options for {@link validatePublicExpensePayerNumber}. */
export interface PublicExpensePayerOptions {
  /** Reject 法別番号 not in the table. Default false (the table lists what docs/reference/numbers-and-forms.md#public-expense documents only). */
  requireKnownHoubetsu?: boolean;
}

const PAYER: NumberLabel = { ja: '公費負担者番号', en: 'public expense payer number' };
const RECIPIENT: NumberLabel = { ja: '受給者番号', en: 'recipient number' };

/**
 * Checks a 公費負担者番号.
 *
 * @example
 * ```ts
 * validatePublicExpensePayerNumber('54136015').ok; // true (難病, 東京都)
 * ```
 */
export function validatePublicExpensePayerNumber(
  input: unknown,
  options: PublicExpensePayerOptions = {},
): Validation<PublicExpensePayerInfo> {
  const digits = digitsOfLength(input, [8]);
  if (!digits.ok) return digits;
  const value = digits.value;
  const prefecture = prefectureAt(value, 2);
  if (!prefecture.ok) return prefecture;
  const check = checkDigitAtEnd(value, PAYER);
  if (!check.ok) return check;
  const houbetsuCode = value.slice(0, 2);
  const houbetsu = houbetsuByCode(houbetsuCode);
  if (houbetsu?.category !== 'public-expense' && options.requireKnownHoubetsu === true) {
    return fail('FORM_HOUBETSU_UNKNOWN', { position: 0, detail: { value: houbetsuCode } });
  }
  return {
    ok: true,
    value: {
      value: value as PublicExpensePayerNumber,
      houbetsuCode,
      houbetsu: houbetsu?.category === 'public-expense' ? houbetsu : undefined,
      prefecture: prefecture.value,
      agency: value.slice(4, 7),
      checkDigit: check.value,
    },
  };
}

/**
 * Checks a 7-digit 受給者番号 (公費負担医療).
 *
 * @example
 * ```ts
 * validatePublicExpenseRecipientNumber('1234566').ok; // true
 * ```
 */
export function validatePublicExpenseRecipientNumber(input: unknown): Validation<PublicExpenseRecipientNumber> {
  const digits = digitsOfLength(input, [7]);
  if (!digits.ok) return digits;
  const check = checkDigitAtEnd(digits.value, RECIPIENT);
  if (!check.ok) return check;
  return { ok: true, value: digits.value as PublicExpenseRecipientNumber };
}
