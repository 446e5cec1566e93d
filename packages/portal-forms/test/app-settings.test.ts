import { describe, expect, it } from 'vitest';
import { appSettingsSchema, validateForm, type AppSettingsSheet } from '@onshikit/portal-forms';
import { codes } from './support/forms.js';

const sheet = {
  institutionCode: '２８１２３４５６７８',
  institutionName: ' たかはし整骨院 ',
  accountId: 'Ｗ０００００１２',
  password: 'Pa55-word!',
  passcode: '123456',
  activationCode: 'abcd-ＥＦＧＨ-1234',
};
const check = (patch: Record<string, unknown>) => validateForm(appSettingsSchema, { ...sheet, ...patch });

describe('app settings sheet (マイナ資格確認アプリユーザー設定情報)', () => {
  it('accepts the sheet as typed and normalises codes, not secrets', () => {
    const r = validateForm(appSettingsSchema, sheet);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const data: AppSettingsSheet = r.data;
    expect(data).toEqual({
      institutionCode: '2812345678',
      institutionName: 'たかはし整骨院',
      accountId: 'W0000012',
      password: 'Pa55-word!',
      passcode: '123456',
      activationCode: 'abcd-EFGH-1234',
    });
  });

  it('requires every item', () => {
    expect(codes(validateForm(appSettingsSchema, {}))).toEqual([
      'institutionCode: FORM_REQUIRED',
      'institutionName: FORM_REQUIRED',
      'accountId: FORM_REQUIRED',
      'password: FORM_REQUIRED',
      'passcode: FORM_REQUIRED',
      'activationCode: FORM_REQUIRED',
    ]);
  });

  it('applies the permissive character rules', () => {
    expect(codes(check({ accountId: 'W-0000001' }))).toEqual(['accountId: FORM_CHARACTERS']);
    expect(codes(check({ institutionCode: '28 1234' }))).toEqual(['institutionCode: FORM_CHARACTERS']);
    expect(codes(check({ institutionCode: '1'.repeat(21) }))).toEqual(['institutionCode: FORM_TOO_LONG']);
    expect(codes(check({ password: 'パスワード' }))).toEqual(['password: FORM_CHARACTERS']);
    expect(codes(check({ passcode: '１２３' }))).toEqual(['passcode: FORM_CHARACTERS']);
    expect(codes(check({ activationCode: 'ab_cd' }))).toEqual(['activationCode: FORM_CHARACTERS']);
  });
});
