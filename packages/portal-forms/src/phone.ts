/**
 * Japanese telephone numbers as the portal wants them: half-width digits without hyphens
 * (seed guide ④; docs/reference/portal-rules.md#user-registration). The portal only says "half-width, no hyphens";
 * the length and prefix rules below are the public numbering plan (総務省 電気通信番号計画):
 *
 * | prefix | service | digits |
 * |---|---|---|
 * | 020, 060, 070, 080, 090 | M2M, FMC, mobile | 11 |
 * | 050 | IP phone | 11 |
 * | 0800 | free dial | 11 |
 * | 0120, 0570, 0990 | free dial, navi dial, information | 10 |
 * | other 0[1-9] | fixed lines (市外局番 + 市内局番 + 加入者番号) | 10 |
 * | 00, 010, 030, 040 | carrier/international prefixes, unassigned | rejected |
 *
 * `+81` / `81` international forms are turned into the domestic `0…` form first.
 * @module
 */
import { fail, type Validation } from './errors.js';
import { normalizeFormValue } from './normalize.js';

/** A checked phone number: digits only, domestic form. */
export type PhoneNumber = string & { readonly __brand: 'PhoneNumber' };

const RULES: readonly { readonly prefix: string; readonly length: number | undefined }[] = [
  { prefix: '00', length: undefined },
  { prefix: '010', length: undefined },
  { prefix: '030', length: undefined },
  { prefix: '040', length: undefined },
  { prefix: '0800', length: 11 },
  { prefix: '0120', length: 10 },
  { prefix: '0570', length: 10 },
  { prefix: '0990', length: 10 },
  { prefix: '020', length: 11 },
  { prefix: '050', length: 11 },
  { prefix: '060', length: 11 },
  { prefix: '070', length: 11 },
  { prefix: '080', length: 11 },
  { prefix: '090', length: 11 },
  { prefix: '0', length: 10 },
];

/**
 * What the phone field does before checking: NFKC (full-width digits), then removes hyphens
 * (any dash, also ー typed with the IME on), spaces, dots and parentheses, and turns +81 into 0.
 */
export function normalizePhoneNumber(input: string): string {
  let digits = normalizeFormValue(input, 'digits').replace(/[-\s.()]/g, '');
  if (digits.startsWith('+81')) digits = '0' + digits.slice(3).replace(/^0/, '');
  return digits;
}

/**
 * Checks a Japanese phone number typed by a person and returns it as the portal wants it.
 *
 * @example
 * ```ts
 * validatePhoneNumber('03-1234-5678');   // { ok: true, value: '0312345678' }
 * validatePhoneNumber('０９０ー１２３４ー５６７８'); // { ok: true, value: '09012345678' }
 * validatePhoneNumber('03-1234-567');    // FORM_PHONE_LENGTH
 * ```
 */
export function validatePhoneNumber(input: unknown): Validation<PhoneNumber> {
  if (typeof input !== 'string') return fail('FORM_REQUIRED');
  const digits = normalizePhoneNumber(input);
  if (digits === '') return fail('FORM_REQUIRED');
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return fail('FORM_DIGITS_ONLY', { position: i });
  }
  if (!digits.startsWith('0'))
    return fail('FORM_PHONE_PREFIX', { position: 0, detail: { prefix: digits.slice(0, 1) } });
  const rule = RULES.find((r) => digits.startsWith(r.prefix))!;
  if (rule.length === undefined) return fail('FORM_PHONE_PREFIX', { position: 0, detail: { prefix: rule.prefix } });
  if (digits.length !== rule.length) {
    const prefix = rule.prefix === '0' ? digits.slice(0, 2) : rule.prefix;
    return fail('FORM_PHONE_LENGTH', { detail: { prefix, expected: rule.length, actual: digits.length } });
  }
  return { ok: true, value: digits as PhoneNumber };
}
