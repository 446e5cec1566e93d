/**
 * `@onshikit/portal-forms`: the fields of the オンライン資格確認 portal's forms (user registration,
 * 利用開始申請, the app's settings sheet) as zod schemas with Japanese and English messages,
 * JSON Schemas, and the number rules and 和暦 calendar they stand on.
 *
 * The rule for this entry: it is the whole package. `/numbers` and `/wareki` are subsets for
 * code that wants the number rules or the calendar without zod; the root re-exports them whole
 * (`export *`), so each of their names is declared in one place.
 * @module
 */
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
// The numbers and tables, and 和暦 ↔ 西暦: the same names as the `/numbers` and `/wareki` entries.
export * from './numbers.js';
export * from './wareki.js';
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
