import { describe, expect, it } from 'vitest';
import {
  HOUBETSU,
  houbetsuByCode,
  parseInsurerNumber,
  PortalFormsError,
  prefectureByCode,
  PREFECTURES,
  validateInsuredBranchNumber,
  validateInsuredCardNumber,
  validateInsuredCardSymbol,
  validateInsurerNumber,
  validatePublicExpensePayerNumber,
  validatePublicExpenseRecipientNumber,
  withCheckDigit,
  type Validation,
} from '@onshikit/portal-forms';

function errorOf<T>(r: Validation<T>): PortalFormsError {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('保険者番号', () => {
  it('accepts 8-digit numbers and explains their parts', () => {
    const r = validateInsurerNumber('01130012');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.value).toBe('01130012');
    expect(r.value.kind).toBe('employee-or-other');
    expect(r.value.houbetsu?.ja).toContain('協会けんぽ');
    expect(r.value.houbetsu?.claimKind).toBe(1);
    expect(r.value.prefecture.ja).toBe('東京都');
    expect(r.value.serial).toBe('001');
    expect(r.value.checkDigit).toBe(2);
  });

  it('accepts full-width digits, hyphens and spaces', () => {
    for (const typed of ['０１１３００１２', '01-13-001-2', ' 0113 0012 ', '０１－１３－００１－２', '01ー13ー0012']) {
      const r = validateInsurerNumber(typed);
      expect(r.ok, typed).toBe(true);
      if (r.ok) expect(r.value.value).toBe('01130012');
    }
  });

  it('accepts 6-digit 国保 numbers and the 00-padded 8-digit form', () => {
    const six = withCheckDigit('13104');
    const r = validateInsurerNumber(six);
    expect(r.ok && r.value.kind).toBe('national-health');
    expect(r.ok && r.value.houbetsu).toBeUndefined();
    expect(r.ok && r.value.prefecture.code).toBe('13');
    const padded = validateInsurerNumber('00' + six);
    expect(padded.ok && padded.value.value).toBe(six);
    const unpadded = validateInsurerNumber('00' + six, { acceptPaddedNationalHealth: false });
    expect(unpadded.ok && unpadded.value.kind).toBe('employee-or-other');
    expect(unpadded.ok && unpadded.value.houbetsu).toBeUndefined();
  });

  it('says which digit is wrong when the check digit fails', () => {
    const e = errorOf(validateInsurerNumber('01130013'));
    expect(e.code).toBe('FORM_CHECK_DIGIT');
    expect(e.position).toBe(7);
    expect(e.hasCode('FORM_CHECK_DIGIT') && e.detail.expected).toBe(2);
    expect(e.hasCode('FORM_CHECK_DIGIT') && e.detail.actual).toBe(3);
    expect(e.messages.ja).toContain('8桁目');
    const six = errorOf(validateInsurerNumber('131046'));
    expect(six.position).toBe(5);
  });

  it('points at a non-digit, a bad length and a bad prefecture code', () => {
    expect(errorOf(validateInsurerNumber('0113O012'))).toMatchObject({ code: 'FORM_DIGITS_ONLY', position: 4 });
    expect(errorOf(validateInsurerNumber('0113001'))).toMatchObject({
      code: 'FORM_LENGTH',
      detail: { expected: [6, 8], actual: 7 },
    });
    expect(errorOf(validateInsurerNumber(withCheckDigit('0148001')))).toMatchObject({
      code: 'FORM_PREFECTURE_CODE',
      position: 2,
      detail: { value: '48' },
    });
    expect(errorOf(validateInsurerNumber(withCheckDigit('00001')))).toMatchObject({
      code: 'FORM_PREFECTURE_CODE',
      position: 0,
    });
    expect(errorOf(validateInsurerNumber(''))).toMatchObject({ code: 'FORM_REQUIRED' });
    expect(errorOf(validateInsurerNumber(12345678))).toMatchObject({ code: 'FORM_REQUIRED' });
  });

  it('optionally rejects undocumented 法別番号', () => {
    const unknown = withCheckDigit('0813001');
    expect(validateInsurerNumber(unknown).ok).toBe(true);
    expect(errorOf(validateInsurerNumber(unknown, { requireKnownHoubetsu: true }))).toMatchObject({
      code: 'FORM_HOUBETSU_UNKNOWN',
      position: 0,
    });
    expect(validateInsurerNumber('39131156', { requireKnownHoubetsu: true }).ok).toBe(true);
  });

  it('parseInsurerNumber throws the typed error', () => {
    expect(parseInsurerNumber('39131156').houbetsu?.code).toBe('39');
    expect(() => parseInsurerNumber('39131157')).toThrow(PortalFormsError);
  });
});

describe('公費負担者番号 and 受給者番号', () => {
  it('accepts a valid 公費負担者番号 with its 法別 and prefecture', () => {
    const r = validatePublicExpensePayerNumber(withCheckDigit('5413601'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.houbetsu?.ja).toContain('難病');
    expect(r.value.prefecture.ja).toBe('東京都');
    expect(r.value.agency).toBe('601');
  });

  it('reports the check digit position, length and prefecture', () => {
    const good = withCheckDigit('1227001');
    const bad = good.slice(0, 7) + String((Number(good[7]) + 1) % 10);
    expect(errorOf(validatePublicExpensePayerNumber(bad))).toMatchObject({ code: 'FORM_CHECK_DIGIT', position: 7 });
    expect(errorOf(validatePublicExpensePayerNumber('123456'))).toMatchObject({
      code: 'FORM_LENGTH',
      detail: { expected: [8] },
    });
    expect(errorOf(validatePublicExpensePayerNumber(withCheckDigit('1299001')))).toMatchObject({
      code: 'FORM_PREFECTURE_CODE',
      position: 2,
    });
    expect(
      errorOf(validatePublicExpensePayerNumber(withCheckDigit('0113001'), { requireKnownHoubetsu: true })),
    ).toMatchObject({ code: 'FORM_HOUBETSU_UNKNOWN' });
  });

  it('checks 7-digit 受給者番号', () => {
    expect(validatePublicExpenseRecipientNumber('1234566')).toEqual({ ok: true, value: '1234566' });
    expect(validatePublicExpenseRecipientNumber('１２３４５６６').ok).toBe(true);
    expect(errorOf(validatePublicExpenseRecipientNumber('1234567'))).toMatchObject({
      code: 'FORM_CHECK_DIGIT',
      position: 6,
      detail: { expected: 6 },
    });
    expect(errorOf(validatePublicExpenseRecipientNumber('12345667'))).toMatchObject({ code: 'FORM_LENGTH' });
  });
});

describe('被保険者記号・番号・枝番', () => {
  it('normalises NFKC and dash variants, keeps kanji and kana', () => {
    expect(validateInsuredCardSymbol('ａｂ－１２３')).toEqual({ ok: true, value: 'ab-123' });
    expect(validateInsuredCardSymbol(' 埼玉‐１２ ')).toEqual({ ok: true, value: '埼玉-12' });
    expect(validateInsuredCardSymbol('東−１２')).toEqual({ ok: true, value: '東-12' });
    expect(validateInsuredCardSymbol('ｱｲｳ 12')).toEqual({ ok: true, value: 'アイウ 12' });
    expect(validateInsuredCardSymbol('①２')).toEqual({ ok: true, value: '12' });
    expect(validateInsuredCardNumber('１２３４　５')).toEqual({ ok: true, value: '1234 5' });
    expect(validateInsuredCardSymbol('12345678')).toEqual({ ok: true, value: '12345678' });
  });

  it('rejects empty, symbols and overlong values', () => {
    expect(errorOf(validateInsuredCardSymbol('  '))).toMatchObject({ code: 'FORM_REQUIRED' });
    expect(errorOf(validateInsuredCardSymbol('12#4'))).toMatchObject({ code: 'FORM_CHARACTERS', position: 2 });
    expect(errorOf(validateInsuredCardNumber('1'.repeat(39)))).toMatchObject({ code: 'FORM_TOO_LONG' });
  });

  it('keeps 枝番 as exactly two characters', () => {
    expect(validateInsuredBranchNumber('01')).toEqual({ ok: true, value: '01' });
    expect(validateInsuredBranchNumber('００')).toEqual({ ok: true, value: '00' });
    expect(errorOf(validateInsuredBranchNumber('1'))).toMatchObject({ code: 'FORM_LENGTH', detail: { actual: 1 } });
    expect(errorOf(validateInsuredBranchNumber('001'))).toMatchObject({ code: 'FORM_LENGTH' });
    expect(errorOf(validateInsuredBranchNumber('0a'))).toMatchObject({ code: 'FORM_DIGITS_ONLY', position: 1 });
  });
});

describe('tables', () => {
  it('has the 47 prefectures in JIS order', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(prefectureByCode('01')?.ja).toBe('北海道');
    expect(prefectureByCode('13')?.en).toBe('Tokyo');
    expect(prefectureByCode('28')?.ja).toBe('兵庫県');
    expect(prefectureByCode('47')?.ja).toBe('沖縄県');
    expect(prefectureByCode('00')).toBeUndefined();
    expect(prefectureByCode('48')).toBeUndefined();
    expect(new Set(PREFECTURES.map((p) => p.ja)).size).toBe(47);
  });

  it('lists 法別番号 once each with names', () => {
    expect(new Set(HOUBETSU.map((h) => h.code)).size).toBe(HOUBETSU.length);
    expect(houbetsuByCode('39')?.ja).toContain('後期高齢者');
    expect(houbetsuByCode('12')?.category).toBe('public-expense');
    expect(houbetsuByCode('06')?.claimKind).toBe(2);
    expect(houbetsuByCode('99')).toBeUndefined();
    for (const h of HOUBETSU) expect(h.ja && h.en, h.code).toBeTruthy();
  });
});
