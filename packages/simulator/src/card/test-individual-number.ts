/**
 * The fixed value the virtual card keeps in its individual-number EF (入力補助AP `0001`).
 * It deliberately FAILS the 個人番号 check digit (the valid last digit for `12345678901` is 8),
 * so it can never be mistaken for, or collide with, a real number.
 */
export const TEST_INDIVIDUAL_NUMBER = '123456789012';

/**
 * Check digit of an 11-digit 個人番号 prefix (省令 第五条): weights 2..7, 2..6 from the right,
 * remainder mod 11, 0 for remainders 0 and 1, else 11 − remainder.
 */
export function individualNumberCheckDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const digit = Number(first11[11 - n]);
    const weight = n <= 6 ? n + 1 : n - 5;
    sum += digit * weight;
  }
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/** True when a 12-digit string has a valid 個人番号 check digit. */
export function hasValidIndividualNumberCheckDigit(number: string): boolean {
  return /^\d{12}$/.test(number) && individualNumberCheckDigit(number.slice(0, 11)) === Number(number[11]);
}
