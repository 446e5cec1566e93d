import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFormValue, toHalfWidthAscii, trimFormText, type NormalizeKind } from '@onshikit/portal-forms';

const KINDS: NormalizeKind[] = ['name', 'secret', 'code', 'digits', 'symbol', 'date'];

describe('normaliser', () => {
  it('turns full-width ASCII into half-width for codes', () => {
    expect(toHalfWidthAscii('ＡＢＣ１２３！　～')).toBe('ABC123! ~');
    expect(normalizeFormValue('　ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ　', 'code')).toBe('yamada@example.jp');
    expect(normalizeFormValue('Ｗ００００００１', 'code')).toBe('W0000001');
  });

  it('maps dash variants to "-" and, for digits only, the prolonged sound mark too', () => {
    for (const dash of ['‐', '‑', '‒', '–', '—', '―', '−', '－', '﹣'])
      expect(normalizeFormValue(`03${dash}1234`, 'digits')).toBe('03-1234');
    expect(normalizeFormValue('03ー1234ｰ5678', 'digits')).toBe('03-1234-5678');
    expect(normalizeFormValue('ソーシャル', 'symbol')).toBe('ソーシャル');
  });

  it('never changes the characters of a name, only trims', () => {
    for (const name of ['髙橋', '山﨑', '神', '渡邊', 'ﾔﾏﾀﾞ', 'ＡＢＣ整骨院', '齋藤　一']) {
      expect(normalizeFormValue(` \u3000${name}\u200B `, 'name')).toBe(name);
    }
    // NFKC would have changed these: that is why names skip it.
    expect('ﾔﾏﾀﾞ'.normalize('NFKC')).not.toBe('ﾔﾏﾀﾞ');
    expect('\uFA19'.normalize('NFKC')).not.toBe('\uFA19');
    expect(normalizeFormValue('\uFA19', 'name')).toBe('\uFA19');
  });

  it('leaves secrets exactly as typed', () => {
    expect(normalizeFormValue('  Ｐａｓｓ 1 ', 'secret')).toBe('  Ｐａｓｓ 1 ');
  });

  it('turns ㍼ and ㋿ into era names for dates', () => {
    expect(normalizeFormValue('㍼５５年', 'date')).toBe('昭和55年');
    expect(normalizeFormValue('㋿元年', 'date')).toBe('令和元年');
  });

  it('passes non-strings through unchanged', () => {
    expect(normalizeFormValue(42, 'digits')).toBe(42);
    expect(normalizeFormValue(undefined, 'name')).toBeUndefined();
  });

  it('trims zero-width characters too', () => {
    expect(trimFormText('\uFEFF\u200B a \u3000')).toBe('a');
  });

  it('is idempotent for every kind', () => {
    for (const kind of KINDS) {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme' }), (s) => {
          const once = normalizeFormValue(s, kind);
          expect(normalizeFormValue(once, kind)).toBe(once);
        }),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...'０１２ー－‐ 　ＡａｱﾞＳ㍼①﨑\u200B\u0301´¨-'.split('')) }),
          (s) => {
            const once = normalizeFormValue(s, kind);
            expect(normalizeFormValue(once, kind)).toBe(once);
          },
        ),
        { numRuns: 500 },
      );
    }
  });
});
