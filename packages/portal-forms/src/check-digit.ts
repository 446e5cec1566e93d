/**
 * The check digit (検証番号) of 保険者番号, 公費負担者番号 and 受給者番号.
 *
 * Rule (保険者番号等設定要領 第1; docs/reference/numbers-and-forms.md#insurer-number, sources MHLW-SETTEI, BIGLOBE,
 * IRYOUJIMU): take the digits before the check digit; from the rightmost one leftwards multiply
 * alternately by 2 and 1 (the rightmost by 2); when a product has two digits add them together;
 * sum everything; the check digit is 10 minus the last digit of the sum, or 0 when that digit is 0.
 * @module
 */
import { PortalFormsError } from './errors.js';

/** Doubling a digit and adding the two digits of the product: 0→0, 5→1 (10→1+0), 9→9 (18→1+8). */
const DOUBLED_DIGIT_SUM = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9] as const;

/** Sum of the weighted digits of `body` (charCodes must already be ASCII digits). */
function weightedSum(body: string): number {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    const digit = body.charCodeAt(i) - 48;
    sum += double ? DOUBLED_DIGIT_SUM[digit]! : digit;
    double = !double;
  }
  return sum;
}

function assertDigits(body: string): void {
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 48 || c > 57) throw new PortalFormsError('FORM_DIGITS_ONLY', { position: i });
  }
  if (body.length === 0) throw new PortalFormsError('FORM_REQUIRED');
}

/**
 * The check digit for the digits `body` (all digits before the check digit).
 * Throws {@link PortalFormsError} `FORM_DIGITS_ONLY` (with the position) for a non-digit.
 *
 * @example
 * ```ts
 * checkDigitOf('0113001'); // 2  → 保険者番号 01130012
 * ```
 */
export function checkDigitOf(body: string): number {
  assertDigits(body);
  return (10 - (weightedSum(body) % 10)) % 10;
}

/** `body` followed by its check digit: `withCheckDigit('0113001') === '01130012'`. */
export function withCheckDigit(body: string): string {
  return body + String(checkDigitOf(body));
}

/** Whether the last digit of `digits` is the check digit of the others. False for non-digits. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return checkDigitOf(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}
