/**
 * 被保険者記号・番号・枝番 as printed on a health insurance card or 資格確認書.
 * docs/reference/numbers-and-forms.md#symbol-number: symbols hold digits, kanji, kana and hyphens (協会けんぽ uses 7-8
 * digits; older symbols kanji/kana); one importer normalises NFKC and maps U+2010 / U+2212 to "-"
 * (PY-IMPORT); 枝番 is 2 digits kept as text (HIRAKATA, ASHIKAGA, HANGILC).
 * @module
 */
import { fail, type Validation } from './errors.js';
import { normalizeFormValue } from './normalize.js';

/** A normalised 被保険者記号. */
export type InsuredCardSymbol = string & { readonly __brand: 'InsuredCardSymbol' };
/** A normalised 被保険者番号. */
export type InsuredCardNumber = string & { readonly __brand: 'InsuredCardNumber' };
/** A 2-character 枝番, kept as text ("01"). */
export type InsuredBranchNumber = string & { readonly __brand: 'InsuredBranchNumber' };

/**
 * Longest 記号 or 番号 accepted. TODO(docs/reference/numbers-and-forms.md#symbol-number, docs/reference/portal-rules.md#open-questions): the OQS maximum
 * lengths and character classes are not public; 38 is a permissive guess, not a rule.
 */
export const INSURED_CARD_TEXT_MAX = 38;

/** Letters, digits, kanji, kana, hyphen, space, the middle dot and parentheses; nothing else. */
const SYMBOL_CHAR = /[\p{L}\p{N}\p{M}\- ・()]/u;

/** @internal */
export function checkInsuredCardText(input: unknown): Validation<string> {
  if (typeof input !== 'string') return fail('FORM_REQUIRED');
  const value = normalizeFormValue(input, 'symbol');
  if (value === '') return fail('FORM_REQUIRED');
  const chars = [...value];
  if (chars.length > INSURED_CARD_TEXT_MAX)
    return fail('FORM_TOO_LONG', { detail: { maximum: INSURED_CARD_TEXT_MAX } });
  let position = 0;
  for (const c of chars) {
    if (!SYMBOL_CHAR.test(c)) {
      return fail('FORM_CHARACTERS', {
        position,
        detail: { allowedJa: '文字・数字・ハイフン', allowedEn: 'letters, digits and hyphens' },
      });
    }
    position += 1;
  }
  return { ok: true, value };
}

/**
 * Normalises and checks a 被保険者記号: NFKC (full-width digits → half-width), dash variants →
 * "-", spaces collapsed, kanji and kana kept.
 *
 * @example
 * ```ts
 * validateInsuredCardSymbol('ａｂ－１２３').ok;   // true, value 'ab-123'
 * validateInsuredCardSymbol(' 埼玉‐１２ ');        // value '埼玉-12'
 * ```
 */
export function validateInsuredCardSymbol(input: unknown): Validation<InsuredCardSymbol> {
  return checkInsuredCardText(input) as Validation<InsuredCardSymbol>;
}

/** Normalises and checks a 被保険者番号 (same rules as the symbol). */
export function validateInsuredCardNumber(input: unknown): Validation<InsuredCardNumber> {
  return checkInsuredCardText(input) as Validation<InsuredCardNumber>;
}

/**
 * Checks a 枝番: exactly 2 digits, returned as a string so "01" keeps its leading zero.
 *
 * @example
 * ```ts
 * validateInsuredBranchNumber('０１'); // { ok: true, value: '01' }
 * validateInsuredBranchNumber('1');    // FORM_LENGTH
 * ```
 */
export function validateInsuredBranchNumber(input: unknown): Validation<InsuredBranchNumber> {
  if (typeof input !== 'string') return fail('FORM_REQUIRED');
  const value = normalizeFormValue(input, 'digits');
  if (value === '') return fail('FORM_REQUIRED');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return fail('FORM_DIGITS_ONLY', { position: i });
  }
  if (value.length !== 2) return fail('FORM_LENGTH', { detail: { expected: [2], actual: value.length } });
  return { ok: true, value: value as InsuredBranchNumber };
}
