/**
 * 登録記号番号 (契約記号番号) of a 受領委任 clinic: 協 (協定) or 契 (契約), 7 digits of which the
 * first two are the 都道府県番号, then `-d-d`, e.g. 契2804440-0-0 (兵庫 = 28).
 * docs/reference/numbers-and-forms.md#juryo-inin (JYU-GAS, MAPLE-VB, SEED, E-SHUGI). The meaning of the two trailing digits
 * is not public (§8 question 2), so any digit is accepted there. One guide says to type it
 * without hyphens (WORLD-HOKEN): both forms are accepted and written back with hyphens.
 * @module
 */
import { fail, type Validation } from './errors.js';
import { normalizeFormValue } from './normalize.js';
import { prefectureByCode, type Prefecture } from './prefectures.js';

/** 協 = 協定 (collective agreement through an association), 契 = 契約 (individual contract). */
export type AgreementType = '協' | '契';

/** A 登録記号番号 in the canonical form `協2804440-0-0` (or without the prefix when none was typed). */
export type RegistrationSymbolNumber = string & { readonly __brand: 'RegistrationSymbolNumber' };

/** The parts of a 登録記号番号. */
export interface RegistrationSymbolNumberInfo {
  /** The prefix as typed, or undefined when only the digits were typed. */
  readonly agreement: AgreementType | undefined;
  /** The 7 digits. */
  readonly digits: string;
  readonly prefecture: Prefecture;
  /** The two trailing digits ("0", "0" in most numbers). */
  readonly suffix: readonly [string, string];
  /** `協2804440-0-0`, or `2804440-0-0` without a prefix. */
  readonly formatted: RegistrationSymbolNumber;
}

const SHAPE = /^(協|契)?([0-9]{7})(?:-([0-9])-([0-9])|([0-9])([0-9]))$/;

/** Formats the parts with the given (or typed) prefix. */
export function formatRegistrationSymbolNumber(
  info: Pick<RegistrationSymbolNumberInfo, 'digits' | 'suffix'>,
  agreement?: AgreementType,
): RegistrationSymbolNumber {
  return `${agreement ?? ''}${info.digits}-${info.suffix[0]}-${info.suffix[1]}` as RegistrationSymbolNumber;
}

/**
 * Checks a 登録記号番号 (full-width digits, any dash, with or without hyphens and prefix).
 *
 * @example
 * ```ts
 * const r = validateRegistrationSymbolNumber('契２８０４４４０００');
 * if (r.ok) r.value.formatted; // '契2804440-0-0'
 * ```
 */
export function validateRegistrationSymbolNumber(input: unknown): Validation<RegistrationSymbolNumberInfo> {
  if (typeof input !== 'string') return fail('FORM_REQUIRED');
  const text = normalizeFormValue(input, 'digits').replace(/\s+/g, '');
  if (text === '') return fail('FORM_REQUIRED');
  const m = SHAPE.exec(text);
  if (m === null) return fail('FORM_REGISTRATION_FORMAT');
  const agreement = m[1] as AgreementType | undefined;
  const digits = m[2]!;
  const suffix: [string, string] = [m[3] ?? m[5]!, m[4] ?? m[6]!];
  const prefecture = prefectureByCode(digits.slice(0, 2));
  if (prefecture === undefined) {
    return fail('FORM_PREFECTURE_CODE', { position: text.indexOf(digits), detail: { value: digits.slice(0, 2) } });
  }
  return {
    ok: true,
    value: {
      agreement,
      digits,
      prefecture,
      suffix,
      formatted: formatRegistrationSymbolNumber({ digits, suffix }, agreement),
    },
  };
}
