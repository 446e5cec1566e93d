import { describe, expect, it } from 'vitest';
import { validateRegistrationSymbolNumber } from '@onshikit/portal-forms';

describe('登録記号番号', () => {
  it('accepts 協|契 + 7 digits + -d-d with or without hyphens, and normalises', () => {
    const cases: [string, string][] = [
      ['契2804440-0-0', '契2804440-0-0'],
      ['契280444000', '契2804440-0-0'],
      ['契２８０４４４０－０－０', '契2804440-0-0'],
      ['協 2712345-1-2', '協2712345-1-2'],
      ['2804440-0-0', '2804440-0-0'],
      ['280444000', '2804440-0-0'],
      ['協1300001ー0ー0', '協1300001-0-0'],
      ['契 2804440 - 0 - 0', '契2804440-0-0'],
    ];
    for (const [typed, formatted] of cases) {
      const r = validateRegistrationSymbolNumber(typed);
      expect(r.ok && r.value.formatted, typed).toBe(formatted);
    }
    const r = validateRegistrationSymbolNumber('契2804440-0-0');
    expect(r.ok && r.value.prefecture.ja).toBe('兵庫県');
    expect(r.ok && r.value.agreement).toBe('契');
  });

  it('rejects other shapes', () => {
    for (const bad of [
      '契280444-0-0',
      '契2804440-00',
      '契2804440-0',
      '約2804440-0-0',
      '契28044400000',
      '契2804440-0-0-0',
      'abc',
    ]) {
      expect(validateRegistrationSymbolNumber(bad), bad).toMatchObject({
        ok: false,
        error: { code: 'FORM_REGISTRATION_FORMAT' },
      });
    }
  });

  it('checks the prefecture code 01-47 at the start of the digits', () => {
    expect(validateRegistrationSymbolNumber('契4804440-0-0')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PREFECTURE_CODE', position: 1, detail: { value: '48' } },
    });
    expect(validateRegistrationSymbolNumber('0004440-0-0')).toMatchObject({
      ok: false,
      error: { code: 'FORM_PREFECTURE_CODE', position: 0 },
    });
    expect(validateRegistrationSymbolNumber('契0104440-0-0').ok).toBe(true);
    expect(validateRegistrationSymbolNumber('契4704440-0-0').ok).toBe(true);
  });
});
