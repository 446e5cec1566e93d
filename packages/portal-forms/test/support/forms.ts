import type { FormValidation } from '@onshikit/portal-forms';

/** A filled-in user registration as a practitioner types it (full-width, hyphens …). */
export const typedRegistration = {
  familyName: ' 髙橋 ',
  givenName: '一郎',
  affiliation: 'judo-therapy',
  agreementType: '契',
  practitionerNumber: '１２３４５',
  registrationSymbolNumber: '２８０４４４０００',
  clinicName: 'たかはし整骨院',
  phoneNumber: '０７８－１２３－４５６７',
  email: 'ｉｎｆｏ＠ｔａｋａｈａｓｈｉ．ｅｘａｍｐｌｅ．ｊｐ',
  password: 'Judo2024ok',
  passwordConfirmation: 'Judo2024ok',
  agreeToTerms: true,
};

/** `path: code` pairs of a failed validation, for compact assertions. */
export function codes(r: FormValidation<unknown>): string[] {
  return r.success ? [] : r.errors.map((e) => `${e.path}: ${e.code}`);
}
