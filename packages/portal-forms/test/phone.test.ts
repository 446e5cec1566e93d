import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber, validatePhoneNumber } from '@onshikit/portal-forms';

describe('電話番号', () => {
  it('normalises full-width digits and strips hyphens, spaces and parentheses', () => {
    const cases: [string, string][] = [
      ['03-1234-5678', '0312345678'],
      ['０３－１２３４－５６７８', '0312345678'],
      ['090ー1234ー5678', '09012345678'],
      ['(03) 1234 5678', '0312345678'],
      ['078‐123‐4567', '0781234567'],
      ['0120-123-456', '0120123456'],
      ['0800-123-4567', '08001234567'],
      ['050-1234-5678', '05012345678'],
      ['+81 3-1234-5678', '0312345678'],
      ['+81-90-1234-5678', '09012345678'],
      ['0570-000-123', '0570000123'],
    ];
    for (const [typed, expected] of cases)
      expect(validatePhoneNumber(typed), typed).toEqual({ ok: true, value: expected });
  });

  it('checks lengths per prefix', () => {
    expect(validatePhoneNumber('03-1234-567')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PHONE_LENGTH', detail: { prefix: '03', expected: 10, actual: 9 } },
    });
    expect(validatePhoneNumber('090-1234-567')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PHONE_LENGTH', detail: { prefix: '090', expected: 11 } },
    });
    expect(validatePhoneNumber('0312345678 9')).toMatchObject({ ok: false, error: { code: 'FORM_PHONE_LENGTH' } });
    expect(validatePhoneNumber('0120-123-4567')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PHONE_LENGTH', detail: { prefix: '0120', expected: 10 } },
    });
  });

  it('rejects numbers without a domestic prefix and non-digits', () => {
    expect(validatePhoneNumber('3-1234-5678')).toMatchObject({ ok: false, error: { code: 'FORM_PHONE_PREFIX' } });
    expect(validatePhoneNumber('0012345678')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PHONE_PREFIX', detail: { prefix: '00' } },
    });
    expect(validatePhoneNumber('0101234567')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PHONE_PREFIX', detail: { prefix: '010' } },
    });
    expect(validatePhoneNumber('03-1234-567a')).toMatchObject({
      ok: false,
      error: { code: 'FORM_DIGITS_ONLY', position: 9 },
    });
    expect(validatePhoneNumber(' ')).toMatchObject({ ok: false, error: { code: 'FORM_REQUIRED' } });
    expect(validatePhoneNumber(null)).toMatchObject({ ok: false, error: { code: 'FORM_REQUIRED' } });
  });

  it('accepts every 10-digit number outside the 11-digit and reserved prefixes, and 11-digit mobile numbers', () => {
    const eleven = ['020', '050', '060', '070', '080', '090', '0800'];
    const reserved = ['00', '010', '030', '040'];
    fc.assert(
      fc.property(fc.stringMatching(/^0[0-9]{9}$/), (number) => {
        const r = validatePhoneNumber(number);
        const expectedOk = !reserved.some((p) => number.startsWith(p)) && !eleven.some((p) => number.startsWith(p));
        expect(r.ok, number).toBe(expectedOk);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.constantFrom('070', '080', '090', '050', '020'), fc.stringMatching(/^[0-9]{8}$/), (p, rest) => {
        expect(validatePhoneNumber(p + rest).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('normalising is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (s) => void expect(normalizePhoneNumber(normalizePhoneNumber(s))).toBe(normalizePhoneNumber(s)),
      ),
      { numRuns: 500 },
    );
  });
});
