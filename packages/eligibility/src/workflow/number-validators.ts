/**
 * Local stand-ins for portal-forms' number validators (same rules: memo eligibility.md §2.1
 * check digit, §2.4 記号・番号・枝番), used until `@onshikit/portal-forms` exports its own.
 * @module
 */

/** Outcome of one field check. */
export type FieldCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** 設定要領 第1: from the rightmost digit before the check digit, ×2, ×1, …; digit sums; 10 − last digit. */
export function insurerCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, factor = 2; i >= 0; i -= 1, factor = factor === 2 ? 1 : 2) {
    const p = Number(body[i]) * factor;
    sum += p >= 10 ? 1 + (p - 10) : p;
  }
  const last = sum % 10;
  return last === 0 ? 0 : 10 - last;
}

/** 保険者番号: 6 (国保) or 8 digits with a valid check digit; full-width digits accepted. */
export function checkInsurerNumber(input: unknown): FieldCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'missing' };
  const value = input.normalize('NFKC').replace(/\s+/g, '');
  if (!/^(\d{6}|\d{8})$/.test(value)) return { ok: false, reason: 'not 6 or 8 digits' };
  if (insurerCheckDigit(value.slice(0, -1)) !== Number(value.slice(-1))) return { ok: false, reason: 'check digit' };
  return { ok: true, value };
}

const CARD_TEXT = /^[\p{L}\p{N}\p{M}\- ・()]{1,38}$/u;

/** 記号 / 番号: NFKC, dash variants → "-", letters, digits, kanji, kana, "-", "・", "()", ≤ 38. */
export function checkCardText(input: unknown): FieldCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'missing' };
  const value = input.normalize('NFKC').replace(/[\u2010-\u2015\u2212\uff0d]/g, '-').replace(/\s+/g, ' ').trim();
  if (value === '') return { ok: false, reason: 'missing' };
  if (!CARD_TEXT.test(value)) return { ok: false, reason: 'characters or length' };
  return { ok: true, value };
}

/** 枝番: exactly 2 digits, kept as text. */
export function checkBranch(input: unknown): FieldCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'missing' };
  const value = input.normalize('NFKC').trim();
  return /^\d{2}$/.test(value) ? { ok: true, value } : { ok: false, reason: 'not 2 digits' };
}
