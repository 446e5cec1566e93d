/**
 * Shared steps of the check-digit numbers: normalise, digits only, length, prefecture,
 * check digit. Each failure carries the 0-based position of the offending digit.
 * @module
 */
import { checkDigitOf } from './check-digit.js';
import { fail, type Validation } from './errors.js';
import { normalizeFormValue, stripSeparators } from './normalize.js';
import { prefectureByCode, type Prefecture } from './prefectures.js';

/** Names of a number in both languages, for messages. */
export interface NumberLabel {
  readonly ja: string;
  readonly en: string;
}

/** Normalises (full-width → half-width, hyphens and spaces removed) and checks digits and length. */
export function digitsOfLength(input: unknown, lengths: readonly number[]): Validation<string> {
  if (typeof input !== 'string') return fail('FORM_REQUIRED');
  const digits = stripSeparators(normalizeFormValue(input, 'digits'));
  if (digits === '') return fail('FORM_REQUIRED');
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return fail('FORM_DIGITS_ONLY', { position: i });
  }
  if (!lengths.includes(digits.length))
    return fail('FORM_LENGTH', { detail: { expected: [...lengths], actual: digits.length } });
  return { ok: true, value: digits };
}

/** The prefecture at `position` (two digits) or a FORM_PREFECTURE_CODE failure. */
export function prefectureAt(digits: string, position: number): Validation<Prefecture> {
  const code = digits.slice(position, position + 2);
  const prefecture = prefectureByCode(code);
  if (prefecture === undefined) return fail('FORM_PREFECTURE_CODE', { position, detail: { value: code } });
  return { ok: true, value: prefecture };
}

/** Verifies the last digit; on failure says which digit and what it should be. */
export function checkDigitAtEnd(digits: string, label: NumberLabel): Validation<number> {
  const position = digits.length - 1;
  const expected = checkDigitOf(digits.slice(0, position));
  const actual = digits.charCodeAt(position) - 48;
  if (expected !== actual) {
    return fail('FORM_CHECK_DIGIT', { position, detail: { expected, actual, labelJa: label.ja, labelEn: label.en } });
  }
  return { ok: true, value: actual };
}
