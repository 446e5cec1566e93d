import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  toFieldErrors,
  userRegistrationSchema,
  validateForm,
  type Affiliation,
  type PhoneNumber,
  type RegistrationSymbolNumber,
  type UserRegistration,
} from '@onshikit/portal-forms';
import { codes, typedRegistration } from './support/forms.js';

const check = (patch: Record<string, unknown>) =>
  validateForm(userRegistrationSchema, { ...typedRegistration, ...patch });

describe('user registration (初回ログイン時ユーザー登録)', () => {
  it('accepts what a practitioner types and normalises it', () => {
    const r = validateForm(userRegistrationSchema, typedRegistration);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const data: UserRegistration = r.data;
    expect(data).toEqual({
      familyName: '髙橋',
      givenName: '一郎',
      affiliation: 'judo-therapy',
      agreementType: '契',
      practitionerNumber: '12345',
      registrationSymbolNumber: '契2804440-0-0',
      clinicName: 'たかはし整骨院',
      phoneNumber: '0781234567',
      email: 'info@takahashi.example.jp',
      password: 'Judo2024ok',
      passwordConfirmation: 'Judo2024ok',
      agreeToTerms: true,
    });
  });

  it('z.infer gives branded, normalised types', () => {
    expectTypeOf<UserRegistration['phoneNumber']>().toEqualTypeOf<PhoneNumber>();
    expectTypeOf<UserRegistration['registrationSymbolNumber']>().toEqualTypeOf<RegistrationSymbolNumber>();
    expectTypeOf<UserRegistration['affiliation']>().toEqualTypeOf<Affiliation>();
    expectTypeOf<UserRegistration['agreementType']>().toEqualTypeOf<'協' | '契'>();
    expectTypeOf<UserRegistration['practitionerNumber']>().toEqualTypeOf<string | undefined>();
  });

  it('keeps names exactly (no NFKC on names)', () => {
    const r = check({ familyName: 'ﾀｶﾊｼ', givenName: '\uFA19', clinicName: 'ＡＢＣ整骨院' });
    expect(r.success && [r.data.familyName, r.data.givenName, r.data.clinicName]).toEqual([
      'ﾀｶﾊｼ',
      '\uFA19',
      'ＡＢＣ整骨院',
    ]);
  });

  it('requires every field and reports them all at once', () => {
    expect(codes(validateForm(userRegistrationSchema, {}))).toEqual([
      'familyName: FORM_REQUIRED',
      'givenName: FORM_REQUIRED',
      'affiliation: FORM_CHOICE_REQUIRED',
      'agreementType: FORM_CHOICE_REQUIRED',
      'registrationSymbolNumber: FORM_REQUIRED',
      'clinicName: FORM_REQUIRED',
      'phoneNumber: FORM_REQUIRED',
      'email: FORM_REQUIRED',
      'password: FORM_REQUIRED',
      'passwordConfirmation: FORM_REQUIRED',
      'agreeToTerms: FORM_AGREEMENT_REQUIRED',
    ]);
    expect(codes(check({ familyName: '　', clinicName: '' }))).toEqual([
      'familyName: FORM_REQUIRED',
      'clinicName: FORM_REQUIRED',
    ]);
  });

  it('limits names and rejects control characters', () => {
    expect(codes(check({ familyName: 'あ'.repeat(51) }))).toEqual(['familyName: FORM_TOO_LONG']);
    expect(codes(check({ givenName: '一\n郎' }))).toEqual(['givenName: FORM_CONTROL_CHARACTER']);
  });

  it('requires the 柔整師番号 for 施術所(柔道整復) only, digits only', () => {
    expect(codes(check({ practitionerNumber: '' }))).toEqual(['practitionerNumber: FORM_PRACTITIONER_NUMBER_REQUIRED']);
    expect(check({ practitionerNumber: '', affiliation: 'ahaki' }).success).toBe(true);
    expect(codes(check({ practitionerNumber: '12a45' }))).toEqual(['practitionerNumber: FORM_CHARACTERS']);
    expect(codes(check({ affiliation: 'hospital' }))).toEqual(['affiliation: invalid_value']);
  });

  it('checks the 登録記号番号 shape, prefecture and that 協/契 matches the choice', () => {
    expect(codes(check({ registrationSymbolNumber: '契280444-0-0' }))).toEqual([
      'registrationSymbolNumber: FORM_REGISTRATION_FORMAT',
    ]);
    expect(codes(check({ registrationSymbolNumber: '契4804440-0-0' }))).toEqual([
      'registrationSymbolNumber: FORM_PREFECTURE_CODE',
    ]);
    expect(codes(check({ registrationSymbolNumber: '協2804440-0-0' }))).toEqual([
      'registrationSymbolNumber: FORM_REGISTRATION_PREFIX_MISMATCH',
    ]);
    const r = check({ registrationSymbolNumber: '契2804440-0-0' });
    expect(r.success && r.data.registrationSymbolNumber).toBe('契2804440-0-0');
    const kyo = check({ agreementType: '協', registrationSymbolNumber: '2712345-0-0' });
    expect(kyo.success && kyo.data.registrationSymbolNumber).toBe('協2712345-0-0');
  });

  it('normalises hyphenated and full-width phone numbers and checks the length', () => {
    for (const phone of ['078-123-4567', '０７８ー１２３ー４５６７', '078 123 4567']) {
      const r = check({ phoneNumber: phone });
      expect(r.success && r.data.phoneNumber, phone).toBe('0781234567');
    }
    expect(codes(check({ phoneNumber: '078-123-456' }))).toEqual(['phoneNumber: FORM_PHONE_LENGTH']);
    expect(codes(check({ phoneNumber: '090-1234-5678' }))).toEqual([]);
  });

  it('checks the e-mail address with zod’s generic rule and message', () => {
    const r = check({ email: 'info@' });
    expect(codes(r)).toEqual(['email: invalid_format']);
    expect(r.success ? undefined : r.errors[0]?.message).toEqual({
      ja: '無効なメールアドレス',
      en: 'Invalid email address',
    });
  });

  it('enforces the password rules: 8-100 characters, upper, lower, digit', () => {
    expect(codes(check({ password: 'Abcdef12', passwordConfirmation: 'Abcdef12' }))).toEqual([]);
    expect(codes(check({ password: 'Abcde12', passwordConfirmation: 'Abcde12' }))).toEqual([
      'password: FORM_PASSWORD_LENGTH',
    ]);
    const hundred = 'Aa1' + 'x'.repeat(97);
    expect(codes(check({ password: hundred, passwordConfirmation: hundred }))).toEqual([]);
    const hundredOne = hundred + 'y';
    const long = check({ password: hundredOne, passwordConfirmation: hundredOne });
    expect(codes(long)).toEqual(['password: FORM_PASSWORD_LENGTH']);
    expect(long.success ? '' : long.errors[0]!.message.ja).toContain('入力は101文字');
    expect(codes(check({ password: 'abcdefg1', passwordConfirmation: 'abcdefg1' }))).toEqual([
      'password: FORM_PASSWORD_UPPERCASE',
    ]);
    expect(codes(check({ password: 'ABCDEFG1', passwordConfirmation: 'ABCDEFG1' }))).toEqual([
      'password: FORM_PASSWORD_LOWERCASE',
    ]);
    expect(codes(check({ password: 'Abcdefgh', passwordConfirmation: 'Abcdefgh' }))).toEqual([
      'password: FORM_PASSWORD_DIGIT',
    ]);
    expect(codes(check({ password: 'abc', passwordConfirmation: 'abc' }))).toEqual([
      'password: FORM_PASSWORD_LENGTH',
      'password: FORM_PASSWORD_UPPERCASE',
      'password: FORM_PASSWORD_DIGIT',
    ]);
  });

  it('rejects a password typed with the IME on (full-width) and never normalises it', () => {
    expect(codes(check({ password: 'Ｊｕｄｏ２０２４ｏｋ', passwordConfirmation: 'Ｊｕｄｏ２０２４ｏｋ' }))).toEqual([
      'password: FORM_PASSWORD_CHARACTERS',
      'password: FORM_PASSWORD_UPPERCASE',
      'password: FORM_PASSWORD_LOWERCASE',
      'password: FORM_PASSWORD_DIGIT',
    ]);
    const spaced = check({ password: ' Judo2024ok ', passwordConfirmation: ' Judo2024ok ' });
    expect(spaced.success && spaced.data.password).toBe(' Judo2024ok ');
  });

  it('puts the confirmation error on the confirmation field, even when other fields fail', () => {
    expect(codes(check({ passwordConfirmation: 'Judo2024OK' }))).toEqual([
      'passwordConfirmation: FORM_PASSWORD_MISMATCH',
    ]);
    expect(codes(check({ passwordConfirmation: 'Judo2024OK', email: '', phoneNumber: '1' }))).toEqual([
      'phoneNumber: FORM_PHONE_PREFIX',
      'email: FORM_REQUIRED',
      'passwordConfirmation: FORM_PASSWORD_MISMATCH',
    ]);
    expect(codes(check({ passwordConfirmation: '' }))).toEqual(['passwordConfirmation: FORM_REQUIRED']);
  });

  it('requires the agreement to be ticked; accepts the checkbox value "on"', () => {
    expect(codes(check({ agreeToTerms: false }))).toEqual(['agreeToTerms: FORM_AGREEMENT_REQUIRED']);
    expect(codes(check({ agreeToTerms: undefined }))).toEqual(['agreeToTerms: FORM_AGREEMENT_REQUIRED']);
    expect(check({ agreeToTerms: 'on' }).success).toBe(true);
  });

  it('never puts the password into errors', () => {
    const r = check({ password: 'Ｓｅｃｒｅｔ', passwordConfirmation: 'other-secret' });
    expect(JSON.stringify(r)).not.toContain('Ｓｅｃｒｅｔ');
    expect(JSON.stringify(r)).not.toContain('other-secret');
  });

  it('gives react-hook-form style field errors', () => {
    const r = check({ phoneNumber: '03', passwordConfirmation: 'x' });
    expect(toFieldErrors(r.success ? [] : r.errors, 'en')).toEqual({
      phoneNumber: { type: 'FORM_PHONE_LENGTH', message: 'Phone numbers starting "03" have 10 digits (got 2).' },
      passwordConfirmation: {
        type: 'FORM_PASSWORD_MISMATCH',
        message: 'The confirmation does not match the password.',
      },
    });
  });

  it('rejects a non-object with a generic message in both languages', () => {
    const r = validateForm(userRegistrationSchema, 'form');
    expect(r.success).toBe(false);
    expect(r.success ? undefined : r.errors[0]).toMatchObject({ path: '', code: 'invalid_type' });
    expect(r.success ? '' : r.errors[0]!.message.ja).toContain('無効な入力');
  });
});
