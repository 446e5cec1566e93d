import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigitOf, hasValidCheckDigit, PortalFormsError, withCheckDigit } from '@onshikit/portal-forms';

describe('check digit (保険者番号等設定要領 第1)', () => {
  it('matches published 保険者番号 of 協会けんぽ branches and a 広域連合', () => {
    // 協会けんぽ publishes one 保険者番号 per prefectural branch: 北海道 01010016, 東京 01130012,
    // 大阪 01270016; 東京都後期高齢者医療広域連合 39131156.
    for (const n of ['01010016', '01130012', '01270016', '39131156']) expect(hasValidCheckDigit(n), n).toBe(true);
  });

  it('reproduces docs/reference/numbers-and-forms.md#insurer-number: 01234567 fails and 01234566 is valid', () => {
    expect(hasValidCheckDigit('01234567')).toBe(false);
    expect(hasValidCheckDigit('01234566')).toBe(true);
  });

  it('follows the rule step by step (rightmost ×2, two-digit products add their digits, 10 − last digit)', () => {
    // 0113001: 1×2=2, 0, 0×2=0, 3, 1×2=2, 1, 0×2=0 → 8 → 10−8 = 2
    expect(checkDigitOf('0113001')).toBe(2);
    // 9: 9×2=18 → 1+8 = 9 → 10−9 = 1
    expect(checkDigitOf('9')).toBe(1);
    // 5: 5×2=10 → 1+0 = 1 → 9
    expect(checkDigitOf('5')).toBe(9);
    // sum ending in 0 gives 0: 0000000
    expect(checkDigitOf('0000000')).toBe(0);
    expect(withCheckDigit('13104')).toBe('131045');
  });

  it('rejects non-digits with the position, and empty bodies', () => {
    expect(() => checkDigitOf('12a4')).toThrow(PortalFormsError);
    try {
      checkDigitOf('12a4');
    } catch (e) {
      expect((e as PortalFormsError).position).toBe(2);
      expect((e as PortalFormsError).code).toBe('FORM_DIGITS_ONLY');
    }
    expect(() => checkDigitOf('')).toThrow(PortalFormsError);
    expect(hasValidCheckDigit('1')).toBe(false);
    expect(hasValidCheckDigit('１８')).toBe(false);
  });

  it('generator and validator agree on sampled 7-digit bodies; every other last digit fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const body = String(n).padStart(7, '0');
        const full = withCheckDigit(body);
        expect(hasValidCheckDigit(full)).toBe(true);
        for (let d = 0; d <= 9; d++)
          if (String(d) !== full[7]) expect(hasValidCheckDigit(body + String(d))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects every single-digit error in the body', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (n, at, delta) => {
          const body = String(n).padStart(7, '0');
          const full = withCheckDigit(body);
          const changed = body.slice(0, at) + String((Number(body[at]) + delta) % 10) + body.slice(at + 1) + full[7];
          expect(hasValidCheckDigit(changed)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
