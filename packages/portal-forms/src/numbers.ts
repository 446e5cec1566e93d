/**
 * `@onshikit/portal-forms/numbers`: the insurance numbers, check digits, phone numbers and tables
 * on their own, without zod or the form schemas (for a rececon's import or claim checks).
 * @module
 */
export { checkDigitOf, withCheckDigit, hasValidCheckDigit } from './check-digit.js';
export { PREFECTURES, prefectureByCode } from './prefectures.js';
export type { Prefecture } from './prefectures.js';
export { HOUBETSU, houbetsuByCode } from './houbetsu.js';
export type { Houbetsu, HoubetsuCategory } from './houbetsu.js';
export { validateInsurerNumber, parseInsurerNumber } from './insurer-number.js';
export type { InsurerNumber, InsurerNumberInfo, InsurerNumberOptions } from './insurer-number.js';
export { validatePublicExpensePayerNumber, validatePublicExpenseRecipientNumber } from './public-expense.js';
export type {
  PublicExpensePayerNumber,
  PublicExpenseRecipientNumber,
  PublicExpensePayerInfo,
  PublicExpensePayerOptions,
} from './public-expense.js';
export {
  validateInsuredCardSymbol,
  validateInsuredCardNumber,
  validateInsuredBranchNumber,
  INSURED_CARD_TEXT_MAX,
} from './insured-card.js';
export type { InsuredCardSymbol, InsuredCardNumber, InsuredBranchNumber } from './insured-card.js';
export { validatePhoneNumber, normalizePhoneNumber } from './phone.js';
export type { PhoneNumber } from './phone.js';
export { validateRegistrationSymbolNumber, formatRegistrationSymbolNumber } from './registration-number.js';
export type { AgreementType, RegistrationSymbolNumber, RegistrationSymbolNumberInfo } from './registration-number.js';
export { normalizeFormValue, toHalfWidthAscii, trimFormText, stripSeparators } from './normalize.js';
export type { NormalizeKind } from './normalize.js';
export { PortalFormsError } from './errors.js';
export type { Validation, ValidationFailure } from './errors.js';
