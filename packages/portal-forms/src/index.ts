export { portalFormsMessages, formMessage, isPortalFormsErrorCode } from './messages.js';
export type {
  FormCodesNeedingDetail,
  FormDetailArg,
  FormDetailOption,
  FormMessage,
  FormMessageFactory,
  FormOptionsArg,
  FormPositionOption,
  MessageDetail,
  PortalFormsErrorCode,
  PortalFormsErrorDetails,
} from './messages.js';
export { PortalFormsError } from './errors.js';
export type { PortalFormsErrorOptions, Validation, ValidationFailure } from './errors.js';
export { normalizeFormValue, toHalfWidthAscii, trimFormText, stripSeparators } from './normalize.js';
export type { NormalizeKind } from './normalize.js';
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
export {
  ERAS,
  eraByKey,
  toWareki,
  fromWareki,
  warekiToCalendarDate,
  formatWareki,
  formatIsoDate,
  parseJapaneseDate,
  compareCalendarDates,
  daysInMonth,
  isRealDate,
  todayInJapan,
} from './japanese-calendar.js';
export type {
  CalendarDate,
  Era,
  EraKey,
  WarekiDate,
  WarekiOptions,
  FormatWarekiOptions,
  ParsedJapaneseDate,
} from './japanese-calendar.js';
export {
  detectAttachmentType,
  isAttachmentInput,
  isBlobLike,
  attachmentSize,
  attachmentHead,
  readBlobHead,
  RECEIPT_NOTICE_MAX_BYTES,
  ATTACHMENT_SNIFF_BYTES,
} from './file-type.js';
export type { AttachmentType, AttachmentInput, BlobLike } from './file-type.js';
export { formFieldRegistry, addFormIssue } from './schemas/field.js';
export type { FormFieldMeta, FormIssueOptions, FormIssueParams, FormIssueSink } from './schemas/field.js';
export {
  insurerNumberSchema,
  publicExpensePayerNumberSchema,
  publicExpenseRecipientNumberSchema,
  insuredCardSymbolSchema,
  insuredCardNumberSchema,
  insuredBranchNumberSchema,
  phoneNumberSchema,
  registrationSymbolNumberSchema,
} from './schemas/numbers.js';
export type { CheckedSchema } from './schemas/numbers.js';
export { passwordSchema, PASSWORD_MIN, PASSWORD_MAX } from './schemas/password.js';
export {
  userRegistrationSchema,
  AFFILIATIONS,
  AGREEMENT_TYPES,
  NAME_MAX,
  CLINIC_NAME_MAX,
  PRACTITIONER_NUMBER_MAX,
} from './schemas/user-registration.js';
export type { Affiliation, UserRegistration, UserRegistrationInput } from './schemas/user-registration.js';
export {
  usageStartApplicationSchema,
  createUsageStartApplicationSchema,
  birthDateSchema,
  receiptNoticeFileSchema,
  FACILITY_CONFIRMATION_METHODS,
  DEVICE_COUNT_MAX,
} from './schemas/usage-start-application.js';
export type { UsageStartApplication, UsageStartApplicationOptions } from './schemas/usage-start-application.js';
export { appSettingsSchema } from './schemas/app-settings.js';
export type { AppSettingsSheet } from './schemas/app-settings.js';
export { toFormErrors, validateForm, validateFormAsync, toFieldErrors } from './form-errors.js';
export type { FormError, FormErrorCode, FormValidation } from './form-errors.js';
export { formJsonSchema, formJsonSchemas } from './json-schema.js';
export type { FormJsonSchema } from './json-schema.js';
